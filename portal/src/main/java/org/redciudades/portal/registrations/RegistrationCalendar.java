package org.redciudades.portal.registrations;

import java.net.URI;
import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.UUID;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Component;

/**
 * A registration's calendar file (.ics, RFC 5545), to download from "My registrations". It is the same calendar
 * entry as the invitation notification-service emails (its {@code calendar/CalendarInvites}): the UID is the
 * registration's, {@code <registrationId>@eventos.redciudades.org}, and the SEQUENCE the event's schedule revision,
 * so a calendar that took the emailed invitation updates that entry instead of adding a second one. Times carry the
 * event's own time zone, with its VTIMEZONE definition. A plain calendar object (no METHOD): a file to import, not
 * a scheduling message.
 */
@Component
class RegistrationCalendar {

    /** As notification-service names its invitations: the network's product, never a library's. */
    private static final String PRODUCT = "-//Red de Ciudades Inteligentes Mexico-Centroamerica//Eventos 1.0//ES";
    private static final String UID_DOMAIN = "@eventos.redciudades.org";

    /** What the entry says. {@code location} and {@code url} may be null. */
    record Entry(UUID registrationId, int sequence, String summary, String description, String location, URI url,
                 Instant startsAt, Instant endsAt, String timeZone) {
    }

    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    /** The UID of every calendar entry about one registration, here and in notification-service's emails. */
    static String uid(UUID registrationId) {
        return registrationId + UID_DOMAIN;
    }

    String ics(Entry entry) {
        ZoneId zone = ZoneId.of(entry.timeZone());
        VEvent event = new VEvent(ZonedDateTime.ofInstant(entry.startsAt(), zone),
                ZonedDateTime.ofInstant(entry.endsAt(), zone), entry.summary());
        event.add(new Uid(uid(entry.registrationId())));
        event.add(new Sequence(entry.sequence()));
        event.add(ImmutableStatus.VEVENT_CONFIRMED);
        if (entry.location() != null) {
            event.add(new Location(entry.location()));
        }
        if (entry.url() != null) {
            event.add(new Url(entry.url()));
        }
        if (entry.description() != null) {
            event.add(new Description(entry.description()));
        }
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(zones.getTimeZone(entry.timeZone()).getVTimeZone());
        calendar.add(event);
        return calendar.toString();
    }

    /** A file name a person recognises, from the event's title: "bootcamp-de-datos-abiertos.ics". */
    static String fileName(String title) {
        String ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        if (ascii.length() > 60) {
            ascii = ascii.substring(0, 60).replaceAll("-[^-]*$", "");
        }
        return (ascii.isEmpty() ? "evento" : ascii) + ".ics";
    }
}
