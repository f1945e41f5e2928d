package org.redciudades.notification.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reminders 24 hours and 1 hour before the start: sent once when due, moved by a reschedule, dropped by an end. */
@SpringBootTest(properties = "notification.reminders.poll-interval=200ms")
@ContextConfiguration(initializers = RealInfrastructure.class)
class RemindersTest {

    static final TestSmtp SMTP = TestSmtp.start();
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String PREFIX = "org.redciudades.events.";

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void the_one_hour_reminder_goes_out_once_when_due_and_a_day_reminder_already_past_is_not_owed() {
        Registration r = new Registration();
        Instant start = Instant.now().plus(Duration.ofHours(1)).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);

        r.publish("registration.confirmed", r.confirmed(start, 0));

        await().atMost(PATIENCE).until(() -> SMTP.to(r.email).size() == 2);
        assertThat(subjects(r.email)).containsExactly("Inscripción confirmada: Taller de movilidad urbana sostenible",
                "En una hora: Taller de movilidad urbana sostenible");
        assertThat(TestSmtp.plainText(SMTP.to(r.email).get(1)))
                .contains("comienza en una hora").contains("Enlace para conectarse: https://reuniones.redciudades.org/");
        assertThat(reminders(r.registrationId)).containsExactly("PT1H QUEUED");
    }

    @Test
    void an_english_reader_gets_the_day_before_reminder_in_english_with_the_date_in_the_events_zone() {
        Registration r = new Registration();
        // due 10 s from now: time enough for the fact to be projected before the reminder is due
        Instant start = Instant.now().plus(Duration.ofHours(24)).plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);

        r.publish("registration.confirmed", r.confirmed(start, 0).replace("\"locale\": \"es-MX\"", "\"locale\": \"en\""));

        await().atMost(PATIENCE).until(() -> SMTP.to(r.email).size() == 2);
        var reminder = SMTP.to(r.email).get(1);
        String day = start.atZone(java.time.ZoneId.of("America/Guatemala"))
                .format(java.time.format.DateTimeFormatter.ofPattern("MMMM d, yyyy", java.util.Locale.ENGLISH));
        assertThat(subjects(r.email).get(1)).contains("Sustainable urban mobility workshop");
        assertThat(TestSmtp.plainText(reminder).replace('\u202f', ' ').replace('\u00a0', ' '))
                .contains("Hello").contains(day).contains("America/Guatemala").doesNotContain("Hola");
        assertThat(reminders(r.registrationId)).containsExactly("PT24H QUEUED", "PT1H PENDING");
    }

    @Test
    void a_reschedule_moves_the_reminders_owed_and_a_cancelled_event_drops_them() {
        Registration r = new Registration();
        Instant start = Instant.parse("2030-05-20T15:00:00Z");
        Instant moved = Instant.parse("2030-05-27T16:00:00Z");
        r.publish("registration.confirmed", r.confirmed(start, 0));
        await().atMost(PATIENCE).until(() -> reminders(r.registrationId).size() == 2);
        assertThat(dueTimes(r.registrationId)).containsExactly("2030-05-19T15:00:00Z PT24H", "2030-05-20T14:00:00Z PT1H");

        r.publish("event.rescheduled", Contracts.example(PREFIX + "event.rescheduled.v1").replace(r.exampleEvent, r.eventId)
                .replace("2027-03-03T15:00:00Z", start.toString()).replace("2027-03-03T17:00:00Z", start.plusSeconds(7200).toString())
                .replace("2027-03-10T15:00:00Z", moved.toString()).replace("2027-03-10T17:00:00Z", moved.plusSeconds(7200).toString()));
        await().atMost(PATIENCE).until(() -> dueTimes(r.registrationId).contains("2030-05-26T16:00:00Z PT24H"));
        assertThat(dueTimes(r.registrationId)).containsExactly("2030-05-26T16:00:00Z PT24H", "2030-05-27T15:00:00Z PT1H");

        r.publish("event.cancelled", Contracts.example(PREFIX + "event.cancelled.v1")
                .replace("c6604ba8-f6e6-4b98-8f02-dbbb19ed9957", r.eventId));
        await().atMost(PATIENCE).until(() -> reminders(r.registrationId).stream().allMatch(s -> s.endsWith("DROPPED")));
    }

    @Test
    void a_cancelled_registration_is_owed_no_reminders() {
        Registration r = new Registration();
        r.publish("registration.confirmed", r.confirmed(Instant.parse("2030-06-01T15:00:00Z"), 0));
        await().atMost(PATIENCE).until(() -> reminders(r.registrationId).size() == 2);

        r.publish("registration.cancelled", Contracts.example(PREFIX + "registration.cancelled.v1")
                .replace(r.exampleEvent, r.eventId).replace("3c9a7e21-5b4d-4f8e-a1c6-9d2e0b7f4a18", r.registrationId));

        await().atMost(PATIENCE).until(() -> reminders(r.registrationId).stream().allMatch(s -> s.endsWith("DROPPED")));
    }

    /** One person at a fresh event, written from the contract examples. */
    static final class Registration {
        final String exampleEvent = "e4a1c7d3-2f6b-4a9e-8c5d-1b3f7a9e2c46";
        final String eventId = UUID.randomUUID().toString();
        final String registrationId = UUID.randomUUID().toString();
        final String email = "recordatorio-" + UUID.randomUUID() + "@implan-torreon.example.mx";

        String confirmed(Instant start, int revision) {
            String payload = Contracts.example(PREFIX + "registration.confirmed.v1").replace(exampleEvent, eventId)
                    .replace("3c9a7e21-5b4d-4f8e-a1c6-9d2e0b7f4a18", registrationId)
                    .replace("mariana.avila@implan-torreon.example.mx", email)
                    .replace("2027-03-10T15:00:00Z", start.toString())
                    .replace("2027-03-10T17:00:00Z", start.plusSeconds(7200).toString())
                    .replace("\"scheduleRevision\": 1", "\"scheduleRevision\": " + revision);
            Contracts.assertConforms(PREFIX + "registration.confirmed.v1", payload);
            return payload;
        }

        void publish(String type, String payload) {
            write(RealInfrastructure.kafkaBrokers(), cloudEvent("events.event", eventId, UUID.randomUUID().toString(),
                    PREFIX + type + ".v1", payload));
        }
    }

    private List<String> reminders(String registrationId) {
        return jdbc.sql("select lead || ' ' || status from reminder where registration_id = :id order by due_at")
                .param("id", UUID.fromString(registrationId)).query(String.class).list();
    }

    private List<String> dueTimes(String registrationId) {
        return jdbc.sql("select due_at, lead from reminder where registration_id = :id order by due_at")
                .param("id", UUID.fromString(registrationId))
                .query((rs, n) -> rs.getTimestamp("due_at").toInstant() + " " + rs.getString("lead")).list();
    }

    private List<String> subjects(String recipient) {
        return SMTP.to(recipient).stream().map(message -> {
            try {
                return message.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
