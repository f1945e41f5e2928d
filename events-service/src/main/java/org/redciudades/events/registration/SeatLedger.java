package org.redciudades.events.registration;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The seats of each event, kept exact in the database whatever the concurrency and however many
 * instances run: a seat is taken only by a conditional update ({@code confirmed < capacity}) on the
 * event row, and given back only in the transaction that promotes the head of the waiting list.
 * The event row is the one lock both contend for, so no freed seat can slip past the waiting list.
 */
@Repository
public class SeatLedger {

    private final JdbcClient jdbc;

    SeatLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes a seat if one is free. */
    boolean takeSeat(UUID eventId) {
        return jdbc.sql("update event set confirmed = confirmed + 1 where id = :id and confirmed < capacity")
                .param("id", eventId).update() == 1;
    }

    /** Gives back a confirmed seat, locking the event row until the transaction ends. */
    void releaseSeat(UUID eventId) {
        jdbc.sql("update event set confirmed = confirmed - 1 where id = :id").param("id", eventId).update();
    }

    /** Free seats; call with the event row locked, so the answer holds until the transaction ends. */
    int freeSeats(UUID eventId) {
        return jdbc.sql("select capacity - confirmed from event where id = :id")
                .param("id", eventId).query(Integer.class).single();
    }

    /** Confirms the oldest waiting registrations, up to the free seats; returns them. Call with the event row locked. */
    List<Registration> promoteWaiting(UUID eventId, int freeSeats, Instant at) {
        if (freeSeats <= 0) {
            return List.of();
        }
        List<Registration> promoted = jdbc.sql("""
                select * from registration where event_id = :event and status = 'WAITLISTED'
                order by position limit :free for update
                """)
                .param("event", eventId).param("free", freeSeats).query(this::map).list();
        if (!promoted.isEmpty()) {
            jdbc.sql("update registration set status = 'CONFIRMED', updated_at = :at where id = any(:ids)")
                    .param("at", Timestamp.from(at))
                    .param("ids", promoted.stream().map(Registration::id).toArray(UUID[]::new)).update();
            jdbc.sql("update event set confirmed = confirmed + :n where id = :id")
                    .param("n", promoted.size()).param("id", eventId).update();
        }
        return promoted;
    }

    /** Inserts the registration unless this email already has one for the event; empty if it had. */
    Optional<UUID> insertIfNew(UUID eventId, String email, String name, String locale, UUID memberId, Instant at) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                insert into registration (id, event_id, email, name, locale, member_id, status, created_at, updated_at)
                values (:id, :event, :email, :name, :locale, :member, 'WAITLISTED', :at, :at)
                on conflict (event_id, email) do nothing
                """)
                .param("id", id).param("event", eventId).param("email", email).param("name", name)
                .param("locale", locale).param("member", memberId).param("at", Timestamp.from(at))
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    void setStatus(UUID registrationId, RegistrationStatus status, Instant at) {
        jdbc.sql("update registration set status = :status, updated_at = :at where id = :id")
                .param("status", status.name()).param("at", Timestamp.from(at)).param("id", registrationId).update();
    }

    Optional<Registration> find(UUID id, boolean lock) {
        return jdbc.sql("select * from registration where id = :id" + (lock ? " for update" : ""))
                .param("id", id).query(this::map).optional();
    }

    Optional<Registration> findByEmail(UUID eventId, String email) {
        return jdbc.sql("select * from registration where event_id = :event and email = :email")
                .param("event", eventId).param("email", email).query(this::map).optional();
    }

    private Registration map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Registration(rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class),
                rs.getString("email"), rs.getString("name"), rs.getString("locale"),
                rs.getObject("member_id", UUID.class), RegistrationStatus.valueOf(rs.getString("status")),
                rs.getLong("position"), rs.getTimestamp("created_at").toInstant());
    }
}
