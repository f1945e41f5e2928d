package org.redciudades.portal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;

/**
 * The portal's clock, which the refresh of tokens reads, moved ahead by a test; and the access tokens the portal sends
 * to the services, in order.
 */
@TestConfiguration
public class PortalTestConfiguration {

    public static final MovableClock CLOCK = new MovableClock();
    static final List<String> SENT = new CopyOnWriteArrayList<>();

    @Bean
    Clock clock() {
        return CLOCK;
    }

    /** The first interceptor: it sees the Authorization header that the token relay after it adds. */
    @Bean
    RestClientCustomizer recordSentTokens() {
        return builder -> builder.requestInterceptor((request, body, execution) -> {
            ClientHttpResponse response = execution.execute(request, body);
            String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            if (authorization != null) {
                SENT.add(authorization);
            }
            return response;
        });
    }

    /** The Authorization header of the portal's latest call to a service. */
    public static String lastToken() {
        assertThat(SENT).as("tokens sent to the services").isNotEmpty();
        return SENT.getLast();
    }

    public static final class MovableClock extends Clock {

        private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

        public void advance(Duration by) {
            ahead.updateAndGet(current -> current.plus(by));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead.get());
        }
    }
}
