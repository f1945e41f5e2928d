package org.redciudades.notification.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.notification.NotificationScenario.PATIENCE;
import static org.redciudades.notification.NotificationScenario.spaced;

import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationScenario.Registration;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * events-service's facts, as the contract examples describe them, sent through the broker; the emails
 * and calendar invitations that reach a real SMTP server.
 */
@NotificationServiceTest
class RegistrationEmailsTest {

    /** The token of a guest's manage link, as events-service signs it (base64url of an HMAC-SHA256). */
    static final String MANAGE_TOKEN = "nZSgxKQOCyAm9KHERp39QkqLvxCimNp0lD0uf2ca5A8";

    @Autowired
    NotificationScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_confirmation_in_spanish_says_when_in_the_events_zone_and_carries_a_calendar_request_that_parses() throws Exception {
        Registration mariana = fresh();

        scenario.publish(mariana.fact("registration.confirmed"));
        MimeMessage email = scenario.messages(mariana.email(), 1).getFirst();

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
        Registration ana = fresh();

        scenario.publish(ana.fact("registration.confirmed").with("/attendee/locale", "en"));
        MimeMessage email = scenario.messages(ana.email(), 1).getFirst();

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
        String email = "sweep-" + UUID.randomUUID() + "@municipio.example.gt";
        ContractExample fact = Registration.of(email).fact(type).with("/attendee/locale", locale);
        scenario.publish(fact);

        MimeMessage message = scenario.messages(email, 1).getFirst();
        boolean english = locale.equals("en");
        ZoneId zone = ZoneId.of(fact.text("/event/timeZone"));
        ZonedDateTime start = Instant.parse(fact.text("/event/startsAt")).atZone(zone);
        String date = english
                ? start.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH))
                : start.format(DateTimeFormatter.ofPattern("d 'de' MMMM 'de' yyyy", Locale.forLanguageTag("es-MX")));
        String title = fact.text("/event/title/" + (english ? "en" : "es"));
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
        Registration luis = fresh();
        scenario.publish(luis.fact("registration.confirmed"));
        scenario.messages(luis.email(), 1);

        scenario.publish(movedFromTheTenthToTheSeventeenthOfMarch(luis));
        MimeMessage update = scenario.messages(luis.email(), 2).get(1);
        scenario.publish(luis.fact("event.cancelled"));
        MimeMessage cancellation = scenario.messages(luis.email(), 3).get(2);

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
        Registration emma = fresh();
        scenario.publish(emma.fact("registration.confirmed").with("/attendee/locale", "en"));
        scenario.messages(emma.email(), 1);

        scenario.publish(movedFromTheTenthToTheSeventeenthOfMarch(emma));
        MimeMessage update = scenario.messages(emma.email(), 2).get(1);
        scenario.publish(emma.fact("event.cancelled"));
        MimeMessage cancellation = scenario.messages(emma.email(), 3).get(2);

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
        Registration carlos = fresh();
        scenario.publish(carlos.fact("registration.waitlisted"));
        MimeMessage waiting = scenario.messages(carlos.email(), 1).getFirst();
        assertThat(waiting.getSubject()).startsWith("Está en lista de espera: ");
        assertThat(TestSmtp.part(waiting, "text/calendar")).isEmpty();

        scenario.publish(carlos.fact("registration.promoted"));
        MimeMessage promoted = scenario.messages(carlos.email(), 2).get(1);
        assertThat(promoted.getSubject()).startsWith("Se liberó un lugar: ");
        assertThat(calendar(promoted).getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    }

    @Test
    void a_guests_confirmation_carries_the_link_to_see_or_cancel_their_registration_in_the_portal() throws Exception {
        Registration lucia = fresh();

        scenario.publish(lucia.fact("registration.confirmed").with("/attendee/memberId", null)
                .with("/attendee/manageToken", MANAGE_TOKEN));
        MimeMessage email = scenario.messages(lucia.email(), 1).getFirst();

        String link = "http://127.0.0.1:8080/registrations/" + lucia.registrationId() + "/manage?token=" + MANAGE_TOKEN;
        assertThat(spaced(TestSmtp.plainText(email)))
                .contains("Enlace para conectarse: https://reuniones.redciudades.org/taller-movilidad-guatemala-2027")
                .contains("Para ver o cancelar su inscripción: " + link)
                .doesNotContain("{5}");
        assertThat(TestSmtp.html(email)).contains(link);
        assertThat(calendar(email).getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo("REQUEST");
    }

    @Test
    void an_english_speaking_guest_gets_the_link_with_an_english_sentence() throws Exception {
        Registration emma = fresh();

        scenario.publish(emma.fact("registration.confirmed").with("/attendee/locale", "en")
                .with("/attendee/manageToken", MANAGE_TOKEN));
        MimeMessage email = scenario.messages(emma.email(), 1).getFirst();

        assertThat(spaced(TestSmtp.plainText(email))).contains("To see or cancel your registration: http://127.0.0.1:8080/registrations/"
                + emma.registrationId() + "/manage?token=" + MANAGE_TOKEN).doesNotContain("Para ver");
    }

    @Test
    void someone_who_registered_signed_in_gets_no_link_to_manage_their_registration() throws Exception {
        Registration mariana = fresh();

        scenario.publish(mariana.fact("registration.confirmed"));
        String body = spaced(TestSmtp.plainText(scenario.messages(mariana.email(), 1).getFirst()));

        assertThat(body).doesNotContain("Para ver o cancelar").doesNotContain("/manage?token=").doesNotContain("{5}");
    }

    @Test
    void a_waiting_guest_gets_the_link_and_gets_it_again_with_the_seat_when_promoted() throws Exception {
        Registration carlos = fresh();
        String link = "http://127.0.0.1:8080/registrations/" + carlos.registrationId() + "/manage?token=";

        scenario.publish(carlos.fact("registration.waitlisted"));
        scenario.publish(carlos.fact("registration.promoted"));
        List<MimeMessage> emails = scenario.messages(carlos.email(), 2);

        assertThat(emails.get(0).getSubject()).startsWith("Está en lista de espera: ");
        assertThat(spaced(TestSmtp.plainText(emails.get(0)))).contains("Para ver o cancelar su inscripción: " + link);
        assertThat(emails.get(1).getSubject()).startsWith("Se liberó un lugar: ");
        assertThat(spaced(TestSmtp.plainText(emails.get(1)))).contains("Para ver o cancelar su inscripción: " + link)
                .contains("Enlace para conectarse: ");
    }

    @Test
    void the_same_facts_redelivered_many_times_leave_one_message_per_fact_recipient_and_template() {
        Registration paola = fresh();
        String confirmedId = UUID.randomUUID().toString();
        ContractExample confirmed = paola.fact("registration.confirmed");
        String cancelledId = UUID.randomUUID().toString();
        ContractExample cancelled = paola.fact("registration.cancelled");

        for (int i = 0; i < 5; i++) {
            scenario.publish(confirmed, confirmedId);
            scenario.publish(cancelled, cancelledId);
        }

        scenario.messages(paola.email(), 2);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from processed_event where event_id in (:a, :b)")
                .param("a", confirmedId).param("b", cancelledId).query(Long.class).single() == 2);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from notification where recipient = :r and status = 'SENT'")
                .param("r", paola.email()).query(Long.class).single() == 2);
        assertThat(jdbc.sql("select count(*) from notification where recipient = :r").param("r", paola.email())
                .query(Long.class).single()).as("one message per (fact, recipient, template)").isEqualTo(2);
        assertThat(scenario.smtp().to(paola.email())).hasSize(2);
    }

    /** One person, registered at an event of their own. */
    private static Registration fresh() {
        return Registration.of("persona-" + UUID.randomUUID() + "@implan-torreon.example.mx");
    }

    /** The event of {@code registration}, moved from 10 March (revision 1) to 17 March 2027, 16:00Z (revision 2). */
    private static ContractExample movedFromTheTenthToTheSeventeenthOfMarch(Registration registration) {
        return registration.fact("event.rescheduled")
                .with("/previous/startsAt", "2027-03-10T15:00:00Z").with("/previous/endsAt", "2027-03-10T17:00:00Z")
                .with("/previous/revision", 1)
                .with("/schedule/startsAt", "2027-03-17T16:00:00Z").with("/schedule/endsAt", "2027-03-17T18:00:00Z")
                .with("/schedule/revision", 2);
    }

    private static Calendar calendar(MimeMessage email) throws Exception {
        String ics = TestSmtp.text(TestSmtp.part(email, "text/calendar").orElseThrow(() -> new AssertionError("no invitation")));
        return new CalendarBuilder().build(new StringReader(ics));
    }
}
