package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The manage links' tokens: made only with the key, for one registration; a blank key is refused. */
class GuestLinksTest {

    static final String SECRET = "a-long-random-secret-for-this-test-only-4f1c9a2e7b";

    final GuestLinks links = new GuestLinks(new GuestLinks.Settings(SECRET));

    @Test
    void a_token_opens_its_own_registration_only_and_only_under_the_key_that_made_it() {
        UUID registration = UUID.randomUUID();
        String token = links.tokenFor(registration);

        assertThat(token).matches("[A-Za-z0-9_-]{43}").isEqualTo(links.tokenFor(registration));
        assertThat(links.verify(registration, token)).isTrue();
        assertThat(links.verify(UUID.randomUUID(), token)).isFalse();
        assertThat(new GuestLinks(new GuestLinks.Settings(SECRET + "x")).verify(registration, token))
                .as("another key").isFalse();
        for (String wrong : new String[] {null, "", "%%%", token.substring(2), token + "AA"}) {
            assertThat(links.verify(registration, wrong)).as(wrong).isFalse();
        }
    }

    @Test
    void a_blank_key_is_refused() {
        assertThatThrownBy(() -> new GuestLinks(new GuestLinks.Settings(" ")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("EVENTS_GUESTLINKS_SECRET");
    }
}
