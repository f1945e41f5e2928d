package org.redciudades.notification.calendar;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.redciudades.notification.delivery.MailProperties;
import org.springframework.stereotype.Component;

/**
 * iCalendar (RFC 5545/5546) invitations for a registration. The UID is stable per registration, so a
 * calendar client updates its one entry: a reschedule is a REQUEST with a higher SEQUENCE (the event's
 * schedule revision), and the end is a CANCEL. Times carry the event's own time zone, with its
 * VTIMEZONE definition.
 *
 * <p>The local times of DTSTART and DTEND follow the JDK's rules for the zone ({@link JdkZone}). Left to itself,
 * ical4j resolves their TZID through {@code TimeZoneRegistry.getGlobalZoneId}, which gives the same zone but copies
 * the JDK's 600 zone ids at every date it writes (about 40 µs each: 80% of an invitation's cost, 8% of the service's
 * CPU in the end-to-end benchmark); and its registry of VTIMEZONE definitions would give other times, since the rules
 * it derives from them keep daylight saving time in Mexico after 2022 (CalendarInvitesTest).
 */
@Component
public class CalendarInvites {

    /** What the invitation says. {@code location} and {@code onlineLink} may be null. */
    public record Invite(UUID registrationId, String summary, String description, String location, String onlineLink,
                         Instant startsAt, Instant endsAt, String timeZone, int scheduleRevision,
                         String attendeeName, String attendeeEmail) {
    }

    private static final String PRODUCT = "-//Red de Ciudades Inteligentes Mexico-Centroamerica//Eventos 1.0//ES";

    /** The VTIMEZONE definitions (ical4j's, from tzurl.org), which go into each invitation as they are. */
    private final TimeZoneRegistry definitions = TimeZoneRegistryFactory.getInstance().createRegistry();
    private final Map<String, JdkZone> zones = new ConcurrentHashMap<>();
    private final String organizer;

    CalendarInvites(MailProperties mail) {
        this.organizer = mail.senderAddress();
    }

    /** A new or updated entry in the attendee's calendar. */
    public String request(Invite invite) {
        return calendar(invite, ImmutableMethod.REQUEST, invite.scheduleRevision(), ImmutableStatus.VEVENT_CONFIRMED);
    }

    /** Removes the entry: its SEQUENCE is above any the registration's invitations had. */
    public String cancel(Invite invite) {
        return calendar(invite, ImmutableMethod.CANCEL, invite.scheduleRevision() + 1, ImmutableStatus.VEVENT_CANCELLED);
    }

    /** The UID of every invitation about one registration. */
    public static String uid(UUID registrationId) {
        return registrationId + "@eventos.redciudades.org";
    }

    private String calendar(Invite invite, Method method, int sequence, Status status) {
        JdkZone registry = zones.computeIfAbsent(invite.timeZone(),
                id -> new JdkZone(ZoneId.of(id), definitions.getTimeZone(id)));
        ZoneId zone = registry.zone();
        VEvent event = new VEvent(ZonedDateTime.ofInstant(invite.startsAt(), zone),
                ZonedDateTime.ofInstant(invite.endsAt(), zone), invite.summary());
        event.getDateTimeStart().setTimeZoneRegistry(registry);
        event.getDateTimeEnd().setTimeZoneRegistry(registry);
        event.add(new Uid(uid(invite.registrationId())));
        event.add(new Sequence(sequence));
        event.add(status);
        event.add(new Organizer(URI.create("mailto:" + organizer)));
        Attendee attendee = new Attendee(URI.create("mailto:" + invite.attendeeEmail()));
        attendee.add(new Cn(invite.attendeeName()));
        attendee.add(Role.REQ_PARTICIPANT);
        attendee.add(PartStat.ACCEPTED);
        attendee.add(Rsvp.FALSE);
        event.add(attendee);
        if (invite.location() != null) {
            event.add(new Location(invite.location()));
        } else if (invite.onlineLink() != null) {
            event.add(new Location(invite.onlineLink()));
        }
        if (invite.onlineLink() != null) {
            event.add(new Url(URI.create(invite.onlineLink())));
        }
        if (invite.description() != null) {
            event.add(new Description(invite.description()));
        }
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODUCT));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(method);
        calendar.add(registry.definition().getVTimeZone());
        calendar.add(event);
        return calendar.toString();
    }

    /**
     * One zone as an ical4j registry that answers with the JDK's rules: a date property resolves its TZID through the
     * registry it is given when that registry has rules. Immutable, so shared by the threads that write invitations.
     */
    private record JdkZone(ZoneId zone, TimeZone definition) implements TimeZoneRegistry {

        @Override
        public Map<String, ZoneRules> getZoneRules() {
            return Map.of(zone.getId(), zone.getRules());
        }

        @Override
        public ZoneId getZoneId(String tzId) {
            return tzId.equals(zone.getId()) ? zone : ZoneId.of(tzId);
        }

        @Override
        public TimeZone getTimeZone(String id) {
            return id.equals(zone.getId()) ? definition : null;
        }

        @Override
        public String getTzId(String zoneId) {
            return zoneId;
        }

        @Override
        public void register(TimeZone timeZone) {
            throw new UnsupportedOperationException("one zone, fixed");
        }

        @Override
        public void register(TimeZone timeZone, boolean update) {
            throw new UnsupportedOperationException("one zone, fixed");
        }

        @Override
        public void clear() {
            throw new UnsupportedOperationException("one zone, fixed");
        }
    }
}
