package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whose address a guest registration counts against: {@code X-Forwarded-For} is believed only from a
 * trusted proxy, and then only as far as the proxies' own entries go.
 */
class GuestClientAddressTest {

    final GuestLimits limits = new GuestLimits(new GuestLimits.Settings(5, 20, Duration.ofHours(1),
            List.of("127.0.0.1", "::1", "10.0.0.5")), null, Clock.systemUTC(), new SimpleMeterRegistry());

    @Test
    void a_caller_that_is_not_a_trusted_proxy_is_the_client_whatever_its_forwarded_for_says() {
        assertThat(limits.clientAddress("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
        assertThat(limits.clientAddress("198.51.100.7", null)).isEqualTo("198.51.100.7");
    }

    @Test
    void behind_a_trusted_proxy_the_client_is_the_nearest_forwarded_address_that_is_not_a_trusted_proxy() {
        assertThat(limits.clientAddress("127.0.0.1", "203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(limits.clientAddress("127.0.0.1", "192.0.2.1, 203.0.113.9"))
                .as("the leftmost entry is whatever the visitor sent; the proxy appended the visitor's own")
                .isEqualTo("203.0.113.9");
        assertThat(limits.clientAddress("127.0.0.1", "203.0.113.9, 10.0.0.5")).as("through two trusted proxies")
                .isEqualTo("203.0.113.9");
        assertThat(limits.clientAddress("0:0:0:0:0:0:0:1", "2001:db8::1")).as("the IPv6 loopback, however written")
                .isEqualTo("2001:db8::1");
    }

    @Test
    void a_trusted_proxy_without_forwarded_for_or_forwarding_only_proxies_is_taken_as_it_is_given() {
        assertThat(limits.clientAddress("127.0.0.1", null)).isEqualTo("127.0.0.1");
        assertThat(limits.clientAddress("127.0.0.1", " ")).isEqualTo("127.0.0.1");
        assertThat(limits.clientAddress("127.0.0.1", "10.0.0.5")).isEqualTo("10.0.0.5");
    }
}
