package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;

/** The manage links' tokens: made only with the key, for one registration, and the development key is flagged. */
class GuestLinksTest {

    static final String SECRET = "a-long-random-secret-for-this-test-only-4f1c9a2e7b";

    final GuestLinks links = new GuestLinks(new GuestLinks.Settings(SECRET), new MockEnvironment());

    @Test
    void a_token_opens_its_own_registration_only_and_only_under_the_key_that_made_it() {
        UUID registration = UUID.randomUUID();
        String token = links.tokenFor(registration);

        assertThat(token).matches("[A-Za-z0-9_-]{43}").isEqualTo(links.tokenFor(registration));
        assertThat(links.verify(registration, token)).isTrue();
        assertThat(links.verify(UUID.randomUUID(), token)).isFalse();
        assertThat(new GuestLinks(new GuestLinks.Settings(SECRET + "x"), new MockEnvironment()).verify(registration, token))
                .as("another key").isFalse();
        for (String wrong : new String[] {null, "", "%%%", token.substring(2), token + "AA"}) {
            assertThat(links.verify(registration, wrong)).as(wrong).isFalse();
        }
    }

    @Test
    void the_development_key_is_flagged_at_start_unless_the_local_profile_is_active_and_a_blank_one_is_refused() {
        Logger logger = (Logger) LoggerFactory.getLogger(GuestLinks.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            new GuestLinks(new GuestLinks.Settings(GuestLinks.DEVELOPMENT_SECRET), new MockEnvironment());
            MockEnvironment local = new MockEnvironment();
            local.setActiveProfiles("local");
            new GuestLinks(new GuestLinks.Settings(GuestLinks.DEVELOPMENT_SECRET), local);
            new GuestLinks(new GuestLinks.Settings(SECRET), new MockEnvironment());
        } finally {
            logger.detachAppender(logged);
        }
        assertThat(logged.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel().toString()).isEqualTo("WARN");
            assertThat(event.getFormattedMessage()).contains("events.guest-links.secret").contains("EVENTS_GUEST_LINKS_SECRET");
        });
        assertThatThrownBy(() -> new GuestLinks(new GuestLinks.Settings(" "), new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class);
    }
}
