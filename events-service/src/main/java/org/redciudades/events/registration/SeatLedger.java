package org.redciudades.events.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.redciudades.chassis.outbox.Outbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The seats of each event, kept exact in the database whatever the concurrency and however many
 * instances run: a seat is taken only by a conditional update ({@code seats_taken < capacity}) on the
 * event row, and given back only in the transaction that promotes the head of the waiting list.
 * The event row is the one lock both contend for, so no freed seat can slip past the waiting list.
 * Which statuses hold a seat is {@link RegistrationLifecycle#holdsSeat}'s to say.
 */
@Repository
class SeatLedger {

    private final JdbcClient jdbc;

    SeatLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes a seat if one is free. */
    boolean takeSeat(UUID eventId) {
        return jdbc.sql("update event set seats_taken = seats_taken + 1 where id = :id and seats_taken < capacity")
                .param("id", eventId).update() == 1;
    }

    /** What {@link #register} found under the event's lock; only CREATED wrote anything. */
    enum Registered {
        /** The new registration, seated or waiting, and its fact in the outbox. */
        CREATED,
        /** The email's active registration, unchanged: a repeat. */
        EXISTING,
        /** The event is no longer the version decided on: read it again and decide anew. */
        CHANGED,
        /** No repeat, and the caller had refused a new registration beforehand. */
        REFUSED,
        /** The institution's active registrations have reached the event's quota. */
        QUOTA,
        /** No free seat, and no waiting list. */
        FULL
    }

    /** A new registration as decided before the lock, with the fact to publish for a seat and for waiting. */
    record NewRegistration(UUID id, RegistrationEvent.Attendee attendee, String registeredBy, boolean guest,
                           RegistrationStatus seated, Outbox.Entry seatedFact,
                           RegistrationStatus waiting, Outbox.Entry waitingFact, Instant at) {
    }

    record Registering(Registered outcome, Registration registration) {
    }

    /**
     * Registers, in one call to the database ({@code register_at_event}, migration V9) that is its own
     * transaction unless one is already open: locks the event, checks that it is still {@code version}, and
     * returns the email's active registration if there is one; otherwise, if {@code create}, checks the
     * institution's {@code quota} (none: null), takes a seat if one is free, and inserts the registration and
     * its fact. A guest is told FULL before anything about the email. No Java work and no round trip to the
     * service happen while the event's lock is held.
     */
    Registering register(UUID eventId, String version, boolean create, Integer quota, NewRegistration registration) {
        Outbox.Entry seatedFact = registration.seatedFact();
        Outbox.Entry waitingFact = registration.waitingFact();
        RegistrationEvent.Attendee attendee = registration.attendee();
        return jdbc.sql("""
                select f.outcome, (f.entry).* from register_at_event(
                    :event, :version, :create, :guest, :active,
                    :id, :email, :name, :locale, :member, :quota, :by,
                    :seated, :waiting, :at,
                    :factId, :topic, :traceparent, :factAt,
                    :seatedType, cast(:seatedPayload as jsonb), :waitingType, cast(:waitingPayload as jsonb)) f
                """)
                .param("event", eventId).param("version", version).param("create", create)
                .param("guest", registration.guest()).param("active", names(RegistrationLifecycle.active()))
                .param("id", registration.id()).param("email", attendee.email()).param("name", attendee.name())
                .param("locale", attendee.locale()).param("member", attendee.memberId(), Types.OTHER)
                .param("quota", quota, Types.INTEGER).param("by", registration.registeredBy(), Types.VARCHAR)
                .param("seated", registration.seated().name())
                .param("waiting", registration.waiting() == null ? null : registration.waiting().name(), Types.VARCHAR)
                .param("at", Timestamp.from(registration.at()))
                .param("factId", seatedFact.id()).param("topic", seatedFact.topic())
                .param("traceparent", seatedFact.traceparent()).param("factAt", Timestamp.from(seatedFact.occurredAt()))
                .param("seatedType", seatedFact.eventType()).param("seatedPayload", seatedFact.payload())
                .param("waitingType", waitingFact == null ? null : waitingFact.eventType(), Types.VARCHAR)
                .param("waitingPayload", waitingFact == null ? null : waitingFact.payload(), Types.VARCHAR)
                .query((rs, n) -> {
                    Registered outcome = Registered.valueOf(rs.getString("outcome"));
                    return new Registering(outcome, rs.getObject("id") == null ? null : map(rs, n));
                })
                .single();
    }

    /** Gives back a seat; call with the event row locked. */
    void releaseSeat(UUID eventId) {
        jdbc.sql("update event set seats_taken = seats_taken - 1 where id = :id").param("id", eventId).update();
    }

    /** Free seats; call with the event row locked, so the answer holds until the transaction ends. */
    int freeSeats(UUID eventId) {
        return jdbc.sql("select capacity - seats_taken from event where id = :id")
                .param("id", eventId).query(Integer.class).single();
    }

    void setCapacity(UUID eventId, int capacity) {
        jdbc.sql("update event set capacity = :capacity where id = :id").param("capacity", capacity).param("id", eventId).update();
    }

    /** The oldest waiting registrations, at most {@code count}, locked; call with the event row locked. */
    List<Registration> oldestWaiting(UUID eventId, int count) {
        if (count <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                select * from registration where event_id = :event and status = any(:waiting)
                order by position limit :count for update
                """)
                .param("event", eventId).param("waiting", names(RegistrationLifecycle.movedBy(RegistrationAction.PROMOTE)))
                .param("count", count).query(SeatLedger::map).list();
    }

    /**
     * Each of these registrations that is waiting, with its place in its event's queue in the order
     * {@link #oldestWaiting} promotes: 1 is the next to get a seat.
     */
    Map<UUID, Integer> waitlistPlaces(Collection<UUID> registrationIds) {
        if (registrationIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Integer> places = new HashMap<>();
        jdbc.sql("""
                select r.id, (select count(*) from registration ahead
                              where ahead.event_id = r.event_id and ahead.status = any(:waiting)
                                and ahead.position <= r.position) as place
                from registration r where r.id in (:ids) and r.status = any(:waiting)
                """)
                .param("ids", List.copyOf(registrationIds))
                .param("waiting", names(RegistrationLifecycle.movedBy(RegistrationAction.PROMOTE)))
                .query(rs -> {
                    places.put(rs.getObject("id", UUID.class), rs.getInt("place"));
                });
        return places;
    }

    /** Takes seats already known to be free (see {@link #freeSeats}); call with the event row locked. */
    void takeSeats(UUID eventId, int count) {
        jdbc.sql("update event set seats_taken = seats_taken + :n where id = :id").param("n", count).param("id", eventId).update();
    }

    /** Registrations of one institution at an event that are still in it, seated or waiting. */
    int activeOfMember(UUID eventId, UUID memberId) {
        return jdbc.sql("""
                select count(*) from registration
                where event_id = :event and member_id = :member and status = any(:active)
                """).param("event", eventId).param("member", memberId).param("active", names(RegistrationLifecycle.active()))
                .query(Integer.class).single();
    }

    /**
     * Inserts a new registration, made by {@code registeredBy} (a token subject) or by a guest (none); an email
     * has at most one active registration per event (a unique index).
     */
    void insert(UUID id, UUID eventId, RegistrationEvent.Attendee attendee, String registeredBy, boolean guest,
                RegistrationStatus status, Instant at) {
        jdbc.sql("""
                insert into registration (id, event_id, email, name, locale, member_id, registered_by, guest, status,
                                          created_at, updated_at)
                values (:id, :event, :email, :name, :locale, :member, :by, :guest, :status, :at, :at)
                """)
                .param("id", id).param("event", eventId).param("email", attendee.email()).param("name", attendee.name())
                .param("locale", attendee.locale()).param("member", attendee.memberId())
                .param("by", registeredBy).param("guest", guest).param("status", status.name())
                .param("at", Timestamp.from(at))
                .update();
    }

    void setStatus(UUID registrationId, RegistrationStatus status, Instant at) {
        jdbc.sql("update registration set status = :status, updated_at = :at where id = :id")
                .param("status", status.name()).param("at", Timestamp.from(at)).param("id", registrationId).update();
    }

    void setAttended(UUID registrationId, Instant at) {
        jdbc.sql("update registration set attended_at = :at, updated_at = :at where id = :id")
                .param("at", Timestamp.from(at)).param("id", registrationId).update();
    }

    Optional<Registration> find(UUID id, boolean lock) {
        return jdbc.sql("select * from registration where id = :id" + (lock ? " for update" : ""))
                .param("id", id).query(SeatLedger::map).optional();
    }

    /** The email's registration that is still in the event; older, ended ones are kept but not returned. */
    Optional<Registration> findActiveByEmail(UUID eventId, String email) {
        return jdbc.sql("select * from registration where event_id = :event and email = :email and status = any(:active)")
                .param("event", eventId).param("email", email).param("active", names(RegistrationLifecycle.active()))
                .query(SeatLedger::map).optional();
    }

    static String[] names(Set<RegistrationStatus> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    static Registration map(ResultSet rs, int n) throws SQLException {
        Timestamp attended = rs.getTimestamp("attended_at");
        return new Registration(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("email"), rs.getString("name"), rs.getString("locale"),
                rs.getObject("member_id", UUID.class), RegistrationStatus.valueOf(rs.getString("status")),
                rs.getLong("position"), rs.getTimestamp("created_at").toInstant(),
                attended == null ? null : attended.toInstant(), rs.getString("registered_by"), rs.getBoolean("guest"));
    }
}
