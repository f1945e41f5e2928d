package org.redciudades.notification.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.notification.NotificationScenario.PATIENCE;
import static org.redciudades.notification.NotificationScenario.spaced;

import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationScenario.Registration;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reminders 24 hours and 1 hour before the start: sent once when due, moved by a reschedule, dropped by an end. */
@NotificationServiceTest(properties = "notification.reminders.poll-interval=200ms")
class RemindersTest {

    @Autowired
    NotificationScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_one_hour_reminder_goes_out_once_when_due_and_a_day_reminder_already_past_is_not_owed() {
        Registration r = fresh();
        Instant start = Instant.now().plus(Duration.ofHours(1)).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);

        scenario.publish(confirmed(r, start));

        await().atMost(PATIENCE).until(() -> scenario.smtp().to(r.email()).size() == 2);
        assertThat(scenario.smtp().subjects(r.email())).containsExactly(
                "Inscripción confirmada: Taller de movilidad urbana sostenible",
                "En una hora: Taller de movilidad urbana sostenible");
        assertThat(TestSmtp.plainText(scenario.smtp().to(r.email()).get(1)))
                .contains("comienza en una hora").contains("Enlace para conectarse: https://reuniones.redciudades.org/");
        assertThat(reminders(r)).containsExactly("PT1H QUEUED");
    }

    @Test
    void an_english_reader_gets_the_day_before_reminder_in_english_with_the_date_in_the_events_zone() {
        Registration r = fresh();
        // due 10 s from now: time enough for the fact to be projected before the reminder is due
        Instant start = Instant.now().plus(Duration.ofHours(24)).plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);

        scenario.publish(confirmed(r, start).with("/attendee/locale", "en"));

        await().atMost(PATIENCE).until(() -> scenario.smtp().to(r.email()).size() == 2);
        MimeMessage reminder = scenario.smtp().to(r.email()).get(1);
        String day = start.atZone(ZoneId.of("America/Guatemala")).format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH));
        assertThat(scenario.smtp().subjects(r.email()).get(1)).contains("Sustainable urban mobility workshop");
        assertThat(spaced(TestSmtp.plainText(reminder)))
                .contains("Hello").contains(day).contains("America/Guatemala").doesNotContain("Hola");
        assertThat(reminders(r)).containsExactly("PT24H QUEUED", "PT1H PENDING");
    }

    @Test
    void a_reschedule_moves_the_reminders_owed_and_a_cancelled_event_drops_them() {
        Registration r = fresh();
        Instant start = Instant.parse("2030-05-20T15:00:00Z");
        Instant moved = Instant.parse("2030-05-27T16:00:00Z");
        scenario.publish(confirmed(r, start));
        await().atMost(PATIENCE).until(() -> reminders(r).size() == 2);
        assertThat(dueTimes(r)).containsExactly("2030-05-19T15:00:00Z PT24H", "2030-05-20T14:00:00Z PT1H");

        scenario.publish(r.fact("event.rescheduled")
                .with("/previous/startsAt", start).with("/previous/endsAt", start.plusSeconds(7200))
                .with("/schedule/startsAt", moved).with("/schedule/endsAt", moved.plusSeconds(7200)));
        await().atMost(PATIENCE).until(() -> dueTimes(r).contains("2030-05-26T16:00:00Z PT24H"));
        assertThat(dueTimes(r)).containsExactly("2030-05-26T16:00:00Z PT24H", "2030-05-27T15:00:00Z PT1H");

        scenario.publish(r.fact("event.cancelled"));
        await().atMost(PATIENCE).until(() -> reminders(r).stream().allMatch(s -> s.endsWith("DROPPED")));
    }

    @Test
    void a_cancelled_registration_is_owed_no_reminders() {
        Registration r = fresh();
        scenario.publish(confirmed(r, Instant.parse("2030-06-01T15:00:00Z")));
        await().atMost(PATIENCE).until(() -> reminders(r).size() == 2);

        scenario.publish(r.fact("registration.cancelled"));

        await().atMost(PATIENCE).until(() -> reminders(r).stream().allMatch(s -> s.endsWith("DROPPED")));
    }

    private static Registration fresh() {
        return Registration.of("recordatorio-" + UUID.randomUUID() + "@implan-torreon.example.mx");
    }

    /** A confirmed seat at a two-hour event starting at {@code start}, on its first schedule. */
    private static ContractExample confirmed(Registration r, Instant start) {
        return r.fact("registration.confirmed").with("/event/startsAt", start)
                .with("/event/endsAt", start.plusSeconds(7200)).with("/event/scheduleRevision", 0);
    }

    private List<String> reminders(Registration r) {
        return jdbc.sql("select lead || ' ' || status from reminder where registration_id = :id order by due_at")
                .param("id", UUID.fromString(r.registrationId())).query(String.class).list();
    }

    private List<String> dueTimes(Registration r) {
        record Due(Timestamp dueAt, String lead) {
        }
        return jdbc.sql("select due_at, lead from reminder where registration_id = :id order by due_at")
                .param("id", UUID.fromString(r.registrationId())).query(Due.class).list().stream()
                .map(due -> due.dueAt().toInstant() + " " + due.lead()).toList();
    }
}
