package org.redciudades.chassis.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.FreePorts.freePort;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.sample.SampleApplication.NoteCreated;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.childprocess.KafkaBrokerProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/** A broker process of its own, which the test really stops and starts again on the same port. */
@SpringBootTest(classes = SampleApplication.class, properties = {
        "spring.cloud.stream.bindings.noteEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.kafka.binder.producer-properties.max.block.ms=2000",
        "spring.cloud.stream.kafka.binder.producer-properties.request.timeout.ms=2000",
        "spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms=4000",
        "spring.cloud.stream.kafka.binder.producer-properties.reconnect.backoff.max.ms=500"})
@ContextConfiguration(initializers = {RealInfrastructure.class, OutboxBrokerOutageTest.OwnBroker.class})
class OutboxBrokerOutageTest {

    private static final Logger log = LoggerFactory.getLogger(OutboxBrokerOutageTest.class);

    static final Path DIR = Path.of("target", "outage-broker-" + UUID.randomUUID());
    static final KafkaBrokerProcess BROKER = new KafkaBrokerProcess(DIR, "127.0.0.1", freePort(), freePort(),
            DIR.resolve("broker.log"));
    static final Duration BROKER_READY = Duration.ofSeconds(90);

    @Autowired
    SampleApplication.Notes notes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void events_written_during_a_broker_outage_are_published_once_it_is_back() throws Exception {
        notes.create("before the outage");
        await().atMost(Duration.ofSeconds(60)).until(() -> unsent() == 0);

        BROKER.stop();
        double failuresBefore = failures();
        List<UUID> during = IntStream.range(0, 5).mapToObj(i -> notes.create("during the outage " + i)).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> failures() > failuresBefore);
        assertThat(unsent()).isEqualTo(5);

        BROKER.start().awaitReady(BROKER_READY);
        await().atMost(Duration.ofSeconds(60)).until(() -> unsent() == 0);

        Set<String> expected = during.stream().map(UUID::toString).collect(Collectors.toSet());
        var records = readUntil(BROKER.bootstrapServers(), "sample.note", Duration.ofSeconds(30),
                read -> read.stream().map(r -> text(r.key())).collect(Collectors.toSet()).containsAll(expected));
        assertThat(records.stream().map(r -> text(r.key())).filter(expected::contains)).hasSize(5);
    }

    @Test
    void a_broker_killed_in_the_middle_of_a_drain_loses_no_event_and_repeats_keep_per_key_order() throws Exception {
        String topic = "outage.batch." + UUID.randomUUID();
        int events = 10_000;
        int keys = 5;
        transactions.executeWithoutResult(status -> outbox.append(topic, "key-0", new NoteCreated(UUID.randomUUID(), "seq--1")));
        await().atMost(Duration.ofSeconds(60)).until(() -> unsent(topic) == 0);
        double failuresBefore = failures();

        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < events; i++) {
                outbox.append(topic, "key-" + (i % keys), new NoteCreated(UUID.randomUUID(), "seq-" + i));
            }
        });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2)).until(() -> unsent(topic) < events);
        BROKER.stop(Duration.ZERO);
        long unsentAtTheKill = unsent(topic);
        await().atMost(Duration.ofSeconds(30)).until(() -> failures() > failuresBefore);
        BROKER.start().awaitReady(BROKER_READY);
        await().atMost(Duration.ofSeconds(120)).until(() -> unsent(topic) == 0);

        List<ConsumerRecord<byte[], byte[]>> records = readUntil(BROKER.bootstrapServers(), topic, Duration.ofSeconds(60),
                read -> read.stream().map(r -> header(r, "ce_id")).distinct().count() >= events + 1);
        assertThat(unsentAtTheKill).as("the broker went down in the middle of the drain").isPositive();
        Set<String> eventIds = new HashSet<>(jdbc.sql("select id::text from outbox_event where topic = :topic")
                .param("topic", topic).query(String.class).list());
        Set<String> seen = new HashSet<>();
        Map<String, List<Integer>> firstDeliveriesByKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            if (seen.add(header(r, "ce_id"))) {
                int seq = Integer.parseInt(text(r.value()).replaceAll(".*\"seq-(-?\\d+)\".*", "$1"));
                firstDeliveriesByKey.computeIfAbsent(text(r.key()), k -> new ArrayList<>()).add(seq);
            }
        }
        assertThat(seen).isEqualTo(eventIds);
        firstDeliveriesByKey.values().forEach(seqs -> assertThat(seqs).isSorted());
        log.info("Broker killed with {} of {} rows unsent; {} records on the topic for {} events ({} repeats)",
                unsentAtTheKill, events, records.size(), eventIds.size(), records.size() - eventIds.size());
    }

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    private long unsent(String topic) {
        return jdbc.sql("select count(*) from outbox_event where topic = :topic and sent_at is null")
                .param("topic", topic).query(Long.class).single();
    }

    private long unsent() {
        return jdbc.sql("select count(*) from outbox_event where sent_at is null").query(Long.class).single();
    }

    private double failures() {
        return meters.counter("outbox.publish.failures").count();
    }

    static class OwnBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                BROKER.start().awaitReady(BROKER_READY);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            TestPropertyValues.of("spring.cloud.stream.kafka.binder.brokers=" + BROKER.bootstrapServers()).applyTo(context);
        }
    }
}
