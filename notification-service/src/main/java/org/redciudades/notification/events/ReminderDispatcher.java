package org.redciudades.notification.events;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.redciudades.chassis.support.PollingWorker;
import org.redciudades.notification.events.Registrants.Registrant;
import org.redciudades.notification.preferences.Preferences;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues the reminders that are due, each exactly once: the reminder row is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and marked QUEUED in the transaction that queues its message, whose
 * source id names the registration, the lead time and the schedule revision. Someone who opted out of
 * reminders is skipped (DROPPED).
 */
@Component
@EnableConfigurationProperties(ReminderProperties.class)
class ReminderDispatcher extends PollingWorker {

    private static final int BATCH = 50;

    private record Due(UUID registrationId, UUID eventId, String lead, int revision) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Registrants registrants;
    private final EventMessages messages;
    private final Clock clock;
    private final Preferences preferences;

    ReminderDispatcher(JdbcClient jdbc, TransactionTemplate transactions, Registrants registrants, EventMessages messages,
                       ReminderProperties properties, Clock clock, Preferences preferences) {
        super("reminder-dispatcher", properties.pollInterval());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.registrants = registrants;
        this.messages = messages;
        this.clock = clock;
        this.preferences = preferences;
    }

    /** Queues the reminders that are due; returns how many rows it handled. */
    int queueDue() {
        Integer handled = transactions.execute(status -> {
            List<Due> due = jdbc.sql("""
                    select registration_id, event_id, lead, schedule_revision as revision from reminder
                    where status = 'PENDING' and due_at <= :now order by due_at limit :limit for update skip locked
                    """)
                    .param("now", Timestamp.from(clock.instant())).param("limit", BATCH)
                    .query(Due.class)
                    .list();
            for (Due reminder : due) {
                queue(reminder);
            }
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    private void queue(Due reminder) {
        var detail = registrants.event(reminder.eventId());
        Registrant person = registrants.active(reminder.registrationId(), Registrants.Status.CONFIRMED).orElse(null);
        boolean send = detail.isPresent() && person != null
                && detail.get().schedule().startsAt().isAfter(clock.instant())
                && preferences.allows(person.email(), Preferences.Category.REMINDERS);
        if (send) {
            String template = "reminder." + (Duration.parse(reminder.lead()).toHours() >= 24 ? "day" : "hour");
            messages.send("reminder:" + reminder.registrationId() + ":" + reminder.lead() + ":" + reminder.revision(),
                    template, person, detail.get(), messages.linkLine(person, template), null);
        }
        jdbc.sql("update reminder set status = :status where registration_id = :id and lead = :lead")
                .param("status", send ? "QUEUED" : "DROPPED").param("id", reminder.registrationId())
                .param("lead", reminder.lead()).update();
    }

    @Override
    protected void pass() {
        while (queueDue() == BATCH && isRunning()) {
            // keep draining while full batches come back
        }
    }
}
