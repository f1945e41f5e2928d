package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ConnectionBurst;
import org.redciudades.chassis.testing.ConnectionBurst.Answer;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.Registrant;
import org.redciudades.events.EventsServiceTest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Registration for the summit opens and a crowd arrives at once, each person on a new connection of their
 * own, at one instance with the settings every service ships with. The burst benchmark
 * ({@code src/benchmark/README.md}) measures how fast; this keeps what matters true: everyone is answered.
 */
@EventsServiceTest
class RegistrationBurstTest {

    static final int PEOPLE = 1_000;
    static final int CAPACITY = 100;
    /**
     * The crowd's distinct signed-in people, each registering colleagues in turn: every request still carries a token
     * the service verifies, and fifty sign-ins at the provider take seconds where a thousand took minutes.
     */
    static final int SIGNED_IN = 50;

    private static final Logger log = LoggerFactory.getLogger(RegistrationBurstTest.class);

    @Autowired
    EventsScenario scenario;
    @LocalServerPort
    int port;

    @Test
    void a_thousand_people_connecting_at_once_each_get_their_registration_or_a_503_that_says_when_to_retry() {
        UUID event = scenario.seededEvent(CAPACITY, Instant.parse("2027-10-05T15:00:00Z"));
        String path = "/api/v1/events/" + event + "/registrations";
        List<String> tokens = IntStream.range(0, SIGNED_IN).mapToObj(i -> scenario.staff()).toList();
        List<ConnectionBurst.Request> crowd = IntStream.range(0, PEOPLE)
                .mapToObj(i -> ConnectionBurst.Request.post(path, tokens.get(i % SIGNED_IN),
                        TestJson.write(Registrant.of("cumbre" + i + "@municipio.example.mx"))))
                .toList();

        List<Answer> answers = ConnectionBurst.fire("127.0.0.1", port, crowd, Duration.ofSeconds(60));

        Map<String, Long> outcomes = new TreeMap<>();
        answers.forEach(a -> outcomes.merge(a.answered() ? "HTTP " + a.status() : a.outcome().name(), 1L, Long::sum));
        log.info("{} simultaneous registrations: {}", PEOPLE, outcomes);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.answered()).as("answered: %s", answer).isTrue();
            if (answer.status() == 503) {
                assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
                assertThat(answer.retryAfter()).as("Retry-After of %s", answer).isNotBlank();
                assertThat(TestJson.read(answer.body()).get("type").asString())
                        .isEqualTo("https://redciudades.org/problems/service-unavailable");
            } else {
                assertThat(answer.status()).as("a registration: %s", answer).isIn(200, 201);
                assertThat(TestJson.read(answer.body()).get("status").asString()).isIn("CONFIRMED", "WAITLISTED");
            }
        });
        long registered = answers.stream().filter(a -> a.status() == 201 || a.status() == 200).count();
        long stored = scenario.registrations(event);
        assertThat(stored).as("registrations stored, at least those answered").isGreaterThanOrEqualTo(registered);
        assertThat(scenario.registrations(event, "CONFIRMED")).isEqualTo(Math.min(CAPACITY, stored));
        assertThat(scenario.seatsTaken(event)).isEqualTo(Math.min(CAPACITY, stored));
    }
}
