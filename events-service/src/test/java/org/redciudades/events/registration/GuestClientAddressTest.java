package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
            List.of("127.0.0.1", "::1", "10.0.0.5", "10.42.0.0/16", "fd00:42::/64")), null, Clock.systemUTC(), new SimpleMeterRegistry());

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

    @Test
    void a_proxy_in_a_trusted_range_is_believed_as_a_listed_address_is_and_one_outside_it_is_not() {
        assertThat(limits.clientAddress("10.42.7.19", "203.0.113.9")).as("a portal pod on Kubernetes")
                .isEqualTo("203.0.113.9");
        assertThat(limits.clientAddress("fd00:42::17", "2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(limits.clientAddress("10.43.0.1", "203.0.113.9")).as("outside 10.42.0.0/16")
                .isEqualTo("10.43.0.1");
        assertThat(limits.clientAddress("10.42.7.19", "203.0.113.9, 10.42.0.3"))
                .as("hops inside the range are proxies too").isEqualTo("203.0.113.9");
    }

    @Test
    void a_host_name_among_the_trusted_proxies_is_refused_at_start_up_instead_of_being_looked_up() {
        assertThatThrownBy(() -> new GuestLimits(new GuestLimits.Settings(5, 20, Duration.ofHours(1),
                List.of("portal.internal")), null, Clock.systemUTC(), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("portal.internal");
    }
}
