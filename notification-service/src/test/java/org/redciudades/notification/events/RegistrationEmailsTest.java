package org.redciudades.notification.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * events-service's facts, as the contract examples describe them, sent through the broker; the emails
 * and calendar invitations that reach a real SMTP server.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
class RegistrationEmailsTest {

    static final TestSmtp SMTP = TestSmtp.start();
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String PREFIX = "org.redciudades.events.";
    static final String EXAMPLE_EVENT = "e4a1c7d3-2f6b-4a9e-8c5d-1b3f7a9e2c46";
    static final String EXAMPLE_REGISTRATION = "3c9a7e21-5b4d-4f8e-a1c6-9d2e0b7f4a18";
    static final String EXAMPLE_EMAIL = "mariana.avila@implan-torreon.example.mx";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    /** One person's registration at a fresh event, built from the contract examples. */
    record Case(String eventId, String registrationId, String email) {
        static Case fresh() {
            return new Case(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    "persona-" + UUID.randomUUID() + "@implan-torreon.example.mx");
        }

        String fact(String type, String... replacements) {
            String payload = Contracts.example(PREFIX + type + ".v1").replace(EXAMPLE_EVENT, eventId)
                    .replace(EXAMPLE_REGISTRATION, registrationId).replace(EXAMPLE_EMAIL, email);
            for (int i = 0; i < replacements.length; i += 2) {
                payload = payload.replace(replacements[i], replacements[i + 1]);
            }
            Contracts.assertConforms(PREFIX + type + ".v1", payload);
            return payload;
        }
    }

