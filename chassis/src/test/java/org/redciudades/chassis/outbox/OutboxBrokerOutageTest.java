package org.redciudades.chassis.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.FreePorts.freePort;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.childprocess.KafkaBrokerProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/** A broker process of its own, which the test really stops and starts again on the same port. */
@SpringBootTest(classes = SampleApplication.class, properties = {
        "spring.cloud.stream.bindings.noteEvents-in-0.consumer.auto-startup=false",
        "spring.cloud.stream.kafka.binder.producer-properties.max.block.ms=2000",
        "spring.cloud.stream.kafka.binder.producer-properties.request.timeout.ms=2000",
        "spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms=4000",
        "spring.cloud.stream.kafka.binder.producer-properties.reconnect.backoff.max.ms=500"})
@ContextConfiguration(initializers = {RealInfrastructure.class, OutboxBrokerOutageTest.OwnBroker.class})
class OutboxBrokerOutageTest {

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

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
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
