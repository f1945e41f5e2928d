package org.redciudades.notification.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import jdk.jfr.Recording;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.envelope.CloudEventHeaders;
import org.redciudades.chassis.testing.benchmark.BenchmarkSmtp;
import org.redciudades.chassis.testing.benchmark.BenchmarkSupport;
import org.redciudades.chassis.testing.benchmark.CpuUsage;
import org.redciudades.chassis.testing.benchmark.SmtpAcceptances;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of {@code registration.confirmed} facts through notification-service, from the broker to a real
 * SMTP server: the service's Kafka consumer renders each message (text, HTML and an iCalendar invitation)
 * and queues it in the delivery log in the transaction that records the fact, and the mail dispatcher
 * sends the queued messages over SMTP to GreenMail. The JVM's embedded KRaft broker and an embedded
 * PostgreSQL (its own server process) are those of the test suite's {@link RealInfrastructure}.
 *
 * <p>Each record is written with its CloudEvents {@code ce_time} set to the instant it was handed to the
 * producer; the latency of a record is from that instant to the SMTP server's acceptance of the email it
 * caused ({@link SmtpAcceptances}). Throughput is the records divided by the time from the first record
 * sent to the last email accepted.
 *
 * <p>Not part of the test suite: its sources are compiled only under the Maven profile {@code benchmark}
 * (see {@code src/benchmark/README.md}). It asserts correctness only (one email per record and recipient,
 * every message SENT in the delivery log), never timing; the figures are printed and written to
 * {@code target/benchmark/notification-burst.txt}.
 *
 * <p>Parameters, as system properties (defaults in brackets): {@code benchmark.events} [100] events with
 * {@code benchmark.people} [100] people each in the measured burst; the warm-up, in rounds of
 * {@code benchmark.warmup.round} [2000] records for other events and people (0: none), each awaited to the
 * last email, until the JIT compilers use less than {@code benchmark.warmup.quiet} [0.1] cores over a round,
 * or for {@code benchmark.warmup.seconds} [300] at most; {@code benchmark.smtp.stock} [false]: GreenMail
 * as it comes (see {@link BenchmarkSmtp}); and {@code benchmark.jfr}: a file to which a Flight Recorder
 * profile of the measured burst alone is written.
 */
@SpringBootTest
@ContextConfiguration(initializers = RealInfrastructure.class)
@TestPropertySource(locations = "classpath:benchmark.properties")
// Closes the service when the class ends, while the JVM's embedded broker still runs, so it stops cleanly.
@DirtiesContext
class NotificationBurstBenchmark {

    private static final String TYPE = "org.redciudades.events.registration.confirmed.v1";
    private static final String TOPIC = "events.event";
    private static final String EXAMPLE_EVENT = "e4a1c7d3-2f6b-4a9e-8c5d-1b3f7a9e2c46";
    private static final String EXAMPLE_REGISTRATION = "3c9a7e21-5b4d-4f8e-a1c6-9d2e0b7f4a18";
    private static final String EXAMPLE_EMAIL = "mariana.avila@implan-torreon.example.mx";
    /** Give up if no email arrives for this long. */
    private static final Duration STALL = Duration.ofSeconds(60);

    static final SmtpAcceptances ACCEPTED = new SmtpAcceptances();
    static final GreenMail SMTP = startSmtp();

    private static GreenMail startSmtp() {
        try {
            return new BenchmarkSmtp().startRecording(ACCEPTED);
        } catch (UserException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Environment environment;
    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    record Settings(int events, int people, int warmupRound, double warmupQuietCores, Duration warmupLimit) {
        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("benchmark.events", 100), Integer.getInteger("benchmark.people", 100),
                    Integer.getInteger("benchmark.warmup.round", 2000),
                    Double.parseDouble(System.getProperty("benchmark.warmup.quiet", "0.1")),
                    Duration.ofSeconds(Integer.getInteger("benchmark.warmup.seconds", 300)));
        }

        int records() {
            return events * people;
        }
    }

