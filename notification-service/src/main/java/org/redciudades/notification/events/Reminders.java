package org.redciudades.notification.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The reminders owed before each event, per registration with a seat: one per configured lead time
 * ({@link ReminderProperties#leads()}), unless that moment has already passed.
 */
@Repository
class Reminders {

    private final JdbcClient jdbc;
    private final ReminderProperties properties;
    private final Clock clock;

    Reminders(JdbcClient jdbc, ReminderProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A registration holds a seat for an event starting at {@code startsAt}. */
    void plan(UUID registrationId, UUID eventId, Instant startsAt, int revision) {
        for (Duration lead : properties.leads()) {
            Instant due = startsAt.minus(lead);
            if (due.isAfter(clock.instant())) {
                jdbc.sql("""
                        insert into reminder (registration_id, event_id, lead, due_at, schedule_revision, status)
                        values (:registration, :event, :lead, :due, :revision, 'PENDING')
                        on conflict (registration_id, lead) do update
                           set due_at = excluded.due_at, schedule_revision = excluded.schedule_revision, status = 'PENDING'
                        """)
                        .param("registration", registrationId).param("event", eventId).param("lead", lead.toString())
                        .param("due", Timestamp.from(due)).param("revision", revision).update();
            }
        }
    }

    /**
     * The event moved: every reminder still owed moves with it, and one whose new moment has passed is
     * dropped. Reminders already sent for the old time stay sent; those of the new time are owed again.
     */
    void reschedule(UUID eventId, Instant startsAt, int revision) {
        jdbc.sql("""
                update reminder set due_at = cast(:start as timestamptz) - cast(lead as interval), schedule_revision = :revision,
                       status = case when cast(:start as timestamptz) - cast(lead as interval) > cast(:now as timestamptz)
                                     then 'PENDING' else 'DROPPED' end
                where event_id = :event and status in ('PENDING', 'QUEUED')
                """)
                .param("start", Timestamp.from(startsAt)).param("revision", revision)
                .param("now", Timestamp.from(clock.instant())).param("event", eventId).update();
    }

    /** The registration ended: nothing more is owed to it. */
    void dropForRegistration(UUID registrationId) {
        jdbc.sql("update reminder set status = 'DROPPED' where registration_id = :id and status = 'PENDING'")
                .param("id", registrationId).update();
    }

    /** The event was cancelled. */
    void dropForEvent(UUID eventId) {
        jdbc.sql("update reminder set status = 'DROPPED' where event_id = :id and status = 'PENDING'")
                .param("id", eventId).update();
    }
}
