package org.redciudades.notification.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redciudades.notification.delivery.MailProperties;

class CalendarInvitesTest {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final CalendarInvites invites = new CalendarInvites(new MailProperties(
            "Red de Ciudades Inteligentes <no-reply@redciudades.org>", Duration.ofMillis(500), 8, Duration.ofSeconds(2),
            Duration.ofMinutes(10), 4, 100, Duration.ofMinutes(2)));

    /**
     * Zones of the network's countries, with and without daylight saving time (Tijuana keeps it, Mexico City has not
     * since 2022), and one far from them; instants every 11 days over two years cross every transition.
     */
    @ParameterizedTest
    @ValueSource(strings = {"America/Mexico_City", "America/Tijuana", "America/Cancun", "America/Monterrey",
            "America/Guatemala", "America/El_Salvador", "America/Tegucigalpa", "America/Managua", "America/Costa_Rica",
            "America/Panama", "Europe/Madrid", "UTC"})
    void start_and_end_are_the_events_local_times_by_the_jdks_rules_with_its_zone_and_vtimezone(String zoneId)
            throws Exception {
        ZoneId zone = ZoneId.of(zoneId);
        for (Instant start = Instant.parse("2026-01-01T15:30:00Z"); start.isBefore(Instant.parse("2028-01-01T00:00:00Z"));
                start = start.plus(Duration.ofDays(11))) {
            Instant end = start.plus(Duration.ofMinutes(90));

            VEvent event = event(invites.request(invite(start, end, zoneId)));

            var dtStart = event.getProperty(Property.DTSTART).orElseThrow();
            assertThat(dtStart.getParameter("TZID").orElseThrow().getValue()).isEqualTo(zoneId);
            assertThat(dtStart.getValue()).as("DTSTART of %s in %s", start, zoneId)
                    .isEqualTo(LOCAL.format(start.atZone(zone)));
            assertThat(event.getProperty(Property.DTEND).orElseThrow().getValue()).as("DTEND of %s in %s", end, zoneId)
                    .isEqualTo(LOCAL.format(end.atZone(zone)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/Mexico_City", "America/Guatemala"})
    void invitations_written_at_once_on_many_threads_each_carry_their_own_times(String zoneId) throws Exception {
        List<Callable<Boolean>> writes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Instant start = Instant.parse("2026-12-03T16:00:00Z").plus(Duration.ofHours(i));
            String zone = i % 2 == 0 ? zoneId : "America/Panama";
            writes.add(() -> event(invites.request(invite(start, start.plusSeconds(3600), zone)))
                    .getProperty(Property.DTSTART).orElseThrow().getValue()
                    .equals(LOCAL.format(start.atZone(ZoneId.of(zone)))));
        }
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (var written : threads.invokeAll(writes)) {
                assertThat(written.get()).isTrue();
            }
        }
    }

    private static CalendarInvites.Invite invite(Instant start, Instant end, String zoneId) {
        return new CalendarInvites.Invite(UUID.randomUUID(), "Bootcamp de ciudades inteligentes", null,
                "Torreón, Coahuila", null, start, end, zoneId, 1, "Mariana López", "mariana@torreon.gob.mx");
    }

    private static VEvent event(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics)).<VEvent>getComponent("VEVENT").orElseThrow();
    }
}
