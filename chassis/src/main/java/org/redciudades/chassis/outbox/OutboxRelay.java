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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.redciudades.chassis.envelope.CloudEventHeaders;
import org.redciudades.chassis.support.PollingWorker;
import org.redciudades.chassis.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes committed outbox rows to Kafka in order, and marks a row sent only after the broker has
 * acknowledged it ({@code acks=all}, idempotent producer). A batch is sent without waiting per record,
 * then every acknowledgement is awaited; the idempotent producer keeps per-partition order with up to
 * 5 requests in flight. See {@link OutboxProducer} for why this is not {@code StreamBridge}.
 *
 * <p>Only one relay per database publishes at a time: each pass takes a transaction-scoped advisory
 * lock, and an instance that does not get it skips the pass. That keeps the global order of the rows,
 * hence per-key order, with any number of instances; the others take over when the holder dies.
 * Only the rows before the first failed send are marked sent; the next pass sends again from the
 * failed row, so no later row is marked before it. Delivery is at least once: a row sent again after an
 * unknown outcome (a timeout, or a later row of a batch that failed), or after a failed commit, reaches
 * the topic twice, and consumers drop the duplicate by its {@code ce_id}.
 */
public class OutboxRelay extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** Any fixed number, the same for every instance of a service; each service has its own database. */
    private static final long RELAY_LOCK = 0x5265644369756461L;
    private static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OutboxProducer producer;
    private final Duration ackTimeout;
    private final OutboxProperties properties;
    private final String source;
    private final Clock clock;
    private final Traces traces;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    private Instant lastCleanup = Instant.EPOCH;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, OutboxProducer producer,
                       OutboxProperties properties, String source, Clock clock, MeterRegistry meters, Traces traces) {
        super("outbox-relay", properties.pollInterval());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producer = producer;
        // The producer settles every send within delivery.timeout.ms; the margin only guards against a hang.
        String deliveryTimeout = producer.setting(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        this.ackTimeout = Duration.ofMillis(deliveryTimeout == null ? 120_000 : Long.parseLong(deliveryTimeout))
                .plusSeconds(30);
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

    /**
     * Publishes one batch if this instance holds the relay lock: sends every row without waiting, then
     * waits for the acknowledgements, and marks sent the rows before the first one that failed. Returns
     * the number of rows marked sent.
     */
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
            List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(rows.size());
            for (OutboxRow row : rows) {
                CompletableFuture<RecordMetadata> send = publish(row);
                sends.add(send);
                if (send.isCompletedExceptionally()) {
                    break;
                }
            }
            int acknowledged = acknowledgedPrefix(rows, sends);
            if (acknowledged > 0) {
                jdbc.sql("update outbox_event set sent_at = :now where id = any(:ids)")
                        .param("now", Timestamp.from(clock.instant()))
                        .param("ids", rows.subList(0, acknowledged).stream().map(OutboxRow::id).toArray(UUID[]::new))
                        .update();
                published.increment(acknowledged);
            }
            return acknowledged;
        });
        return sent == null ? 0 : sent;
    }

    /**
     * Hands the row to the producer in a PRODUCER span, child of the row's trace. The span covers the
     * hand-off, not the wait for the acknowledgement, which is shared by the whole batch.
     */
    private CompletableFuture<RecordMetadata> publish(OutboxRow row) {
        try {
            return traces.continueTrace(row.traceparent(), "outbox publish", Span.Kind.PRODUCER,
                    Map.of("messaging.destination.name", row.topic(), "event.type", row.type()),
                    () -> producer.send(toRecord(row, traces.currentTraceparent())));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Waits for every send, and returns how many rows from the start were acknowledged. A row after a
     * failed one is not counted even if the broker took it: it is sent again, and consumers drop the
     * repeat by its {@code ce_id}, so per-key order holds for them.
     */
    private int acknowledgedPrefix(List<OutboxRow> rows, List<CompletableFuture<RecordMetadata>> sends) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        int acknowledged = 0;
        boolean failed = false;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!failed) {
                    acknowledged++;
                }
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (!failed) {
                    failed = true;
                    OutboxRow row = rows.get(i);
                    failures.increment();
                    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                    log.warn("Outbox publish of {} {} to {} failed; it and {} later rows stay pending and are retried: {}",
                            row.type(), row.id(), row.topic(), rows.size() - i - 1, String.valueOf(cause));
                }
            }
        }
        return acknowledged;
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
    private ProducerRecord<byte[], byte[]> toRecord(OutboxRow row, String traceparent) {
        List<Header> headers = List.of(
                new RecordHeader(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0)),
                new RecordHeader(CloudEventHeaders.ID, utf8(row.id().toString())),
                new RecordHeader(CloudEventHeaders.TYPE, utf8(row.type())),
                new RecordHeader(CloudEventHeaders.SOURCE, utf8(source)),
                new RecordHeader(CloudEventHeaders.TIME, utf8(row.occurredAt().toString())),
                new RecordHeader(CloudEventHeaders.SUBJECT, utf8(row.aggregateId())),
                new RecordHeader(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.JSON)),
                new RecordHeader(CloudEventHeaders.TRACEPARENT, utf8(traceparent)));
        return new ProducerRecord<>(row.topic(), null, utf8(row.aggregateId()), utf8(row.payload()), headers);
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
