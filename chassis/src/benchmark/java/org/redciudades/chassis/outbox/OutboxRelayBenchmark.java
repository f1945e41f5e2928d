package org.redciudades.chassis.outbox;

import static org.redciudades.chassis.testing.FreePorts.freePort;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.sample.SampleApplication.NoteCreated;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.tracing.Traces;
import org.redciudades.childprocess.KafkaBrokerProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How fast the relay drains a backlog, against what the broker takes from Kafka's own
 * {@code ProducerPerformance} with the same guarantees ({@code acks=all}, idempotence) and record size,
 * on the same broker (a process of its own) in the same run. Each round runs the baseline, then the relay,
 * and prints both and their ratio; the first round warms up and is not counted.
 *
 * <p>The relay is this context's own, with the service's settings ({@code chassis.outbox.*}, the binder's
 * producer properties) and tracing on; the context's scheduled relay is switched off so that the timed
 * drain is the only one. The rows are inserted before the clock starts.
 */
@SpringBootTest(classes = SampleApplication.class, properties = {
        "spring.cloud.stream.bindings.noteEvents-in-0.consumer.auto-startup=false",
        "chassis.outbox.enabled=false"})
@ContextConfiguration(initializers = {RealInfrastructure.class, OutboxRelayBenchmark.OwnBroker.class})
class OutboxRelayBenchmark {

    static final int ROWS = Integer.getInteger("benchmark.rows", 20_000);
    static final int RECORD_SIZE = 520;
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    static final Path DIR = Path.of("target", "benchmark-broker-" + UUID.randomUUID());
    static final KafkaBrokerProcess BROKER = new KafkaBrokerProcess(DIR, "127.0.0.1", freePort(), freePort(),
            DIR.resolve("broker.log"));
    static final Pattern RECORDS_PER_SECOND = Pattern.compile("(\\d+) records sent, ([0-9.]+) records/sec");

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxProducer producer;
    @Autowired
    OutboxProperties properties;
    @Autowired
    Traces traces;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void relay_drain_rate_against_producer_performance() throws Exception {
        OutboxRelay relay = new OutboxRelay(jdbc, transactions, producer, properties, "/benchmark", Clock.systemUTC(),
                new SimpleMeterRegistry(), traces);
        List<String> lines = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {
            int rows = round == 0 ? ROWS / 4 : ROWS;
            double baseline = producerPerformance("benchmark.baseline." + round, rows);
            double relayRate = drain(relay, "benchmark.relay." + round, rows);
            String line = String.format(Locale.ROOT,
                    "round %d%s: relay %,.0f events/s, ProducerPerformance %,.0f records/s, ratio %.2f",
                    round, round == 0 ? " (warm-up)" : "", relayRate, baseline, relayRate / baseline);
            lines.add(line);
            System.out.println(line);
        }
        System.out.printf(Locale.ROOT, "%n=== Outbox relay benchmark: %,d rows of %d bytes per round, batch size %d, "
                        + "acks=%s, idempotence=%s, max.in.flight=%s, linger.ms=%s, %d cores%n",
                ROWS, RECORD_SIZE, properties.batchSize(), producer.setting("acks"),
                producer.setting("enable.idempotence"), producer.setting("max.in.flight.requests.per.connection"),
                producer.setting("linger.ms"), Runtime.getRuntime().availableProcessors());
        lines.forEach(System.out::println);
    }

    /** Inserts {@code rows} outbox rows of about {@value #RECORD_SIZE} bytes, then times the relay draining them. */
    private double drain(OutboxRelay relay, String topic, int rows) {
        // Provisions the topic and connects the producer, as a running service would have done already.
        transactions.executeWithoutResult(status -> outbox.append(topic, "key-0", note(0)));
        relay.relayOnce();
        for (int first = 0; first < rows; first += 1_000) {
            int from = first;
            transactions.executeWithoutResult(status -> {
                for (int i = from; i < Math.min(rows, from + 1_000); i++) {
                    outbox.append(topic, "key-" + (i % 50), note(i));
                }
            });
        }
        long start = System.nanoTime();
        int sent = 0;
        while (sent < rows) {
            int batch = relay.relayOnce();
            if (batch == 0) {
                throw new IllegalStateException("The relay stopped after " + sent + " of " + rows + " rows");
            }
            sent += batch;
        }
        return sent / ((System.nanoTime() - start) / 1e9);
    }

    /** A payload whose JSON is about {@value #RECORD_SIZE} bytes, as ProducerPerformance's records. */
    private static NoteCreated note(int i) {
        String text = ("seq-" + i + " ").repeat(80);
        return new NoteCreated(UUID.randomUUID(), text.substring(0, RECORD_SIZE - 60));
    }

    /** Kafka's ProducerPerformance in a JVM of its own, as the relay's load would come from a service. */
    private double producerPerformance(String topic, int records) throws IOException, InterruptedException {
        Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(records), "--record-size", String.valueOf(RECORD_SIZE),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + BROKER.bootstrapServers(),
                "acks=all", "enable.idempotence=true", "max.in.flight.requests.per.connection=5")
                .redirectErrorStream(true).start();
        String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tool.waitFor() != 0) {
            throw new IllegalStateException("ProducerPerformance failed:\n" + output);
        }
        Matcher last = null;
        for (Matcher m = RECORDS_PER_SECOND.matcher(output); m.find(); ) {
            last = RECORDS_PER_SECOND.matcher(m.group());
            last.find();
        }
        if (last == null || Integer.parseInt(last.group(1)) != records) {
            throw new IllegalStateException("No summary line in ProducerPerformance's output:\n" + output);
        }
        return Double.parseDouble(last.group(2));
    }

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    static class OwnBroker implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            try {
                BROKER.start().awaitReady(Duration.ofSeconds(90));
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
