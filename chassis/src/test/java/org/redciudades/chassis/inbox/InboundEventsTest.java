package org.redciudades.chassis.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(classes = SampleApplication.class)
@ContextConfiguration(initializers = RealInfrastructure.class)
class InboundEventsTest {

    static final String TOPIC = "sample.note";
    static final String CREATED = "org.redciudades.sample.note.created.v1";

    @Value("error.sample.note.${spring.cloud.stream.bindings.noteEvents-in-0.group}")
    String deadLetterTopic;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SampleApplication.Flakiness flakiness;

    @Test
    void a_redelivered_record_is_applied_once() {
        String key = UUID.randomUUID().toString();
        UUID note = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        write(brokers(), cloudEvent(TOPIC, key, eventId, CREATED, noteJson(note, "twice")));
        write(brokers(), cloudEvent(TOPIC, key, eventId, CREATED, noteJson(note, "twice")));
        UUID sentinel = writeSentinel(key);

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(sentinel) == 1);
        assertThat(effects(note)).isEqualTo(1);
        assertThat(meters.counter("inbox.events", "consumer", "note-effects", "type", CREATED, "outcome", "duplicate")
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_malformed_record_goes_to_the_dead_letter_topic_at_once_and_later_records_still_flow() {
        String key = UUID.randomUUID().toString();
        String poisonId = UUID.randomUUID().toString();
        double rejectedBefore = rejected(CREATED);
        write(brokers(), cloudEvent(TOPIC, key, poisonId, CREATED, "{not json"));
        UUID sentinel = writeSentinel(key);

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(sentinel) == 1);
        readUntil(brokers(), deadLetters(), Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> poisonId.equals(header(r, "ce_id"))));
        assertThat(rejected(CREATED) - rejectedBefore).as("attempts of a record that can never succeed").isEqualTo(1);
    }

    @Test
    void an_unknown_version_of_a_handled_fact_is_dead_lettered_at_once() {
        String key = UUID.randomUUID().toString();
        String futureId = UUID.randomUUID().toString();
        String v2 = "org.redciudades.sample.note.created.v2";
        write(brokers(), cloudEvent(TOPIC, key, futureId, v2, noteJson(UUID.randomUUID(), "from the future")));
        UUID sentinel = writeSentinel(key);

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(sentinel) == 1);
        readUntil(brokers(), deadLetters(), Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> futureId.equals(header(r, "ce_id"))));
        assertThat(rejected(v2)).isEqualTo(1);
    }

    @Test
    void a_record_without_a_cloudevents_envelope_is_dead_lettered() {
        String key = UUID.randomUUID().toString();
        var bare = new org.apache.kafka.clients.producer.ProducerRecord<>(TOPIC, key.getBytes(), "{}".getBytes());
        bare.headers().add("ce_id", ("bare-" + key).getBytes());
        write(brokers(), bare);
        UUID sentinel = writeSentinel(key);

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(sentinel) == 1);
        readUntil(brokers(), deadLetters(), Duration.ofSeconds(30),
                read -> read.stream().anyMatch(r -> ("bare-" + key).equals(header(r, "ce_id"))));
    }

    @Test
    void an_unrelated_fact_is_skipped_without_a_dead_letter() {
        String key = UUID.randomUUID().toString();
        String other = "org.redciudades.sample.note.archived.v1";
        double skippedBefore = meters.counter("inbox.events", "consumer", "note-effects", "type", other, "outcome", "skipped").count();
        write(brokers(), cloudEvent(TOPIC, key, UUID.randomUUID().toString(), other, "{}"));
        UUID sentinel = writeSentinel(key);

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(sentinel) == 1);
        assertThat(meters.counter("inbox.events", "consumer", "note-effects", "type", other, "outcome", "skipped").count())
                .isEqualTo(skippedBefore + 1);
    }

    @Test
    void transient_failures_are_retried_with_backoff_then_applied_once() {
        flakiness.attempts.set(0);
        flakiness.failuresLeft.set(2);
        UUID note = UUID.randomUUID();
        write(brokers(), cloudEvent(TOPIC, note.toString(), UUID.randomUUID().toString(), CREATED, noteJson(note, "flaky once")));

        await().atMost(Duration.ofSeconds(30)).until(() -> effects(note) == 1);
        assertThat(flakiness.attempts.get()).isEqualTo(3);
    }

    @Test
    void a_failure_that_outlasts_the_retries_goes_to_the_dead_letter_topic_and_the_partition_moves_on() {
        flakiness.attempts.set(0);
        flakiness.failuresLeft.set(1_000);
        String key = UUID.randomUUID().toString();
        String stuckId = UUID.randomUUID().toString();
        UUID stuck = UUID.randomUUID();
        write(brokers(), cloudEvent(TOPIC, key, stuckId, CREATED, noteJson(stuck, "flaky forever")));
        UUID sentinel = writeSentinel(key);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(sentinel) == 1);
            readUntil(brokers(), deadLetters(), Duration.ofSeconds(30),
                    read -> read.stream().anyMatch(r -> stuckId.equals(header(r, "ce_id"))));
            assertThat(flakiness.attempts.get()).as("max-attempts").isEqualTo(4);
            assertThat(effects(stuck)).isZero();
        } finally {
            flakiness.failuresLeft.set(0);
        }
    }

    private UUID writeSentinel(String key) {
        UUID sentinel = UUID.randomUUID();
        write(brokers(), cloudEvent(TOPIC, key, UUID.randomUUID().toString(), CREATED, noteJson(sentinel, "sentinel")));
        return sentinel;
    }

    private long effects(UUID note) {
        return jdbc.sql("select count(*) from note_effect where note_id = :id").param("id", note).query(Long.class).single();
    }

    private double rejected(String type) {
        return meters.counter("inbox.events", "consumer", "note-effects", "type", type, "outcome", "rejected").count();
    }

    private static String noteJson(UUID id, String text) {
        return "{\"noteId\":\"" + id + "\",\"text\":\"" + text + "\"}";
    }

    private static String brokers() {
        return RealInfrastructure.kafkaBrokers();
    }

    /** The dead-letter topic of this context's consumer group ({@link RealInfrastructure} gives each context its own). */
    private String deadLetters() {
        return deadLetterTopic;
    }
}