    /** One record to write: the person's email is unique, and its domain names the round. */
    record Planned(String email, byte[] key, byte[] payload) {
    }

    /** A round of records, all for recipients at {@code domain}. */
    record Round(String domain, List<Planned> records) {
    }

    /** What a round measured: each record's ce_time, in the order written. */
    record Sent(Round round, Instant[] ceTimes, Instant firstSent, Instant lastSent, Instant lastAccepted) {
    }

    @Test
    void notification_burst() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String example = Contracts.example(TYPE);
        CpuUsage cpu = new CpuUsage(CpuUsage.parentOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single()),
                THREAD_GROUPS).withEndedThreads(SMTP_SERVER, BenchmarkSmtp::connectionThreadNanos);

        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            int warmedUp = warmUp(settings, example, producer, cpu);

            Round round = plan(example, settings.events(), settings.people());
            Recording recording = BenchmarkSupport.startRecording();
            CpuUsage.Snapshot cpuBefore = cpu.take();
            Sent sent = awaitAccepted(send(producer, round));
            CpuUsage.Snapshot cpuAfter = cpu.take();
            BenchmarkSupport.stopRecording(recording);
            Map<String, Long> statuses = awaitLogged(round);
            report(settings, warmedUp, sent, statuses, cpu, cpuBefore, cpuAfter);
            assertCorrect(round, statuses);
        }
    }

    /**
     * Warms the JIT compilers, pools and caches up with rounds of records for other events and people, until
     * the JIT compilers use less than {@code warmupQuietCores} over a round, or for {@code warmupLimit} at most.
     * Returns the records sent. On a 2-core machine the first rounds spend a third of the machine compiling.
     */
    private int warmUp(Settings settings, String example, KafkaProducer<byte[], byte[]> producer, CpuUsage cpu)
            throws Exception {
        if (settings.warmupRound() <= 0) {
            return 0;
        }
        long deadline = System.nanoTime() + settings.warmupLimit().toNanos();
        int people = Math.min(settings.people(), settings.warmupRound());
        int sent = 0;
        for (int i = 1; ; i++) {
            Round warmup = plan(example, Math.max(1, settings.warmupRound() / people), people);
            CpuUsage.Snapshot before = cpu.take();
            Sent round = awaitAccepted(send(producer, warmup));
            CpuUsage.Snapshot after = cpu.take();
            awaitLogged(warmup);
            sent += warmup.records().size();
            double compiling = cpu.compilingCores(before, after);
            System.out.printf(Locale.ROOT, "warm-up round %d: %d records -> %d emails in %.1f s (%.0f messages/s), JIT compiling %.2f cores%n",
                    i, warmup.records().size(), ACCEPTED.acceptedAt(warmup.domain()), seconds(round),
                    warmup.records().size() / seconds(round), compiling);
            if (compiling < settings.warmupQuietCores() || System.nanoTime() > deadline) {
                return sent;
            }
        }
    }

    /** {@code events} events with {@code people} people each, with fresh ids, and payloads built before the clock starts. */
    private static Round plan(String example, int events, int people) {
        String domain = "b" + UUID.randomUUID().toString().substring(0, 8) + ".example.mx";
        List<Planned> records = new ArrayList<>(events * people);
        for (int e = 0; e < events; e++) {
            String event = UUID.randomUUID().toString();
            for (int p = 0; p < people; p++) {
                String email = "persona-" + e + "-" + p + "@" + domain;
                String payload = example.replace(EXAMPLE_EVENT, event)
                        .replace(EXAMPLE_REGISTRATION, UUID.randomUUID().toString())
                        .replace(EXAMPLE_EMAIL, email);
                if (records.isEmpty()) {
                    Contracts.assertConforms(TYPE, payload);
                }
                records.add(new Planned(email, utf8(event), utf8(payload)));
            }
        }
        return new Round(domain, records);
    }

    /**
     * Writes every record of the round with one producer (batched, a few ms of linger), each stamped with the
     * instant it is handed to the producer as its {@code ce_time}, and waits for the broker's acknowledgements.
     */
    private static Sent send(KafkaProducer<byte[], byte[]> producer, Round round) {
        List<Planned> records = round.records();
        Instant[] ceTimes = new Instant[records.size()];
        ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < records.size(); i++) {
            Planned planned = records.get(i);
            Instant now = Instant.now();
            ceTimes[i] = now;
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(TOPIC, planned.key(), planned.payload());
            record.headers()
                    .add(CloudEventHeaders.SPEC_VERSION, utf8(CloudEventHeaders.SPEC_VERSION_1_0))
                    .add(CloudEventHeaders.ID, utf8(UUID.randomUUID().toString()))
                    .add(CloudEventHeaders.TYPE, utf8(TYPE))
                    .add(CloudEventHeaders.SOURCE, utf8("/benchmark/events-service"))
                    .add(CloudEventHeaders.TIME, utf8(now.toString()))
                    .add(CloudEventHeaders.SUBJECT, planned.key())
                    .add(CloudEventHeaders.CONTENT_TYPE, utf8(CloudEventHeaders.JSON));
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failures.add(e);
                }
            });
        }
        producer.flush();
        assertThat(failures).as("records the broker did not acknowledge").isEmpty();
        return new Sent(round, ceTimes, ceTimes[0], ceTimes[ceTimes.length - 1], null);
    }

    /** Waits until the SMTP server has accepted one email per record of the round. */
    private static Sent awaitAccepted(Sent sent) throws InterruptedException {
        int expected = sent.round().records().size();
        long seen = -1;
        long progress = System.nanoTime();
        while (true) {
            long accepted = ACCEPTED.acceptedAt(sent.round().domain());
            if (accepted >= expected) {
                break;
            }
            if (accepted != seen) {
                seen = accepted;
                progress = System.nanoTime();
            } else if (System.nanoTime() - progress > STALL.toNanos()) {
                throw new AssertionError("only " + accepted + " of " + expected + " emails accepted, none for " + STALL);
            }
            Thread.sleep(5);
        }
        Instant last = ACCEPTED.recipientsAt(sent.round().domain()).values().stream()
                .map(SmtpAcceptances.Acceptance::first).max(Instant::compareTo).orElseThrow();
        return new Sent(sent.round(), sent.ceTimes(), sent.firstSent(), sent.lastSent(), last);
    }

    /**
     * Waits until the delivery log no longer has a PENDING message for the round (the dispatcher records SENT
     * after the SMTP server's answer, and commits per batch) and returns its messages by status.
     */
    private Map<String, Long> awaitLogged(Round round) throws InterruptedException {
        long deadline = System.nanoTime() + STALL.toNanos();
        while (true) {
            Map<String, Long> statuses = statuses(round);
            if (statuses.getOrDefault("PENDING", 0L) == 0 || System.nanoTime() > deadline) {
                return statuses;
            }
            Thread.sleep(20);
        }
    }

    private Map<String, Long> statuses(Round round) {
        Map<String, Long> statuses = new TreeMap<>();
        jdbc.sql("select status, count(*) as n from notification where recipient like :pattern group by status")
                .param("pattern", "%@" + round.domain())
                .query(rs -> {
                    statuses.put(rs.getString("status"), rs.getLong("n"));
                });
        return statuses;
    }

    private void report(Settings settings, int warmedUp, Sent sent, Map<String, Long> statuses, CpuUsage cpu,
                        CpuUsage.Snapshot cpuBefore, CpuUsage.Snapshot cpuAfter) throws IOException {
        Round round = sent.round();
        int n = round.records().size();
        Map<String, Instant> queued = new HashMap<>();
        jdbc.sql("select recipient, created_at from notification where recipient like :pattern and template = 'registration.confirmed'")
                .param("pattern", "%@" + round.domain())
                .query(rs -> {
                    queued.put(rs.getString("recipient"), rs.getTimestamp("created_at").toInstant());
                });
        long[] total = new long[n];
        long[] toQueued = new long[n];
        long[] toSmtp = new long[n];
        Instant lastQueued = Instant.MIN;
        for (int i = 0; i < n; i++) {
            String email = round.records().get(i).email();
            Instant ceTime = sent.ceTimes()[i];
            Instant accepted = ACCEPTED.of(email).first();
            Instant inLog = queued.get(email);
            total[i] = Duration.between(ceTime, accepted).toNanos();
            toQueued[i] = Duration.between(ceTime, inLog).toNanos();
            toSmtp[i] = Duration.between(inLog, accepted).toNanos();
            lastQueued = inLog.isAfter(lastQueued) ? inLog : lastQueued;
        }
        double elapsed = seconds(sent);
        double queuedIn = Duration.between(sent.firstSent(), lastQueued).toNanos() / 1e9;
        Map<String, SmtpAcceptances.Acceptance> recipients = ACCEPTED.recipientsAt(round.domain());
        long emails = ACCEPTED.acceptedAt(round.domain());
        long duplicates = emails - recipients.size();

        String report = String.join(System.lineSeparator(),
                "",
                "=== notification-service burst ===",
                String.format(Locale.ROOT, "notification burst: %d registration.confirmed records (%d events x %d people) -> %d emails (SMTP: GreenMail %s, %s), after %d warm-up records",
                        n, settings.events(), settings.people(), emails, greenMailVersion(),
                        BenchmarkSmtp.STOCK ? "stock" : "TCP_NODELAY, one mailbox", warmedUp),
                String.format(Locale.ROOT, "throughput: %.0f messages/s (first record sent to last email accepted: %.2f s; the %d records were written to the broker in %.2f s)",
                        n / elapsed, elapsed, n, Duration.between(sent.firstSent(), sent.lastSent()).toNanos() / 1e9),
                String.format(Locale.ROOT, "ce_time -> SMTP accepted: p50 %.0f ms  p99 %.0f ms  max %.0f ms  (min %.0f ms, p90 %.0f ms)",
                        BenchmarkSupport.percentileMillis(total, 50), BenchmarkSupport.percentileMillis(total, 99), BenchmarkSupport.percentileMillis(total, 100),
                        BenchmarkSupport.percentileMillis(total, 0), BenchmarkSupport.percentileMillis(total, 90)),
                String.format(Locale.ROOT, "  ce_time -> queued in the delivery log (broker, consumer, rendering): p50 %.0f ms  p99 %.0f ms  max %.0f ms; last queued %.2f s after the first record was sent (%.0f records/s)",
                        BenchmarkSupport.percentileMillis(toQueued, 50), BenchmarkSupport.percentileMillis(toQueued, 99), BenchmarkSupport.percentileMillis(toQueued, 100),
                        queuedIn, n / queuedIn),
                String.format(Locale.ROOT, "  queued -> SMTP accepted (mail dispatcher): p50 %.0f ms  p99 %.0f ms  max %.0f ms",
                        BenchmarkSupport.percentileMillis(toSmtp, 50), BenchmarkSupport.percentileMillis(toSmtp, 99), BenchmarkSupport.percentileMillis(toSmtp, 100)),
                String.format(Locale.ROOT, "delivery log: %d SENT, %d PENDING, %d FAILED; duplicates: %d",
                        statuses.getOrDefault("SENT", 0L), statuses.getOrDefault("PENDING", 0L),
                        statuses.getOrDefault("FAILED", 0L), duplicates),
                cpu.describe(cpuBefore, cpuAfter),
                cpu.busiestThreads(cpuBefore, cpuAfter, 8),
                "setup: " + setup(),
                "window: " + sent.firstSent() + " to " + sent.lastAccepted(),
                "==================================",
                "");
        System.out.println(report);
        Path file = Path.of("target", "benchmark", "notification-burst.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);
    }

    private void assertCorrect(Round round, Map<String, Long> statuses) throws Exception {
        int n = round.records().size();
        Map<String, SmtpAcceptances.Acceptance> recipients = ACCEPTED.recipientsAt(round.domain());
        assertThat(ACCEPTED.acceptedAt(round.domain())).as("emails accepted by the SMTP server").isEqualTo(n);
        assertThat(recipients).as("recipients").hasSize(n)
                .containsOnlyKeys(round.records().stream().map(Planned::email).toList());
        assertThat(recipients.values()).as("emails per recipient").allMatch(a -> a.count() == 1);
        assertThat(statuses).as("delivery log by status").isEqualTo(Map.of("SENT", (long) n));
        assertThat(jdbc.sql("select count(*) from notification where recipient like :pattern and template = 'registration.confirmed'")
                .param("pattern", "%@" + round.domain()).query(Long.class).single()).as("confirmations in the delivery log")
                .isEqualTo(n);

        List<MimeMessage> stored = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            if (message.getHeader("To", ",").endsWith("@" + round.domain())) {
                stored.add(message);
            }
        }
        assertThat(stored).as("messages in the SMTP server's mailboxes").hasSize(n);
        for (MimeMessage message : stored.subList(0, Math.min(100, n))) {
            assertThat(message.getSubject()).startsWith("Inscripción confirmada: ");
            assertThat(hasPart(message, "text/calendar")).as("a calendar invitation attached").isTrue();
        }
    }

    private static boolean hasPart(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return true;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                if (hasPart(multipart.getBodyPart(i), type)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBrokers(),
                ProducerConfig.CLIENT_ID_CONFIG, "benchmark-load",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** From the first record sent to the last email accepted. */
    private static double seconds(Sent sent) {
        Instant end = sent.lastAccepted() != null ? sent.lastAccepted()
                : ACCEPTED.recipientsAt(sent.round().domain()).values().stream()
                        .map(SmtpAcceptances.Acceptance::first).max(Instant::compareTo).orElse(sent.lastSent());
        return Duration.between(sent.firstSent(), end).toNanos() / 1e9;
    }

    private String setup() {
        List<String> parts = new ArrayList<>();
        parts.add(Runtime.getRuntime().availableProcessors() + " cores");
        parts.add("Java " + Runtime.version());
        parts.add("notification.mail.poll-interval " + environment.getProperty("notification.mail.poll-interval", "500ms (default)"));
        parts.add("consumer concurrency " + environment.getProperty("spring.cloud.stream.bindings.eventsEvents-in-0.consumer.concurrency",
                environment.getProperty("spring.cloud.stream.default.consumer.concurrency", "1 (default)")));
        parts.add("Hikari pool " + hikariPoolSize());
        parts.add("PostgreSQL " + jdbc.sql("show server_version").query(String.class).single()
                + " (fsync " + jdbc.sql("show fsync").query(String.class).single()
                + ", synchronous_commit " + jdbc.sql("show synchronous_commit").query(String.class).single() + ")");
        return String.join(", ", parts);
    }

    private String hikariPoolSize() {
        try {
            if (dataSource.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
                return String.valueOf(dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize());
            }
        } catch (java.sql.SQLException ignored) {
            // fall through
        }
        return environment.getProperty("spring.datasource.hikari.maximum-pool-size", "?");
    }

    private static String greenMailVersion() {
        try (var in = GreenMail.class.getResourceAsStream("/META-INF/maven/com.icegreen/greenmail/pom.properties")) {
            var properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static final String SMTP_SERVER = "SMTP server (GreenMail)";

    /** Where the CPU goes, by thread name prefix (first match wins). */
    private static final Map<String, List<String>> THREAD_GROUPS = threadGroups();

    private static Map<String, List<String>> threadGroups() {
        Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
        groups.put("load generator", List.of("kafka-producer-network-thread | benchmark", "benchmark-"));
        groups.put("inbound consumer", List.of("KafkaConsumerDestination", "eventsEvents", "membershipEvents"));
        groups.put("mail dispatcher", List.of("mail-dispatcher"));
        groups.put("outbox relay", List.of("outbox-relay", "kafka-producer-network-thread"));
        groups.put(SMTP_SERVER, List.of("smtp:", "greenmail"));
        groups.put("Kafka broker", CpuUsage.KAFKA_BROKER_THREADS);
        return groups;
    }
}
