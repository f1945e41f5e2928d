package org.redciudades.chassis.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication.NoteCreated;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.KafkaTopics;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.tracing.Traces;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = SampleApplication.class)
@ContextConfiguration(initializers = RealInfrastructure.class)
class OutboxRelayTest {

    static final Traces NO_TRACES = new Traces(Tracer.NOOP, Propagator.NOOP);

    @Autowired
    SampleApplication.Notes notes;
    @Autowired
    Outbox outbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    OutboxProducer producer;

    @Test
    void a_rolled_back_change_publishes_nothing() {
        String marker = "rolled-back-" + UUID.randomUUID();
        assertThatThrownBy(() -> notes.createThenFail(marker)).isInstanceOf(IllegalStateException.class);
        UUID committed = notes.create("committed-" + UUID.randomUUID());

        List<ConsumerRecord<byte[], byte[]>> records = readUntil(RealInfrastructure.kafkaBrokers(), "sample.note",
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> committed.toString().equals(text(r.key()))));

        assertThat(records).noneMatch(r -> text(r.value()).contains(marker));
        assertThat(jdbc.sql("select count(*) from outbox_event where payload->>'text' = :marker")
                .param("marker", marker).query(Long.class).single()).isZero();
    }

    @Test
    void a_published_event_carries_the_cloudevents_envelope_keyed_by_aggregate() {
        UUID noteId = notes.create("envelope");
        UUID eventId = jdbc.sql("select id from outbox_event where aggregate_id = :id")
                .param("id", noteId.toString()).query(UUID.class).single();

        ConsumerRecord<byte[], byte[]> record = readUntil(RealInfrastructure.kafkaBrokers(), "sample.note",
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> noteId.toString().equals(text(r.key()))))
                .stream().filter(r -> noteId.toString().equals(text(r.key()))).findFirst().orElseThrow();

        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_id")).isEqualTo(eventId.toString());
        assertThat(header(record, "ce_type")).isEqualTo("org.redciudades.sample.note.created.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/chassis-sample");
        assertThat(header(record, "ce_subject")).isEqualTo(noteId.toString());
        assertThat(header(record, "ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(text(record.value())).contains("\"text\": \"envelope\"");
        assertThat(jdbc.sql("select sent_at is not null from outbox_event where id = :id").param("id", eventId)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void competing_relays_publish_each_row_exactly_once_and_keep_per_key_order() throws Exception {
        String topic = "relay.race." + UUID.randomUUID();
        int events = 300;
        int keys = 5;
        OutboxProperties smallBatches = new OutboxProperties(Duration.ofMillis(10), 7, Duration.ofDays(1), true);
        List<OutboxRelay> rivals = List.of(
                new OutboxRelay(jdbc, transactions, producer, smallBatches, "/rival-1", Clock.systemUTC(), new SimpleMeterRegistry(), NO_TRACES),
                new OutboxRelay(jdbc, transactions, producer, smallBatches, "/rival-2", Clock.systemUTC(), new SimpleMeterRegistry(), NO_TRACES));
        AtomicBoolean writing = new AtomicBoolean(true);
        List<CompletableFuture<Void>> relaying = new ArrayList<>();
        for (OutboxRelay rival : rivals) {
            relaying.add(CompletableFuture.runAsync(() -> {
                while (writing.get() || unsent(topic) > 0) {
                    rival.relayOnce();
                }
            }));
        }
        for (int batch = 0; batch < events / 10; batch++) {
            int first = batch * 10;
            transactions.executeWithoutResult(status -> {
                for (int i = first; i < first + 10; i++) {
                    outbox.append(topic, "key-" + (i % keys), new NoteCreated(UUID.randomUUID(), "seq-" + i));
                }
            });
        }
        writing.set(false);
        CompletableFuture.allOf(relaying.toArray(CompletableFuture[]::new)).get();

        List<ConsumerRecord<byte[], byte[]>> records = readUntil(RealInfrastructure.kafkaBrokers(), topic,
                Duration.ofSeconds(60), read -> read.size() >= events);

        assertThat(records.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(events);
        assertThat(records).hasSize(events);
        Map<String, List<Integer>> sequenceByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            int seq = Integer.parseInt(text(r.value()).replaceAll(".*\"seq-(\\d+)\".*", "$1"));
            sequenceByKey.computeIfAbsent(text(r.key()), k -> new ArrayList<>()).add(seq);
        }
        assertThat(sequenceByKey).hasSize(keys);
        sequenceByKey.values().forEach(seqs -> assertThat(seqs).isSorted());
    }

    @Test
    void a_large_batch_for_a_few_keys_arrives_once_each_in_per_key_commit_order() {
        String topic = "relay.batch." + UUID.randomUUID();
        int events = 2_000;
        int keys = 4;
        // Once each holds while every send is acknowledged; a batch that fails is sent again (at least once).
        KafkaTopics.create(RealInfrastructure.kafkaBrokers(), topic, 3);
        OutboxProperties largeBatches = new OutboxProperties(Duration.ofMillis(10), 500, Duration.ofDays(1), true);
        OutboxRelay relay = new OutboxRelay(jdbc, transactions, producer, largeBatches, "/batch", Clock.systemUTC(),
                new SimpleMeterRegistry(), NO_TRACES);
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < events; i++) {
                outbox.append(topic, "key-" + (i % keys), new NoteCreated(UUID.randomUUID(), "seq-" + i));
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            relay.relayOnce();
            return unsent(topic) == 0;
        });

        List<ConsumerRecord<byte[], byte[]>> records = readUntil(RealInfrastructure.kafkaBrokers(), topic,
                Duration.ofSeconds(60), read -> read.size() >= events);

        assertThat(records).hasSize(events);
        assertThat(records.stream().map(r -> header(r, "ce_id")).distinct()).hasSize(events);
        Map<String, List<Integer>> sequenceByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            sequenceByKey.computeIfAbsent(text(r.key()), k -> new ArrayList<>()).add(sequence(r));
        }
        assertThat(sequenceByKey).hasSize(keys);
        sequenceByKey.values().forEach(seqs -> assertThat(seqs).hasSize(events / keys).isSorted());
    }

    private static int sequence(ConsumerRecord<byte[], byte[]> record) {
        return Integer.parseInt(text(record.value()).replaceAll(".*\"seq-(\\d+)\".*", "$1"));
    }

    private long unsent(String topic) {
        return jdbc.sql("select count(*) from outbox_event where topic = :topic and sent_at is null")
                .param("topic", topic).query(Long.class).single();
    }
}
