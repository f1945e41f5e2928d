package org.redciudades.chassis.inbox;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The processed-events table: one row per ({@code consumer}, {@code ce_id}), written in the same
 * transaction as the consumer's effect, so a redelivered record finds its row and has no effect.
 */
public class ProcessedEvents {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ProcessedEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the event as processed by {@code consumer}. Returns {@code false} if it already was; a
     * concurrent first delivery waits on the row lock and then also sees {@code false}.
     */
    public boolean markProcessed(String eventId, String consumer) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("markProcessed must run in the transaction of the consumer's effect");
        }
        return jdbc.sql("""
                insert into processed_event (consumer, event_id, processed_at) values (:consumer, :eventId, :at)
                on conflict do nothing
                """)
                .param("consumer", consumer)
                .param("eventId", eventId)
                .param("at", Timestamp.from(clock.instant()))
                .update() == 1;
    }
}
