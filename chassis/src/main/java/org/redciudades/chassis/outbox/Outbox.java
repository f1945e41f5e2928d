package org.redciudades.chassis.outbox;

import java.time.Clock;
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
     * @param topic       the Kafka topic
     * @param aggregateId the record key and CloudEvents subject; ordering is kept per aggregate
     * @param event       a record annotated with {@code @EventType}
     * @return the event id, which becomes {@code ce_id}
     */
    public UUID append(String topic, String aggregateId, Object event) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.append must run inside the transaction that changes the aggregate");
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into outbox_event (id, topic, aggregate_id, event_type, payload, traceparent, occurred_at)
                values (:id, :topic, :aggregateId, :type, cast(:payload as jsonb), :traceparent, :occurredAt)
                """)
                .param("id", id)
                .param("topic", topic)
                .param("aggregateId", aggregateId)
                .param("type", EventTypes.of(event.getClass()))
                .param("payload", json.writeValueAsString(event))
                .param("traceparent", traces.currentTraceparent())
                .param("occurredAt", java.sql.Timestamp.from(clock.instant()))
                .update();
        return id;
    }
}