    @Test
    void a_confirmation_in_spanish_says_when_in_the_events_zone_and_carries_a_calendar_request_that_parses() throws Exception {
        Case mariana = Case.fresh();

        publish(mariana, "registration.confirmed", mariana.fact("registration.confirmed"));
        MimeMessage email = awaitMessages(mariana.email(), 1).getFirst();

        assertThat(email.getSubject()).isEqualTo("Inscripción confirmada: Taller de movilidad urbana sostenible");
        assertThat(spaced(TestSmtp.plainText(email)))
                .contains("Hola, Mariana Ávila Treviño:")
                .contains("Cuándo: miércoles, 10 de marzo de 2027, de 9:00 a.m. a 11:00 a.m. (hora central, America/Guatemala)")   // 15:00Z is 09:00 there
                .contains("America/Guatemala")
                .contains("Dónde: Palacio Municipal, Salón de Honor, 21 calle 6-77, zona 1, Ciudad de Guatemala, GT, y en línea")
                .contains("Enlace para conectarse: https://reuniones.redciudades.org/taller-movilidad-guatemala-2027")
                .doesNotContain("Hello").doesNotContain("When:");
        assertThat(TestSmtp.html(email)).contains("<html lang=\"es-MX\">").contains("Mariana Ávila Treviño");

        Calendar invitation = calendar(email);
        assertThat(invitation.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
        VEvent event = invitation.<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(event.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(mariana.registrationId() + "@eventos.redciudades.org");
        assertThat(Integer.parseInt(event.getProperty(Property.SEQUENCE).orElseThrow().getValue())).isEqualTo(1);
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("America/Guatemala");
        ZonedDateTime start = (ZonedDateTime) event.getStartDate().orElseThrow().getDate();
        assertThat(start.toLocalDateTime()).isEqualTo(LocalDateTime.parse("2027-03-10T09:00"));
        assertThat(start.toInstant().toString()).isEqualTo("2027-03-10T15:00:00Z");
        assertThat(invitation.<VTimeZone>getComponent("VTIMEZONE").orElseThrow()
                .getProperty(Property.TZID).orElseThrow().getValue()).isEqualTo("America/Guatemala");
        assertThat(event.getProperty(Property.ATTENDEE).orElseThrow().getValue()).isEqualTo("mailto:" + mariana.email());
    }

    @Test
    void an_english_reader_gets_subject_body_dates_and_calendar_title_in_english() throws Exception {
        Case ana = Case.fresh();

        publish(ana, "registration.confirmed", ana.fact("registration.confirmed", "\"locale\": \"es-MX\"", "\"locale\": \"en\""));
        MimeMessage email = awaitMessages(ana.email(), 1).getFirst();

        assertThat(email.getSubject()).isEqualTo("Registration confirmed: Sustainable urban mobility workshop");
        assertThat(spaced(TestSmtp.plainText(email))).contains("Hello Mariana Ávila Treviño,")
                .contains("When: Wednesday, March 10, 2027, 9:00 AM to 11:00 AM")
                .contains("Link to join: https://reuniones.redciudades.org/taller-movilidad-guatemala-2027")
                .doesNotContain("Cuándo").doesNotContain("miércoles");
        VEvent event = calendar(email).<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Sustainable urban mobility workshop");
    }

    /**
     * Every registration message, in each language, through SMTP: subject, greeting, the date in the
     * reader's language in the event's zone (named), the page's language, and any invitation parses.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({
            "registration.confirmed, es-MX, REQUEST", "registration.confirmed, en, REQUEST",
            "registration.promoted, es-MX, REQUEST", "registration.promoted, en, REQUEST",
            "registration.approved, es-MX, REQUEST", "registration.approved, en, REQUEST",
            "registration.waitlisted, es-MX, NONE", "registration.waitlisted, en, NONE",
            "registration.pending-approval, es-MX, NONE", "registration.pending-approval, en, NONE",
            "registration.rejected, es-MX, NONE", "registration.rejected, en, NONE",
            // this registration never had an invitation, so nothing to cancel (the test below covers one that had)
            "registration.cancelled, es-MX, NONE", "registration.cancelled, en, NONE"})
    void each_registration_message_reaches_the_reader_in_their_language_with_the_date_in_the_events_zone(
            String type, String locale, String calendarMethod) throws Exception {
        var fact = (tools.jackson.databind.node.ObjectNode) json.readTree(Contracts.example(PREFIX + type + ".v1"));
        String eventId = UUID.randomUUID().toString();
        String email = "sweep-" + UUID.randomUUID() + "@municipio.example.gt";
        fact.put("registrationId", UUID.randomUUID().toString()).put("eventId", eventId);
        ((tools.jackson.databind.node.ObjectNode) fact.get("attendee")).put("email", email).put("locale", locale);
        String payload = json.writeValueAsString(fact);
        Contracts.assertConforms(PREFIX + type + ".v1", payload);
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("events.event", eventId, UUID.randomUUID().toString(),
                PREFIX + type + ".v1", payload));

        MimeMessage message = awaitMessages(email, 1).getFirst();
        boolean english = locale.equals("en");
        ZoneId zone = ZoneId.of(fact.get("event").get("timeZone").asString());
        ZonedDateTime start = Instant.parse(fact.get("event").get("startsAt").asString()).atZone(zone);
        String date = english
                ? start.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH))
                : start.format(DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", Locale.forLanguageTag("es-MX")));
        String title = fact.get("event").get("title").get(english ? "en" : "es").asString();
        String body = spaced(TestSmtp.plainText(message));

        assertThat(message.getSubject()).contains(title);
        assertThat(body).contains(english ? "Hello" : "Hola").doesNotContain(english ? "Hola" : "Hello")
                .contains(date).contains(zone.getId());
        assertThat(TestSmtp.html(message)).contains("<html lang=\"" + locale + "\">");
        if (calendarMethod.equals("NONE")) {
            assertThat(TestSmtp.part(message, "text/calendar")).isEmpty();
        } else {
            Calendar invitation = calendar(message);
            assertThat(invitation.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo(calendarMethod);
            assertThat(invitation.<VEvent>getComponent("VEVENT").orElseThrow()
                    .getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue())
                    .isEqualTo(zone.getId());
        }
    }

    @Test
    void a_reschedule_updates_the_same_calendar_entry_with_a_higher_sequence_and_a_cancellation_removes_it() throws Exception {
        Case luis = Case.fresh();
        publish(luis, "registration.confirmed", luis.fact("registration.confirmed"));
        awaitMessages(luis.email(), 1);

        publish(luis, "event.rescheduled", luis.fact("event.rescheduled",
                "\"revision\": 1", "\"revision\": 2", "\"revision\": 0", "\"revision\": 1",
                "2027-03-10T15:00:00Z", "2027-03-17T16:00:00Z", "2027-03-10T17:00:00Z", "2027-03-17T18:00:00Z",
                "2027-03-03T15:00:00Z", "2027-03-10T15:00:00Z", "2027-03-03T17:00:00Z", "2027-03-10T17:00:00Z"));
        MimeMessage update = awaitMessages(luis.email(), 2).get(1);
        publish(luis, "event.cancelled", luis.fact("event.cancelled", "c6604ba8-f6e6-4b98-8f02-dbbb19ed9957", luis.eventId()));
        MimeMessage cancellation = awaitMessages(luis.email(), 3).get(2);

        assertThat(update.getSubject()).isEqualTo("Cambio de fecha: Taller de movilidad urbana sostenible");
        assertThat(spaced(TestSmtp.plainText(update))).contains("Nueva fecha: miércoles, 17 de marzo de 2027, de 10:00 a.m. a 12:00 p.m.")
                .contains("Fecha anterior: miércoles, 10 de marzo de 2027, de 9:00 a.m. a 11:00 a.m.");
        VEvent moved = calendar(update).<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(moved.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(luis.registrationId() + "@eventos.redciudades.org");
        assertThat(Integer.parseInt(moved.getProperty(Property.SEQUENCE).orElseThrow().getValue())).isEqualTo(2);
        assertThat(((ZonedDateTime) moved.getStartDate().orElseThrow().getDate()).toLocalDateTime())
                .isEqualTo(LocalDateTime.parse("2027-03-17T10:00"));

        assertThat(cancellation.getSubject()).startsWith("Evento cancelado: ");
        Calendar removal = calendar(cancellation);
        assertThat(removal.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
        VEvent cancelled = removal.<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(cancelled.getProperty(Property.UID).orElseThrow().getValue()).isEqualTo(luis.registrationId() + "@eventos.redciudades.org");
        assertThat(Integer.parseInt(cancelled.getProperty(Property.SEQUENCE).orElseThrow().getValue())).isGreaterThan(2);
        assertThat(cancelled.getProperty(Property.STATUS).orElseThrow().getValue()).isEqualTo("CANCELLED");
    }

    @Test
    void an_english_reader_hears_of_a_new_date_and_of_a_cancellation_in_english_in_the_events_zone() throws Exception {
        Case emma = Case.fresh();
        publish(emma, "registration.confirmed", emma.fact("registration.confirmed", "\"locale\": \"es-MX\"", "\"locale\": \"en\""));
        awaitMessages(emma.email(), 1);

        publish(emma, "event.rescheduled", emma.fact("event.rescheduled",
                "\"revision\": 1", "\"revision\": 2", "\"revision\": 0", "\"revision\": 1",
                "2027-03-10T15:00:00Z", "2027-03-17T16:00:00Z", "2027-03-10T17:00:00Z", "2027-03-17T18:00:00Z",
                "2027-03-03T15:00:00Z", "2027-03-10T15:00:00Z", "2027-03-03T17:00:00Z", "2027-03-10T17:00:00Z"));
        MimeMessage update = awaitMessages(emma.email(), 2).get(1);
        publish(emma, "event.cancelled", emma.fact("event.cancelled", "c6604ba8-f6e6-4b98-8f02-dbbb19ed9957", emma.eventId()));
        MimeMessage cancellation = awaitMessages(emma.email(), 3).get(2);

        assertThat(update.getSubject()).contains("Sustainable urban mobility workshop").doesNotContain("Cambio de fecha");
        assertThat(spaced(TestSmtp.plainText(update))).contains("Hello")
                .contains("Wednesday, March 17, 2027, 10:00 AM to 12:00 PM")
                .contains("Wednesday, March 10, 2027, 9:00 AM to 11:00 AM")
                .contains("America/Guatemala")
                .doesNotContain("miércoles").doesNotContain("Nueva fecha");
        assertThat(TestSmtp.html(update)).contains("<html lang=\"en\">");
        assertThat(calendar(update).<VEvent>getComponent("VEVENT").orElseThrow()
                .getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Sustainable urban mobility workshop");

        assertThat(cancellation.getSubject()).contains("Sustainable urban mobility workshop").doesNotContain("Evento cancelado");
        assertThat(spaced(TestSmtp.plainText(cancellation))).contains("Hello").contains("planned for Wednesday, March 17, 2027")
                .doesNotContain("Hola");
        assertThat(calendar(cancellation).getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("CANCEL");
    }

    @Test
    void waiting_and_pending_people_get_no_invitation_and_a_promotion_brings_one() throws Exception {
        Case carlos = Case.fresh();
        publish(carlos, "registration.waitlisted", carlos.fact("registration.waitlisted",
                "8e2b4d6f-1a3c-4e5b-9f7d-2c4a6e8b0d53", carlos.registrationId(),
                "carlos.barrios@muniguate.example.gt", carlos.email()));
        MimeMessage waiting = awaitMessages(carlos.email(), 1).getFirst();
        assertThat(waiting.getSubject()).startsWith("Está en lista de espera: ");
        assertThat(TestSmtp.part(waiting, "text/calendar")).isEmpty();

        publish(carlos, "registration.promoted", carlos.fact("registration.promoted",
                "8e2b4d6f-1a3c-4e5b-9f7d-2c4a6e8b0d53", carlos.registrationId(),
                "carlos.barrios@muniguate.example.gt", carlos.email()));
        MimeMessage promoted = awaitMessages(carlos.email(), 2).get(1);
        assertThat(promoted.getSubject()).startsWith("Se liberó un lugar: ");
        assertThat(calendar(promoted).getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    }

    @Test
    void the_same_facts_redelivered_many_times_leave_one_message_per_fact_recipient_and_template() {
        Case paola = Case.fresh();
        String confirmedId = UUID.randomUUID().toString();
        String confirmed = paola.fact("registration.confirmed");
        String cancelledId = UUID.randomUUID().toString();
        String cancelled = paola.fact("registration.cancelled");

        for (int i = 0; i < 5; i++) {
            write(RealInfrastructure.kafkaBrokers(), cloudEvent("events.event", paola.eventId(), confirmedId,
                    PREFIX + "registration.confirmed.v1", confirmed));
            write(RealInfrastructure.kafkaBrokers(), cloudEvent("events.event", paola.eventId(), cancelledId,
                    PREFIX + "registration.cancelled.v1", cancelled));
        }

        awaitMessages(paola.email(), 2);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from processed_event where event_id in (:a, :b)")
                .param("a", confirmedId).param("b", cancelledId).query(Long.class).single() == 2);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from notification where recipient = :r and status = 'SENT'")
                .param("r", paola.email()).query(Long.class).single() == 2);
        assertThat(jdbc.sql("select count(*) from notification where recipient = :r").param("r", paola.email())
                .query(Long.class).single()).as("one message per (fact, recipient, template)").isEqualTo(2);
        assertThat(SMTP.to(paola.email())).hasSize(2);
    }

    /** Locale formats put no-break spaces around times ("9:00 a.m."); the assertions read them as spaces. */
    private static String spaced(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    private void publish(Case c, String type, String payload) {
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("events.event", c.eventId(), UUID.randomUUID().toString(),
                PREFIX + type + ".v1", payload));
    }

    private List<MimeMessage> awaitMessages(String recipient, int count) {
        await().atMost(PATIENCE).until(() -> SMTP.to(recipient).size() >= count);
        return SMTP.to(recipient);
    }

    private static Calendar calendar(MimeMessage email) throws Exception {
        String ics = TestSmtp.text(TestSmtp.part(email, "text/calendar").orElseThrow(() -> new AssertionError("no invitation")));
        return new CalendarBuilder().build(new StringReader(ics));
    }
}
