package org.redciudades.portal.registrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.junit.jupiter.api.Test;

class RegistrationCalendarTest {

    static final UUID REGISTRATION = UUID.fromString("0b7e8a52-3c1d-4f7a-9d53-2f1c6a0e4b11");
    static final Instant START = Instant.parse("2027-04-14T16:00:00Z");
    static final Instant END = Instant.parse("2027-04-14T18:00:00Z");

    final RegistrationCalendar calendars = new RegistrationCalendar();

    @Test
    void the_file_is_the_same_calendar_entry_as_the_emailed_invitation_in_the_events_own_zone() throws Exception {
        Calendar calendar = parse(calendars.ics(new RegistrationCalendar.Entry(REGISTRATION, 2,
                "Bootcamp de datos abiertos", "Publicación de datos municipales.\n\nDetalles del evento: https://portal/x",
                "Av. Reforma 1, Guatemala, Guatemala", URI.create("https://meet.example.org/datos"), START, END,
                "America/Guatemala")));

        VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(value(event, Property.UID)).as("notification-service's CalendarInvites.uid")
                .isEqualTo(REGISTRATION + "@eventos.redciudades.org");
        assertThat(value(event, Property.SEQUENCE)).as("the event's schedule revision").isEqualTo("2");
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow().getValue())
                .isEqualTo("America/Guatemala");
        assertThat(value(event, Property.DTSTART)).as("10:00 in Guatemala").isEqualTo("20270414T100000");
        assertThat(value(event, Property.DTEND)).isEqualTo("20270414T120000");
        assertThat(ZonedDateTime.from(event.getStartDate().orElseThrow().getDate()).toInstant()).isEqualTo(START);
        assertThat(calendar.<VTimeZone>getComponent("VTIMEZONE").orElseThrow()
                .getProperty(Property.TZID).orElseThrow().getValue()).isEqualTo("America/Guatemala");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Bootcamp de datos abiertos");
        assertThat(value(event, Property.LOCATION)).isEqualTo("Av. Reforma 1, Guatemala, Guatemala");
        assertThat(value(event, Property.URL)).isEqualTo("https://meet.example.org/datos");
        assertThat(value(event, Property.DESCRIPTION)).contains("Detalles del evento: https://portal/x");
        assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(event.getProperty(Property.DTSTAMP)).isPresent();
        assertThat(calendar.getProperty(Property.METHOD)).as("a file to import, not a scheduling message").isEmpty();
        assertThat(value(calendar, Property.PRODID)).contains("Red de Ciudades Inteligentes");
    }

    @Test
    void an_online_event_without_a_place_or_description_has_neither_line() throws Exception {
        Calendar calendar = parse(calendars.ics(new RegistrationCalendar.Entry(REGISTRATION, 0, "Curso", null, null,
                null, START, END, "America/Mexico_City")));

        VEvent event = calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        assertThat(event.getProperty(Property.LOCATION)).isEmpty();
        assertThat(event.getProperty(Property.DESCRIPTION)).isEmpty();
        assertThat(value(event, Property.SEQUENCE)).isEqualTo("0");
    }

    @Test
    void the_file_is_named_after_the_events_title_in_plain_letters() {
        assertThat(RegistrationCalendar.fileName("Bootcamp de datos abiertos")).isEqualTo("bootcamp-de-datos-abiertos.ics");
        assertThat(RegistrationCalendar.fileName("Taller: movilidad ¿urbana? en Cancún")).isEqualTo("taller-movilidad-urbana-en-cancun.ics");
        assertThat(RegistrationCalendar.fileName("¡¿!")).isEqualTo("evento.ics");
        assertThat(RegistrationCalendar.fileName("a".repeat(30) + " " + "b".repeat(40))).isEqualTo("a".repeat(30) + ".ics");
    }

    static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static String value(net.fortuna.ical4j.model.PropertyContainer container, String name) {
        return container.getProperty(name).orElseThrow().getValue();
    }
}
