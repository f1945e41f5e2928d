package org.redciudades.identity.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    static final Duration RETAIN = Duration.ofHours(2);
    static final Duration ROTATE_AFTER = Duration.ofDays(30);

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-01T12:00:00Z"));

    @Test
    void a_rotated_key_stays_in_the_jwks_for_the_retention_time_then_leaves() {
        var ring = new KeyRing(Optional.empty(), RETAIN, ROTATE_AFTER, clock);
        var first = ring.signingKey().getKeyID();

        clock.advance(Duration.ofMinutes(10));
        var second = ring.rotate().getKeyID();

        assertThat(ring.signingKey().getKeyID()).isEqualTo(second);
        assertThat(ring.keyIds()).containsExactly(second, first);
        assertThat(ring.get(new JWKSelector(new JWKMatcher.Builder().build()), null)).hasSize(2);

        clock.advance(RETAIN.minusSeconds(1));
        assertThat(ring.keyIds()).containsExactly(second, first);

        clock.advance(Duration.ofSeconds(1));
        assertThat(ring.keyIds()).containsExactly(second);
    }

    @Test
    void each_superseded_key_leaves_the_retention_time_after_its_successor_started_signing() {
        var ring = new KeyRing(Optional.empty(), RETAIN, ROTATE_AFTER, clock);
        var first = ring.signingKey().getKeyID();
        clock.advance(Duration.ofMinutes(1));
        var second = ring.rotate().getKeyID();
        clock.advance(Duration.ofMinutes(59));
        var third = ring.rotate().getKeyID();

        clock.advance(Duration.ofMinutes(61));
        assertThat(ring.keyIds()).containsExactly(third, second);

        clock.advance(Duration.ofMinutes(59));
        assertThat(ring.keyIds()).containsExactly(third);
        assertThat(first).isNotIn(ring.keyIds());
    }

    @Test
    void keys_made_within_the_same_second_keep_their_order() {
        var ring = new KeyRing(Optional.empty(), RETAIN, ROTATE_AFTER, clock);
        var first = ring.signingKey();
        var second = ring.rotate();

        assertThat(second.getIssueTime()).isAfter(first.getIssueTime());
        assertThat(ring.keyIds()).containsExactly(second.getKeyID(), first.getKeyID());
    }

    @Test
    void a_signing_key_older_than_rotate_after_is_replaced_when_the_keys_are_next_asked_for() {
        var ring = new KeyRing(Optional.empty(), RETAIN, ROTATE_AFTER, clock);
        var old = ring.signingKey().getKeyID();

        clock.advance(ROTATE_AFTER);

        var current = ring.signingKey().getKeyID();
        assertThat(current).isNotEqualTo(old);
        assertThat(ring.keyIds()).containsExactly(current, old);
    }

    @Test
    void keys_kept_in_a_directory_are_the_same_after_a_restart_and_readable_by_the_owner_only(@TempDir Path dir) throws Exception {
        var before = new KeyRing(Optional.of(dir), RETAIN, ROTATE_AFTER, clock);
        before.rotate();
        var ids = before.keyIds();

        var after = new KeyRing(Optional.of(dir), RETAIN, ROTATE_AFTER, clock);

        assertThat(after.keyIds()).isEqualTo(ids);
        assertThat(after.signingKey().toRSAPublicKey()).isEqualTo(before.signingKey().toRSAPublicKey());
        assertThat(after.signingKey().toRSAPrivateKey()).isEqualTo(before.signingKey().toRSAPrivateKey());
        for (var id : ids) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(id + ".json"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void a_key_that_leaves_the_jwks_is_deleted_from_the_directory(@TempDir Path dir) {
        var ring = new KeyRing(Optional.of(dir), RETAIN, ROTATE_AFTER, clock);
        var old = ring.signingKey().getKeyID();
        clock.advance(Duration.ofMinutes(1));
        ring.rotate();

        clock.advance(RETAIN);
        ring.keyIds();

        assertThat(dir.resolve(old + ".json")).doesNotExist();
        assertThat(new KeyRing(Optional.of(dir), RETAIN, ROTATE_AFTER, clock).keyIds()).isEqualTo(ring.keyIds());
    }

    static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
