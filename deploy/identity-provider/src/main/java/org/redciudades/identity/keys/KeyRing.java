package org.redciudades.identity.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's RSA signing keys, newest first. New tokens are signed with the newest; the JWKS publishes every key
 * still retained, so tokens signed before a rotation keep verifying. A key that has been superseded for longer than
 * {@code retain} is dropped, and a new signing key is made when the newest is {@code rotateAfter} old. Both are
 * checked whenever the keys are asked for, so there is no timer.
 * <p>
 * With a directory each key is a JWK file ({@code <kid>.json}, private parts included, readable by the owner only),
 * so tokens survive restarts; without one the keys live in memory.
 */
public class KeyRing implements JWKSource<SecurityContext> {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);
    private static final int KEY_SIZE = 2048;
    private static final String SUFFIX = ".json";

    private final Optional<Path> directory;
    private final Duration retain;
    private final Duration rotateAfter;
    private final Clock clock;
    /** Newest first. */
    private final List<RSAKey> keys = new ArrayList<>();

    public KeyRing(Optional<Path> directory, Duration retain, Duration rotateAfter, Clock clock) {
        this.directory = directory;
        this.retain = retain;
        this.rotateAfter = rotateAfter;
        this.clock = clock;
        directory.ifPresent(this::load);
        refresh();
    }

    @Override
    public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) {
        refresh();
        return selector.select(new JWKSet(List.copyOf(keys)));
    }

    /** The key new tokens are signed with. */
    public synchronized RSAKey signingKey() {
        refresh();
        return keys.getFirst();
    }

    /** The ids of the keys in the JWKS, newest first. */
    public synchronized List<String> keyIds() {
        refresh();
        return keys.stream().map(JWK::getKeyID).toList();
    }

    /** Makes a new signing key; the others stay in the JWKS for {@code retain}. */
    public synchronized RSAKey rotate() {
        var key = generate();
        keys.addFirst(key);
        directory.ifPresent(dir -> save(dir, key));
        log.info("New signing key {}; the JWKS has {}", key.getKeyID(), keys.stream().map(JWK::getKeyID).toList());
        return key;
    }

    private void refresh() {
        if (keys.isEmpty() || !createdAt(keys.getFirst()).plus(rotateAfter).isAfter(clock.instant())) {
            rotate();
        }
        // A key is dropped once its successor has signed for longer than retain; older keys go with it.
        for (int i = 1; i < keys.size(); i++) {
            if (!createdAt(keys.get(i - 1)).plus(retain).isAfter(clock.instant())) {
                var dropped = List.copyOf(keys.subList(i, keys.size()));
                keys.subList(i, keys.size()).clear();
                dropped.forEach(this::delete);
                log.info("Keys {} left the JWKS", dropped.stream().map(JWK::getKeyID).toList());
                break;
            }
        }
    }

    private RSAKey generate() {
        // The order of the keys is their issue time, which a JWK keeps in whole seconds: a key made within the same
        // second as the newest is dated one second later, so the order survives a restart.
        var issued = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!keys.isEmpty() && !issued.isAfter(createdAt(keys.getFirst()))) {
            issued = createdAt(keys.getFirst()).plusSeconds(1);
        }
        try {
            return new RSAKeyGenerator(KEY_SIZE)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .issueTime(Date.from(issued))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make an RSA key", e);
        }
    }

    private static Instant createdAt(RSAKey key) {
        return key.getIssueTime().toInstant();
    }

    private void load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (var file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                var key = RSAKey.parse(Files.readString(file));
                if (key.getIssueTime() == null || !key.isPrivate()) {
                    throw new IllegalStateException(file + " is not a private RSA key with an issue time (iat)");
                }
                keys.add(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the keys in " + dir, e);
        } catch (ParseException e) {
            throw new IllegalStateException("A key in " + dir + " is not a JWK: " + e.getMessage(), e);
        }
        keys.sort(Comparator.comparing(KeyRing::createdAt).reversed());
        log.info("Keys read from {}: {}", dir, keys.stream().map(JWK::getKeyID).toList());
    }

    private static void save(Path dir, RSAKey key) {
        try {
            Files.createDirectories(dir);
            var file = dir.resolve(key.getKeyID() + SUFFIX);
            var temporary = dir.resolve(key.getKeyID() + SUFFIX + ".tmp");
            Files.deleteIfExists(temporary);
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, key.toJSONString());
            Files.move(temporary, file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the key " + key.getKeyID() + " in " + dir, e);
        }
    }

    private void delete(RSAKey key) {
        directory.ifPresent(dir -> {
            try {
                Files.deleteIfExists(dir.resolve(key.getKeyID() + SUFFIX));
            } catch (IOException e) {
                log.warn("Cannot delete the dropped key {} in {}: {}", key.getKeyID(), dir, e.toString());
            }
        });
    }
}
