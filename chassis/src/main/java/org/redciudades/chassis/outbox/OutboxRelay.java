package org.redciudades.chassis.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.redciudades.chassis.envelope.CloudEventHeaders;
import org.redciudades.chassis.support.PollingWorker;
import org.redciudades.chassis.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Kafka in order, and marks a row sent only after the broker has
 * acknowledged it (the binder's producer is synchronous, with {@code acks=all} and idempotence).
 *
 * <p>Only one relay per database publishes at a time: each pass takes a transaction-scoped advisory
 * lock, and an instance that does not get it skips the pass. That keeps the global order of the rows,
 * hence per-key order, with any number of instances; the others take over when the holder dies.
 * A row whose send fails stops the pass, so no later row overtakes it. Delivery is at least once:
 * if the commit after the broker's acknowledgement fails, the row is sent again, and consumers drop
 * the duplicate by its {@code ce_id}.
 */
public class OutboxRelay extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Any fixed number, the same for every instance of a service; each service has its own database. */
    private static final long RELAY_LOCK = 0x5265644369756461L;
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StreamBridge streamBridge;
    private final OutboxProperties properties;
    private final String source;
    private final Clock clock;
    private final Traces traces;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    private Instant lastCleanup = Instant.EPOCH;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, StreamBridge streamBridge,
                       OutboxProperties properties, String source, Clock clock, MeterRegistry meters, Traces traces) {
        super("outbox-relay", properties.pollInterval());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.streamBridge = streamBridge;
        this.properties = properties;
        this.source = source;
        this.clock = clock;
        this.traces = traces;
        this.published = Counter.builder("outbox.published").description("Outbox rows published to Kafka").register(meters);
        this.failures = Counter.builder("outbox.publish.failures").description("Failed outbox publish attempts").register(meters);
        Gauge.builder("outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by the broker").register(meters);
        Gauge.builder("outbox.oldest.age", oldestAgeMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest unsent outbox row").register(meters);
    }

    /** Publishes one batch if this instance holds the relay lock. Returns the number of rows sent. */
    public int relayOnce() {
        Integer sent = transactions.execute(status -> {
            boolean holder = jdbc.sql("select pg_try_advisory_xact_lock(:lock)").param("lock", RELAY_LOCK)
                    .query(Boolean.class).single();
            if (!holder) {
                return 0;
            }
            List<OutboxRow> rows = jdbc.sql("""
                    select id, topic, aggregate_id, event_type as type, payload::text as payload, traceparent, occurred_at
                    from outbox_event where sent_at is null order by position limit :limit
                    """)
                    .param("limit", properties.batchSize())
                    .query(OutboxRow.class)
                    .list();
            List<UUID> acknowledged = new ArrayList<>(rows.size());
            for (OutboxRow row : rows) {
                try {
                    traces.continueTrace(row.traceparent(), "outbox publish", Span.Kind.PRODUCER,
                            Map.of("messaging.destination.name", row.topic(), "event.type", row.type()), () -> {
                                if (!streamBridge.send(row.topic(), toMessage(row, traces.currentTraceparent()))) {
                                    throw new IllegalStateException("StreamBridge refused the message");
                                }
                            });
                } catch (RuntimeException e) {
                    failures.increment();
                    log.warn("Outbox publish of {} {} to {} failed; it stays pending and is retried: {}",
                            row.type(), row.id(), row.topic(), e.getMessage());
                    break;
                }
                acknowledged.add(row.id());
            }
            if (!acknowledged.isEmpty()) {
                jdbc.sql("update outbox_event set sent_at = :now where id = any(:ids)")
                        .param("now", Timestamp.from(clock.instant()))
                        .param("ids", acknowledged.toArray(UUID[]::new))
                        .update();
                published.increment(acknowledged.size());
            }
            return acknowledged.size();
        });
        return sent == null ? 0 : sent;
    }

    /** Refreshes the backlog gauges from the table, so that every instance reports them. */
    public void measureBacklog() {
        jdbc.sql("select count(*) as backlog, min(occurred_at) as oldest from outbox_event where sent_at is null")
                .query(rs -> {
                    backlog.set(rs.getLong("backlog"));
                    Timestamp oldest = rs.getTimestamp("oldest");
                    oldestAgeMillis.set(oldest == null ? 0
                            : Math.max(0, Duration.between(oldest.toInstant(), clock.instant()).toMillis()));
                });
    }

    @Override
    protected void pass() {
        int sent;
        do {
            sent = relayOnce();
        } while (sent == properties.batchSize() && isRunning());
        measureBacklog();
        deleteOldSentRows();
    }

    @Override
    protected boolean enabled() {
        return properties.enabled();
    }

    private void deleteOldSentRows() {
        Instant now = clock.instant();
        if (Duration.between(lastCleanup, now).compareTo(CLEANUP_EVERY) < 0) {
            return;
        }
        lastCleanup = now;
        jdbc.sql("delete from outbox_event where sent_at < :before")
                .param("before", Timestamp.from(now.minus(properties.retention())))
                .update();
    }

    /** The record carries the relay's own span as parent, so the trace shows the time spent in the outbox. */
    private Message<byte[]> toMessage(OutboxRow row, String traceparent) {
        return MessageBuilder.withPayload(row.payload().getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, utf8(row.aggregateId()))
                .setHeader(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0))
                .setHeader(CloudEventHeaders.ID, utf8(row.id().toString()))
                .setHeader(CloudEventHeaders.TYPE, utf8(row.type()))
                .setHeader(CloudEventHeaders.SOURCE, utf8(source))
                .setHeader(CloudEventHeaders.TIME, utf8(row.occurredAt().toString()))
                .setHeader(CloudEventHeaders.SUBJECT, utf8(row.aggregateId()))
                .setHeader(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.JSON))
                .setHeader(CloudEventHeaders.TRACEPARENT, utf8(traceparent))
                .build();
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Stops after the web server has drained its requests and the consumers have stopped, so the rows
     * they committed still go out during a graceful shutdown.
     */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private record OutboxRow(UUID id, String topic, String aggregateId, String type, String payload,
                             String traceparent, Instant occurredAt) {
    }
}
