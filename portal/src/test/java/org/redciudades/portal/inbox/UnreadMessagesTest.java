package org.redciudades.portal.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;

class UnreadMessagesTest {

    @Test
    void the_count_is_asked_for_once_and_only_when_the_header_needs_it() {
        AtomicInteger calls = new AtomicInteger();
        UnreadMessages unread = UnreadMessages.later(() -> {
            calls.incrementAndGet();
            return 3;
        });
        assertThat(calls).hasValue(0);

        assertThat(unread.count()).isEqualTo(3);
        assertThat(unread.count()).isEqualTo(3);
        assertThat(calls).hasValue(1);
    }

    @Test
    void when_notification_service_does_not_answer_the_count_is_unknown_and_nothing_fails() {
        UnreadMessages unread = UnreadMessages.later(() -> {
            throw new ResourceAccessException("I/O error on GET request: Connection refused");
        });

        assertThat(unread.count()).isNull();
    }
}
