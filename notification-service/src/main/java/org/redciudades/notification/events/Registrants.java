package org.redciudades.notification.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.redciudades.notification.events.EventFacts.Schedule;
import org.redciudades.notification.events.EventFacts.Title;
import org.redciudades.notification.events.EventFacts.Venue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * This service's projection of events and their registrants, from events-service's facts only: what a
 * message about an event says, and whom to write to when the event moves or ends.
 */
@Repository
class Registrants {

    enum Status { CONFIRMED, PENDING_APPROVAL, WAITLISTED, ENDED }

    /** An event as messages describe it. */
    record EventDetail(UUID eventId, Title title, Schedule schedule, String modality, Venue venue) {
    }

    /** A registrant still expecting the event. */
    record Registrant(UUID registrationId, UUID eventId, String email, String name, String locale, Status status,
                      String onlineLink, boolean invited) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Registrants(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void describe(EventDetail event) {
        Venue venue = event.venue();
        jdbc.sql("""
                insert into event_detail (event_id, title_es, title_en, starts_at, ends_at, time_zone, schedule_revision,
                                          modality, venue_city, venue_country, venue_address)
                values (:id, :es, :en, :starts, :ends, :zone, :revision, :modality, :city, :country, :address)
                on conflict (event_id) do update set
                    title_es = excluded.title_es, title_en = excluded.title_en, starts_at = excluded.starts_at,
                    ends_at = excluded.ends_at, time_zone = excluded.time_zone,
                    schedule_revision = excluded.schedule_revision,
                    modality = coalesce(excluded.modality, event_detail.modality),
                    venue_city = coalesce(excluded.venue_city, event_detail.venue_city),
                    venue_country = coalesce(excluded.venue_country, event_detail.venue_country),
                    venue_address = coalesce(excluded.venue_address, event_detail.venue_address)
                where excluded.schedule_revision >= event_detail.schedule_revision
                """)
                .param("id", event.eventId()).param("es", event.title().es()).param("en", event.title().en())
                .param("starts", Timestamp.from(event.schedule().startsAt()))
                .param("ends", Timestamp.from(event.schedule().endsAt()))
                .param("zone", event.schedule().timeZone()).param("revision", event.schedule().revision())
                .param("modality", event.modality())
                .param("city", venue == null ? null : venue.city())
                .param("country", venue == null ? null : venue.country())
                .param("address", venue == null ? null : venue.address())
                .update();
    }

    Optional<EventDetail> event(UUID eventId) {
        return jdbc.sql("select * from event_detail where event_id = :id").param("id", eventId)
                .query((rs, n) -> new EventDetail(eventId, new Title(rs.getString("title_es"), rs.getString("title_en")),
                        new Schedule(rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
                                rs.getString("time_zone"), rs.getInt("schedule_revision")),
                        rs.getString("modality"),
                        rs.getString("venue_city") == null ? null
                                : new Venue(rs.getString("venue_city"), rs.getString("venue_country"), rs.getString("venue_address"))))
                .optional();
    }

    void markCancelled(UUID eventId) {
        jdbc.sql("update event_detail set cancelled = true where event_id = :id").param("id", eventId).update();
    }

    /** Records where a registration now stands; a seat's online link is kept once known. */
    void record(EventFacts.RegistrationFact fact, Status status) {
        jdbc.sql("""
                insert into registrant (registration_id, event_id, email, name, locale, status, online_link, updated_at)
                values (:id, :event, :email, :name, :locale, :status, :link, :now)
                on conflict (registration_id) do update set
                    email = excluded.email, name = excluded.name, locale = excluded.locale, status = excluded.status,
                    online_link = coalesce(excluded.online_link, registrant.online_link), updated_at = excluded.updated_at
                """)
                .param("id", fact.registrationId()).param("event", fact.eventId())
                .param("email", fact.attendee().email()).param("name", nameOf(fact.attendee()))
                .param("locale", fact.attendee().locale() == null ? "es-MX" : fact.attendee().locale())
                .param("status", status.name()).param("link", fact.event().onlineLink())
                .param("now", Timestamp.from(clock.instant()))
                .update();
    }

    void markInvited(UUID registrationId) {
        jdbc.sql("update registrant set invited = true where registration_id = :id").param("id", registrationId).update();
    }

    /** Ends a registration; returns whether its person had a calendar invitation, which must now be cancelled. */
    boolean end(UUID registrationId) {
        Boolean invited = jdbc.sql("""
                update registrant set status = 'ENDED', updated_at = :now
                where registration_id = :id and status <> 'ENDED' returning invited
                """)
                .param("id", registrationId).param("now", Timestamp.from(clock.instant()))
                .query(Boolean.class).optional().orElse(false);
        return invited;
    }

    /** One registrant still expecting the event. */
    Optional<Registrant> active(UUID registrationId, Status status) {
        return jdbc.sql("select * from registrant where registration_id = :id and status = :status")
                .param("id", registrationId).param("status", status.name()).query(Registrant.class).optional();
    }

    /** Everyone still registered for the event (confirmed, pending or waiting). */
    List<Registrant> active(UUID eventId) {
        return jdbc.sql("select * from registrant where event_id = :event and status <> 'ENDED' order by registration_id")
                .param("event", eventId).query(Registrant.class).list();
    }

    private static String nameOf(EventFacts.Attendee attendee) {
        return attendee.name() == null ? "" : attendee.name();
    }
}
