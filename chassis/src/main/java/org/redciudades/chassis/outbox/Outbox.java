package org.redciudades.chassis.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.redciudades.chassis.envelope.EventTypes;
import org.redciudades.chassis.tracing.Traces;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the same database transaction as the state change that caused it. The
 * {@link OutboxRelay} publishes it after the commit; a rollback leaves nothing to publish.
 *
 * <p>The row keeps the {@code traceparent} of the span in scope (the HTTP request or the inbound event
 * being handled), so the trace continues when the relay publishes it.
 *
 * <p>Append after the aggregate's own row has been written, so that the row lock orders concurrent
 * changes to one aggregate and its events keep that order on the wire.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Traces traces;

    public Outbox(JdbcClient jdbc, JsonMapper json, Clock clock, Traces traces) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.traces = traces;
    }

    /**
     * A row to append, prepared with its payload, trace and time but not yet written: for a writer that
     * inserts it itself, in the same statement or database function as the change it records, so that no
     * Java work (serializing the payload, say) happens while that change holds its locks.
     */
    public record Entry(UUID id, String topic, String aggregateId, String eventType, String payload,
                        String traceparent, Instant occurredAt) {
    }

    /**
     * @param topic       the Kafka topic
     * @param aggregateId the record key and CloudEvents subject; ordering is kept per aggregate
     * @param event       a record annotated with {@code @EventType}
     * @return the event id, which becomes {@code ce_id}
     */
    public UUID append(String topic, String aggregateId, Object event) {
        return append(topic, aggregateId, event, traces.currentTraceparent());
    }

    /**
     * {@link #append(String, String, Object)} for an event that continues the trace {@code traceparent} rather
     * than the current one: an outcome recorded after the span it reports on has ended, say.
     */
    public UUID append(String topic, String aggregateId, Object event, String traceparent) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction that changes the aggregate");
        }
        Entry entry = entry(topic, aggregateId, event, traceparent);
        jdbc.sql("""
                insert into outbox_event (id, topic, aggregate_id, event_type, payload, traceparent, occurred_at)
                values (:id, :topic, :aggregateId, :type, cast(:payload as jsonb), :traceparent, :occurredAt)
                """)
                .param("id", entry.id())
                .param("topic", entry.topic())
                .param("aggregateId", entry.aggregateId())
                .param("type", entry.eventType())
                .param("payload", entry.payload())
                .param("traceparent", entry.traceparent())
                .param("occurredAt", Timestamp.from(entry.occurredAt()))
                .update();
        return entry.id();
    }

    /** The row {@link #append} would write, for a writer that inserts it itself (see {@link Entry}). */
    public Entry entry(String topic, String aggregateId, Object event) {
        return entry(topic, aggregateId, event, traces.currentTraceparent());
    }

    private Entry entry(String topic, String aggregateId, Object event, String traceparent) {
        return new Entry(UUID.randomUUID(), topic, aggregateId, EventTypes.of(event.getClass()),
                json.writeValueAsString(event), traceparent, clock.instant());
    }
}
