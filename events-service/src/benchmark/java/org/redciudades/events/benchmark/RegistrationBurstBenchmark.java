package org.redciudades.events.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import jdk.jfr.Recording;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.chassis.testing.benchmark.BenchmarkSupport;
import org.redciudades.chassis.testing.benchmark.CpuUsage;
import org.redciudades.chassis.testing.benchmark.HttpConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A registration burst over HTTP against one events-service instance, with a real PostgreSQL (embedded,
 * its own server process, as in the test suite's {@code RealInfrastructure}) and a real Kafka broker (the
 * JVM's global embedded KRaft broker), through the whole stack: Tomcat, JWT verification, validation, the
 * seat ledger's transaction and the outbox, whose relay publishes every registration fact to Kafka meanwhile.
 * The requests come from a load generator in a JVM of its own ({@link RegistrationLoad}), so that the
 * service's JVM does not pay for it. The baseline, measured in the same run on the same database, is
 * PostgreSQL's {@code pgbench} with the same transaction ({@link Pgbench}); the report gives the ratio.
 *
 * <p>Not part of the test suite: its sources are compiled only under the Maven profile {@code benchmark}
 * (see {@code src/benchmark/README.md}). It asserts correctness only (exactly {@code capacity} confirmed,
 * no errors), never timing; the figures are printed and written to
 * {@code target/benchmark/registration-burst.txt}.
 *
 * <p>Parameters, as system properties (defaults in brackets): {@code benchmark.requests} [5000] in the
 * measured burst, {@code benchmark.concurrency} [64] requests in flight, {@code benchmark.capacity} [100]
 * seats of each event; the warm-up, in rounds of {@code benchmark.warmup.round} [5000] requests each
 * against a fresh event (0: none), until the JVM's own threads (mostly the JIT compilers) use less than
 * {@code benchmark.warmup.quiet} [0.1] cores over a round, or for {@code benchmark.warmup.seconds} [300]
 * at most; and {@code benchmark.jfr}: a file to which a Flight Recorder profile of the measured burst
 * alone is written; {@code benchmark.pgbench.seconds} [20] for each pgbench run; {@code benchmark.registrars}
 * [100] people whose tokens register the attendees. {@code benchmark.durable=true} runs PostgreSQL with every commit flushed to disk
 * (see {@link BenchmarkInfrastructure}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BenchmarkInfrastructure.class)
@TestPropertySource(locations = "classpath:benchmark.properties")
// Closes the service when the class ends, while the JVM's embedded broker still runs, so the relay stops cleanly.
@DirtiesContext
class RegistrationBurstBenchmark {

    /** A public hybrid workshop, open for registration once announced, whose overflow waits. */
    private static final String EVENT = """
            {"type": "WORKSHOP", "titleEs": "Taller de carga %s", "titleEn": "Load workshop %s",
             "descriptionEs": "Ráfaga de inscripciones.", "descriptionEn": "Registration burst.",
             "modality": "HYBRID",
             "venue": {"city": "Ciudad de Guatemala", "country": "GT", "address": "6a Avenida 8-72, Zona 1"},
             "onlineLink": "https://meet.example.org/carga",
             "startsAt": "2027-03-10T09:00:00-06:00", "endsAt": "2027-03-10T13:00:00-06:00",
             "timeZone": "America/Guatemala", "capacity": %d, "waitlistEnabled": true,
             "audience": "PUBLIC", "memberQuota": null, "requiresApproval": false}
            """;
    private static final Duration OUTBOX_DRAIN_TIMEOUT = Duration.ofMinutes(3);
    private static final Path DIR = Path.of("target", "benchmark");
    /**
     * The registration's transaction as the baseline runs it, with the same statements on the same tables: lock
     * the event, insert the registration, take the seat (if one is free), append the outbox row, the payload a
     * real one from this run. The outbox row is marked sent, so that the service's relay leaves it alone.
     */
    private static final String PGBENCH_SCRIPT = """
            begin;
            select capacity, seats_taken from event where id = '%1$s' for update;
            insert into registration (id, event_id, email, name, locale, registered_by, guest, status, created_at, updated_at)
            values (gen_random_uuid(), '%1$s', gen_random_uuid()::text || '@pgbench.example.gt', 'Asistente pgbench', 'es-MX',
                    'pgbench', false, 'WAITLISTED', now(), now());
            update event set seats_taken = seats_taken + 1 where id = '%1$s' and seats_taken < capacity;
            insert into outbox_event (id, topic, aggregate_id, event_type, payload, traceparent, occurred_at, sent_at)
            values (gen_random_uuid(), 'events.event', '%1$s', 'org.redciudades.events.registration.waitlisted.v1',
                    '%2$s'::jsonb, '%3$s', now(), now());
            commit;
            """;
    /** Where the CPU goes, by thread name prefix (first match wins). */
    private static final Map<String, List<String>> THREAD_GROUPS = threadGroups();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    DataSource dataSource;
    @Autowired
    Environment environment;

    private LoadGenerator generator;
    /**
     * The tokens of the people who register the attendees, each of whom may register anyone. Fewer than one per
     * attendee: each token is a sign-in at the test JVM's identity provider (the authorization code flow, one
     * at a time, since its in-memory store of authorizations is not safe for concurrent sign-ins), and a burst
     * has thousands of attendees. Every request still carries a token that the service verifies in full.
     */
    private List<String> registrars;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    record Settings(int requests, int concurrency, int capacity, int warmupRound, double warmupQuietCores,
                    Duration warmupLimit, int pgbenchSeconds, int registrars) {
        static Settings fromSystemProperties() {
            return new Settings(Integer.getInteger("benchmark.requests", 5000),
                    Integer.getInteger("benchmark.concurrency", 64),
                    Integer.getInteger("benchmark.capacity", 100),
                    Integer.getInteger("benchmark.warmup.round", 5000),
                    Double.parseDouble(System.getProperty("benchmark.warmup.quiet", "0.1")),
                    Duration.ofSeconds(Integer.getInteger("benchmark.warmup.seconds", 300)),
                    Integer.getInteger("benchmark.pgbench.seconds", 20),
                    Integer.getInteger("benchmark.registrars", 100));
        }
    }

    /**
     * What one burst measured, as the load generator reported it: each request's latency, HTTP status and the
     * registration status its body gave, the bodies of the first few failures, and the generator's CPU time.
     */
    record Burst(int requests, Instant began, long elapsedNanos, long[] latencyNanos, int[] statuses,
                 String[] bodyStatuses, List<String> failures, long generatorCpuNanos) {

        double throughput() {
            return requests / (elapsedNanos / 1e9);
        }

        /** Nearest-rank percentile, in milliseconds. */
        double percentileMillis(double p) {
            return BenchmarkSupport.percentileMillis(latencyNanos, p);
        }

        double maxMillis() {
            return Arrays.stream(latencyNanos).max().orElse(0) / 1e6;
        }

        double meanMillis() {
            return Arrays.stream(latencyNanos).average().orElse(0) / 1e6;
        }

        long errors() {
            return Arrays.stream(statuses).filter(s -> s != 201).count();
        }

        /** Responses per HTTP status; -1 counts requests that got no response at all. */
        Map<Integer, Integer> byStatus() {
            Map<Integer, Integer> counts = new TreeMap<>();
            for (int status : statuses) {
                counts.merge(status, 1, Integer::sum);
            }
            return counts;
        }
    }

    /** pgbench's figures, measured in the same run on the same database. */
    record Baseline(int seconds, Pgbench.Result oneClient, Pgbench.Result manyClients) {
        String describe() {
            return String.format(Locale.ROOT, "on the same PostgreSQL, the same transaction (lock the event, insert the "
                    + "registration, take the seat, append the outbox row), %d s each: %s; %s", seconds,
                    oneClient.describe(), manyClients.describe());
        }
    }

    @AfterEach
    void stopLoadGenerator() {
        if (generator != null) {
            generator.close();
        }
    }

    @Test
    void registration_burst() throws Exception {
        Settings settings = Settings.fromSystemProperties();
        String organizer = TestTokens.withRole(Roles.ORGANIZER);

        Pgbench pgbench = Pgbench.against(environment.getRequiredProperty("spring.datasource.url"), databaseUser(),
                environment.getProperty("spring.datasource.password"));
        System.out.println("baseline: " + pgbench.version());
        registrars = BenchmarkSupport.signedInPeople("inscribe", settings.registrars());
        generator = LoadGenerator.start(port, settings.concurrency());
        CpuUsage cpu = new CpuUsage(CpuUsage.parentOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single()),
                THREAD_GROUPS).withProcess("load generator (own JVM)", generator.pid());
        int warmedUp = warmUp(settings, organizer, cpu);

        String event = announcedEvent(organizer, settings.capacity());
        Path requests = prepare(event, settings.requests());
        Recording recording = BenchmarkSupport.startRecording();
        SessionSampler sessions = new SessionSampler(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
        CpuUsage.Snapshot cpuBefore = cpu.take();
        Burst burst = generator.send(requests);
        CpuUsage.Snapshot cpuAfter = cpu.take();
        sessions.close();
        long lastResponse = System.nanoTime();
        BenchmarkSupport.stopRecording(recording);
        Duration drained = awaitOutboxDrained();
        Duration outboxLag = Duration.ofNanos(System.nanoTime() - lastResponse);

        Baseline baseline = baseline(pgbench, organizer, settings);
        generator.close();

        Map<String, Long> inDatabase = registrationsByStatus(event);
        long confirmed = inDatabase.getOrDefault("CONFIRMED", 0L);
        long waitlisted = inDatabase.getOrDefault("WAITLISTED", 0L);
        Map<String, Integer> answered = answeredStatuses(burst);
        Map<String, Long> published = new TreeMap<>();
        jdbc.sql("""
                select event_type, count(*) as n from outbox_event
                where aggregate_id = :event and sent_at is not null group by event_type
                """)
                .param("event", event)
                .query(rs -> {
                    published.put(rs.getString("event_type").replace("org.redciudades.events.", ""), rs.getLong("n"));
                });

        String report = String.join(System.lineSeparator(),
                "",
                "=== events-service registration burst ===",
                String.format(Locale.ROOT, "registration burst: %d requests, concurrency %d, capacity %d (after %d warm-up requests on other events)",
                        burst.requests(), settings.concurrency(), settings.capacity(), warmedUp),
                String.format(Locale.ROOT, "throughput: %.0f req/s   p50 %.1f ms   p99 %.1f ms   max %.1f ms   (mean %.1f ms, p90 %.1f ms, p99.9 %.1f ms; %.2f s in all)",
                        burst.throughput(), burst.percentileMillis(50), burst.percentileMillis(99), burst.maxMillis(),
                        burst.meanMillis(), burst.percentileMillis(90), burst.percentileMillis(99.9), burst.elapsedNanos() / 1e9),
                String.format(Locale.ROOT, "confirmed: %d (capacity %d)   waitlisted: %d   errors: %d   (HTTP statuses %s; bodies say %s)",
                        confirmed, settings.capacity(), waitlisted, burst.errors(), burst.byStatus(), answered),
                String.format(Locale.ROOT, "kafka: facts about the event acknowledged by the broker %s; outbox drained %.2f s after the last response%s",
                        published, outboxLag.toMillis() / 1e3, drained == null ? " (NOT drained within " + OUTBOX_DRAIN_TIMEOUT + ")" : ""),
                cpu.describe(cpuBefore, cpuAfter),
                String.format(Locale.ROOT, "load generator: %.2f cores by its own count (a JVM of its own, %d requests in flight)",
                        burst.generatorCpuNanos() / (double) burst.elapsedNanos(), settings.concurrency()),
                sessions.describe(),
                "baseline, pgbench " + baseline.describe(),
                String.format(Locale.ROOT, "ratio: service %.0f req/s / pgbench 1 client %.0f tps = %.2f",
                        burst.throughput(), baseline.oneClient().tps(), burst.throughput() / baseline.oneClient().tps()),
                "setup: " + setup(),
                "window: " + burst.began() + " to " + burst.began().plusNanos(burst.elapsedNanos()),
                "=========================================",
                "");
        System.out.println(report);
        Path file = Path.of("target", "benchmark", "registration-burst.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report, StandardCharsets.UTF_8);

        assertThat(burst.failures()).as("requests that did not get 201").isEmpty();
        assertThat(confirmed).as("confirmed registrations").isEqualTo(settings.capacity());
        assertThat(confirmed + waitlisted).as("registrations stored").isEqualTo(settings.requests());
    }

    /**
     * Warms the JIT compilers, connection pools and caches up with rounds of registrations for other events,
     * until the JVM's own threads are quiet or the time limit is reached. Returns the requests sent.
     */
    private int warmUp(Settings settings, String organizer, CpuUsage cpu) throws Exception {
        if (settings.warmupRound() <= 0) {
            return 0;
        }
        long deadline = System.nanoTime() + settings.warmupLimit().toNanos();
        int sent = 0;
        for (int round = 1; ; round++) {
            Path requests = prepare(announcedEvent(organizer, settings.capacity()), settings.warmupRound());
            CpuUsage.Snapshot before = cpu.take();
            Burst warmup = generator.send(requests);
            double jvmInternal = cpu.jvmInternalCores(before, cpu.take());
            sent += warmup.requests();
            awaitOutboxDrained();
            System.out.printf(Locale.ROOT, "warm-up round %d: %d requests, %.0f req/s, p99 %.1f ms, errors %d, JIT and GC %.2f cores%n",
                    round, warmup.requests(), warmup.throughput(), warmup.percentileMillis(99), warmup.errors(), jvmInternal);
            if (jvmInternal < settings.warmupQuietCores() || System.nanoTime() > deadline) {
                return sent;
            }
        }
    }

    /** A JDK Flight Recorder profile of the measured burst only, if {@code benchmark.jfr} names a file. */
    /** Drafts and announces a benchmark event; returns its id. */
    private String announcedEvent(String organizer, int capacity) throws IOException, InterruptedException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> drafted = http.send(post("/api/v1/events", organizer, EVENT.formatted(tag, tag, capacity)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(drafted.statusCode()).as("drafting the event: %s", drafted.body()).isEqualTo(201);
        String id = json.readTree(drafted.body()).get("id").asString();
        HttpResponse<String> announced = http.send(post("/api/v1/events/" + id + "/announcement", organizer, null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(announced.statusCode()).as("announcing the event: %s", announced.body()).isEqualTo(200);
        return id;
    }

    /**
     * One request per person, each with their own email, written before the clock starts to a file for the
     * load generator ({@link RegistrationLoad}: path, token and body, a line each). The people are registered
     * by {@link #registrars}, in turn.
     */
    private Path prepare(String event, int count) throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> lines = IntStream.range(0, count)
                .mapToObj(i -> {
                    String email = "asistente" + i + "-" + run + "@municipio.example.gt";
                    return "/api/v1/events/" + event + "/registrations\t" + registrars.get(i % registrars.size()) + "\t"
                            + "{\"name\": \"Asistente " + i + "\", \"email\": \"" + email + "\", \"locale\": \"es-MX\"}";
                })
                .toList();
        Path file = DIR.resolve("requests-" + run + ".tsv");
        Files.createDirectories(DIR);
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** Waits until the relay has had every outbox row acknowledged by the broker; null if it timed out. */
    private Duration awaitOutboxDrained() throws InterruptedException {
        long began = System.nanoTime();
        while (System.nanoTime() - began < OUTBOX_DRAIN_TIMEOUT.toNanos()) {
            long pending = jdbc.sql("select count(*) from outbox_event where sent_at is null").query(Long.class).single();
            if (pending == 0) {
                return Duration.ofNanos(System.nanoTime() - began);
            }
            Thread.sleep(20);
        }
        return null;
    }

    private Map<String, Long> registrationsByStatus(String event) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.sql("select status, count(*) as n from registration where event_id = :event group by status")
                .param("event", UUID.fromString(event))
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getLong("n"));
                });
        return counts;
    }

    /** The registration status that each 201 response's body gave, counted. */
    private Map<String, Integer> answeredStatuses(Burst burst) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < burst.requests(); i++) {
            if (burst.statuses()[i] == 201) {
                counts.merge(burst.bodyStatuses()[i], 1, Integer::sum);
            }
        }
        return counts;
    }

    private String setup() {
        List<String> parts = new ArrayList<>();
        parts.add(Runtime.getRuntime().availableProcessors() + " cores");
        parts.add("Java " + Runtime.version());
        parts.add("Hikari pool " + hikariPoolSize());
        parts.add("admission " + environment.getProperty("chassis.web.admission.concurrency") + " at once");
        parts.add("Tomcat threads max " + environment.getProperty("server.tomcat.threads.max", "200 (default)"));
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

    /**
     * pgbench with the registration's transaction ({@link #PGBENCH_SCRIPT}) at an event of its own, announced
     * like the measured one, with one client and with as many as the burst has requests in flight.
     */
    private Baseline baseline(Pgbench pgbench, String organizer, Settings settings) throws IOException, InterruptedException {
        String event = announcedEvent(organizer, settings.capacity());
        String payload = jdbc.sql("""
                select payload::text from outbox_event where event_type = 'org.redciudades.events.registration.waitlisted.v1'
                limit 1
                """).query(String.class).single();
        String traceparent = jdbc.sql("select traceparent from outbox_event limit 1").query(String.class).single();
        Path script = DIR.resolve("pgbench-registration.sql");
        Files.writeString(script, PGBENCH_SCRIPT.formatted(event, payload.replace("'", "''"), traceparent), StandardCharsets.UTF_8);
        int seconds = settings.pgbenchSeconds();
        Pgbench.Result one = pgbench.run(script, 1, seconds, "simple");
        Pgbench.Result many = pgbench.run(script, settings.concurrency(), seconds, "simple");
        return new Baseline(seconds, one, many);
    }

    private String databaseUser() {
        return environment.getProperty("spring.datasource.username", "postgres");
    }

    /**
     * The load generator ({@link RegistrationLoad}) in a JVM of its own, started with the test classpath and fed
     * one request file per burst; its reports come back on its standard output.
     */
    static final class LoadGenerator implements AutoCloseable {

        private final Process process;
        private final BufferedReader reports;
        private final Writer commands;

        private LoadGenerator(Process process) {
            this.process = process;
            this.reports = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        static LoadGenerator start(int port, int concurrency) throws IOException, URISyntaxException {
            // its own classes, and the chassis test-jar's HTTP connection
            String classpath = BenchmarkSupport.classPathOf(RegistrationLoad.class, HttpConnection.class);
            Files.createDirectories(DIR);
            return new LoadGenerator(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-Xmx256m", "-cp", classpath, RegistrationLoad.class.getName(),
                    "127.0.0.1", Integer.toString(port), Integer.toString(concurrency))
                    .redirectError(DIR.resolve("load-generator.err").toFile())
                    .start());
        }

        long pid() {
            return process.pid();
        }

        /** Sends the requests of the file, and reads back what each got. */
        Burst send(Path requests) throws IOException {
            Instant began = Instant.now();
            commands.write(requests.toAbsolutePath() + "\n");
            commands.flush();
            List<Long> latencies = new ArrayList<>();
            List<Integer> statuses = new ArrayList<>();
            List<String> bodyStatuses = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (String line = reports.readLine(); ; line = reports.readLine()) {
                if (line == null) {
                    throw new IllegalStateException("the load generator ended; see " + DIR.resolve("load-generator.err"));
                }
                String[] report = line.split(" ", 5);
                switch (report[0]) {
                    case "request" -> {
                        statuses.add(Integer.parseInt(report[2]));
                        latencies.add(Long.parseLong(report[3]));
                        bodyStatuses.add(report[4]);
                    }
                    case "failure" -> failures.add(line.substring(line.indexOf(' ', "failure ".length()) + 1));
                    case "burst" -> {
                        String done = reports.readLine();
                        if (!"done".equals(done)) {
                            throw new IllegalStateException("the load generator said " + done + " after its burst");
                        }
                        return new Burst(statuses.size(), began, Long.parseLong(report[1]),
                                latencies.stream().mapToLong(Long::longValue).toArray(),
                                statuses.stream().mapToInt(Integer::intValue).toArray(),
                                bodyStatuses.toArray(String[]::new), failures, Long.parseLong(report[2]));
                    }
                    default -> throw new IllegalStateException("the load generator said " + line);
                }
            }
        }

        @Override
        public void close() {
            try {
                commands.close();
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // it is destroyed below
            }
            process.destroy();
        }
    }

    private static Map<String, List<String>> threadGroups() {
        Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
        // Requests run on virtual threads, whose CPU the JVM counts on their carriers, the ForkJoinPool workers.
        groups.put("service requests", List.of("http-nio-", "HikariPool", "ForkJoinPool-"));
        groups.put("outbox relay", List.of("outbox-relay", "kafka-producer-network-thread"));
        groups.put("Kafka broker", CpuUsage.KAFKA_BROKER_THREADS);
        return groups;
    }
}
