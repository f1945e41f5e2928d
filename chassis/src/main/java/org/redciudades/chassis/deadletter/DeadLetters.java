package org.redciudades.chassis.deadletter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.redciudades.chassis.envelope.CloudEventHeaders;
import org.redciudades.chassis.support.AfterCommit;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.PagedQuery;
import org.redciudades.chassis.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dead letters of this service: what the {@link DeadLetterCollector} copied from its dead-letter
 * topics, and what ops do with each one. A replay publishes the original record (key, CloudEvents headers,
 * data) to its original topic, where every consumer drops it again if it had already applied it; a
 * discard closes it with a reason. Each action is audited (who, when, why), logged and counted.
 */
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** Spring Kafka's dead-letter headers, and the older names the binder may still write. */
    private static final List<String> FAILURE_HEADER_PREFIXES = List.of("kafka_dlt-", "x-");
    private static final int MAX_ERROR_LENGTH = 2000;
    private static final TypeReference<Map<String, String>> HEADER_MAP = new TypeReference<>() {
    };

    public enum Status { PENDING, REPLAYED, DISCARDED }

    @Schema(name = "DeadLetterSummary")
    public record Summary(UUID id, String originalTopic, String eventType, String eventId, String errorClass,
                          String errorMessage, Instant receivedAt, Status status) {
    }

    @Schema(name = "DeadLetterAction")
    public record Action(String action, String actor, String reason, Instant actedAt) {
    }

    /** Everything ops need to decide: where it came from, why it failed, and the record itself. */
    @Schema(name = "DeadLetter")
    public record Detail(UUID id, String deadLetterTopic, String originalTopic, Integer originalPartition,
                         Long originalOffset, String key, Map<String, String> headers, String data, String eventType,
                         String eventId, String errorClass, String errorMessage, Instant receivedAt, Status status,
                         Instant resolvedAt, String resolvedBy, List<Action> actions) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final StreamBridge streamBridge;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;

    public DeadLetters(JdbcClient jdbc, TransactionTemplate transactions, StreamBridge streamBridge, JsonMapper json,
                       Clock clock, MeterRegistry meters, DeadLetterTopics topics) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.streamBridge = streamBridge;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
        for (String topic : topics.topics()) {
            Gauge.builder("dead.letters.pending", this, letters -> letters.pending(topic))
                    .description("Dead letters neither replayed nor discarded").tag("topic", topic).register(meters);
            meters.counter("dead.letters.received", "topic", topic);
        }
        for (String action : List.of("replay", "discard")) {
            meters.counter("dead.letter.actions", "action", action);
        }
    }

    /** Keeps one dead-letter record; a record seen again (after a rebalance) is kept once. */
    void record(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, byte[]> failure = new HashMap<>();
        for (Header header : record.headers()) {
            String failureHeader = FAILURE_HEADER_PREFIXES.stream().filter(header.key()::startsWith)
                    .map(prefix -> header.key().substring(prefix.length())).findFirst().orElse(null);
            if (failureHeader != null) {
                failure.putIfAbsent(failureHeader, header.value());
            } else if (header.value() != null && isEnvelope(header.key())) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        String originalTopic = text(failure.get("original-topic"));
        int inserted = jdbc.sql("""
                insert into dead_letter (id, dead_letter_topic, dead_letter_partition, dead_letter_offset, original_topic,
                                         original_partition, original_offset, record_key, headers, payload, event_id,
                                         event_type, error_class, error_message, received_at, status)
                values (:id, :topic, :partition, :offset, :originalTopic, :originalPartition, :originalOffset, :key,
                        cast(:headers as jsonb), :payload, :eventId, :eventType, :errorClass, :errorMessage, :now, 'PENDING')
                on conflict (dead_letter_topic, dead_letter_partition, dead_letter_offset) do nothing
                """)
                .param("id", UUID.randomUUID())
                .param("topic", record.topic())
                .param("partition", record.partition())
                .param("offset", record.offset())
                .param("originalTopic", originalTopic != null ? originalTopic : originalTopicOf(record.topic()))
                .param("originalPartition", number(failure.get("original-partition")))
                .param("originalOffset", number(failure.get("original-offset")))
                .param("key", record.key())
                .param("headers", json.writeValueAsString(headers))
                .param("payload", record.value())
                .param("eventId", headers.get(CloudEventHeaders.ID))
                .param("eventType", headers.get(CloudEventHeaders.TYPE))
                .param("errorClass", text(failure.get("exception-fqcn")))
                .param("errorMessage", truncate(text(failure.get("exception-message"))))
                .param("now", Timestamp.from(clock.instant()))
                .update();
        if (inserted == 1) {
            meters.counter("dead.letters.received", "topic", record.topic()).increment();
            log.warn("Dead letter kept from {} (event {} {}): {}", record.topic(), headers.get(CloudEventHeaders.TYPE),
                    headers.get(CloudEventHeaders.ID), truncate(text(failure.get("exception-message"))));
        }
    }

    public PageQuery.Page<Summary> find(Status status, PageQuery page) {
        return PagedQuery.of(jdbc, "dead_letter", Map.of("receivedAt", "received_at"), "id")
                .filter("status = :status", "status", status)
                .page(page, "*", Summary.class);
    }

    public Detail get(UUID id) {
        List<Action> actions = jdbc.sql("select * from dead_letter_action where dead_letter_id = :id order by id")
                .param("id", id)
                .query(Action.class)
                .list();
        return jdbc.sql("select * from dead_letter where id = :id").param("id", id)
                .query((rs, n) -> detail(rs, actions)).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "dead-letter-not-found", id));
    }

    /** Publishes the original record to its original topic, then marks the dead letter replayed. */
    public Detail replay(UUID id, String actor) {
        transactions.executeWithoutResult(status -> {
            StoredRecord stored = lockPending(id);
            var message = MessageBuilder.withPayload(stored.payload() == null ? new byte[0] : stored.payload());
            if (stored.key() != null) {
                message.setHeader(KafkaHeaders.KEY, stored.key());
            }
            stored.headers().forEach((name, value) -> message.setHeader(name, value.getBytes(StandardCharsets.UTF_8)));
            if (!streamBridge.send(stored.originalTopic(), message.build())) {
                throw new IllegalStateException("The broker did not accept the replay of dead letter " + id);
            }
            resolve(id, Status.REPLAYED, "REPLAY", actor, null);
        });
        log.info("Dead letter {} replayed to its original topic by {}", id, actor);
        return get(id);
    }

    /** Closes the dead letter without processing it; the reason is kept in the audit trail. */
    public Detail discard(UUID id, String actor, String reason) {
        transactions.executeWithoutResult(status -> {
            lockPending(id);
            resolve(id, Status.DISCARDED, "DISCARD", actor, reason);
        });
        log.info("Dead letter {} discarded by {}", id, actor);
        return get(id);
    }

    private record StoredRecord(String originalTopic, byte[] key, Map<String, String> headers, byte[] payload) {
    }

    private StoredRecord lockPending(UUID id) {
        var row = jdbc.sql("select * from dead_letter where id = :id for update").param("id", id)
                .query((rs, n) -> Map.entry(Status.valueOf(rs.getString("status")),
                        new StoredRecord(rs.getString("original_topic"), rs.getBytes("record_key"),
                                json.readValue(rs.getString("headers"), HEADER_MAP), rs.getBytes("payload"))))
                .optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "dead-letter-not-found", id));
        if (row.getKey() != Status.PENDING) {
            throw new ProblemException(HttpStatus.CONFLICT, "dead-letter-resolved", id, row.getKey().name());
        }
        return row.getValue();
    }

    private void resolve(UUID id, Status status, String action, String actor, String reason) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("update dead_letter set status = :status, resolved_at = :now, resolved_by = :actor where id = :id")
                .param("status", status.name()).param("now", now).param("actor", actor).param("id", id).update();
        jdbc.sql("""
                insert into dead_letter_action (dead_letter_id, action, actor, reason, acted_at)
                values (:id, :action, :actor, :reason, :now)
                """)
                .param("id", id).param("action", action).param("actor", actor).param("reason", reason).param("now", now)
                .update();
        AfterCommit.increment(meters, "dead.letter.actions", "action", action.toLowerCase(Locale.ROOT));
    }

    private double pending(String topic) {
        try {
            return jdbc.sql("select count(*) from dead_letter where dead_letter_topic = :topic and status = 'PENDING'")
                    .param("topic", topic).query(Long.class).single();
        } catch (RuntimeException e) {
            return Double.NaN;   // the database is unreachable; readiness says so
        }
    }

    private Detail detail(ResultSet rs, List<Action> actions) throws SQLException {
        byte[] key = rs.getBytes("record_key");
        byte[] payload = rs.getBytes("payload");
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new Detail(rs.getObject("id", UUID.class), rs.getString("dead_letter_topic"),
                rs.getString("original_topic"), (Integer) rs.getObject("original_partition"),
                (Long) rs.getObject("original_offset"), text(key), json.readValue(rs.getString("headers"), HEADER_MAP),
                text(payload), rs.getString("event_type"), rs.getString("event_id"), rs.getString("error_class"),
                rs.getString("error_message"), rs.getTimestamp("received_at").toInstant(),
                Status.valueOf(rs.getString("status")), resolvedAt == null ? null : resolvedAt.toInstant(),
                rs.getString("resolved_by"), actions);
    }

    /** The headers a replay must carry: the CloudEvents attributes and the trace context. */
    private static boolean isEnvelope(String name) {
        return name.startsWith("ce_") || name.equals(CloudEventHeaders.CONTENT_TYPE)
                || name.equals(CloudEventHeaders.TRACEPARENT) || name.equals("tracestate");
    }

    /** {@code error.<topic>.<group>} without the binder's header: the topic is everything between. */
    private static String originalTopicOf(String deadLetterTopic) {
        String rest = deadLetterTopic.startsWith("error.") ? deadLetterTopic.substring("error.".length()) : deadLetterTopic;
        int lastDot = rest.lastIndexOf('.');
        return lastDot > 0 ? rest.substring(0, lastDot) : rest;
    }

    private static Long number(byte[] value) {
        if (value == null) {
            return null;
        }
        return switch (value.length) {
            case Integer.BYTES -> (long) ByteBuffer.wrap(value).getInt();
            case Long.BYTES -> ByteBuffer.wrap(value).getLong();
            default -> null;
        };
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static String truncate(String value) {
        return value == null || value.length() <= MAX_ERROR_LENGTH ? value : value.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
