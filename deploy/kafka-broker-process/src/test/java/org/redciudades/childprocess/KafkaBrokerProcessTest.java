package org.redciudades.childprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker on free ports in a temporary directory, so it can run beside a local stack. */
class KafkaBrokerProcessTest {

    private static final String HOST = "127.0.0.1";
    private static final String GREETING = "Bienvenida a la Red — Torreón";
    private static final Duration READY = Duration.ofSeconds(90);

    @TempDir
    Path state;

    @Test
    void a_broker_stopped_and_started_again_serves_the_records_it_had() throws Exception {
        var log = state.resolve("kafka.log");
        try (var broker = new KafkaBrokerProcess(state.resolve("kafka"), HOST, freePort(), freePort(), log)) {
            broker.start().awaitReady(READY);
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("broker-process.smoke", "torreon", GREETING)).get();
            }
            long firstPid = broker.pid();

            assertThat(broker.stop()).as("stopped by SIGTERM").isTrue();
            assertThat(ProcessHandle.of(firstPid)).isEmpty();

            broker.start().awaitReady(READY);
            assertThat(broker.pid()).isNotEqualTo(firstPid);
            assertThat(consumeOne(broker.bootstrapServers(), "broker-process.smoke")).isEqualTo(GREETING);
            assertThat(broker.stop()).isTrue();
        }
        assertThat(log).content().contains("Kafka Server started");
    }

    @Test
    void a_broker_that_cannot_listen_is_reported_as_exited_with_its_log_file() throws Exception {
        var log = state.resolve("kafka.log");
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName(HOST));
             var broker = new KafkaBrokerProcess(state.resolve("kafka"), HOST, taken.getLocalPort(), freePort(), log)) {
            broker.start();

            assertThatThrownBy(() -> broker.awaitReady(READY))
                    .isInstanceOf(KafkaBrokerException.class)
                    .hasMessageContaining("exited with code 1 while starting")
                    .hasMessageContaining("Last lines of " + log);
        }
        assertThat(log).content().contains("Address already in use");
    }

    private static String consumeOne(String bootstrapServers, String topic) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "kafka-broker-process-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
            throw new AssertionError("no record on " + topic);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }
}
