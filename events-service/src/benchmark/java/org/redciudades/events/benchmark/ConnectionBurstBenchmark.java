package org.redciudades.events.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ConnectionBurst;
import org.redciudades.chassis.testing.ConnectionBurst.Answer;
import org.redciudades.chassis.testing.ConnectionBurst.Outcome;
import org.redciudades.chassis.testing.PausedDatabase;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.chassis.testing.benchmark.BenchmarkSupport;
import org.redciudades.chassis.testing.benchmark.CpuUsage;
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
 * Crowds at one events-service instance: bursts of simultaneous new connections, each registering a
 * different person for the same event, fired by a load generator in a process of its own
 * ({@link ConnectionBurst#main}, in a forked JVM), so that it does not share the service's JVM. Optionally,
 * a burst during which the database is paused ({@code SIGSTOP}) for a while.
 *
 * <p>For each burst it prints how many requests were answered, and with what, how many got no answer
 * (reset, refused, timed out), whether every 503 is a problem+json with {@code Retry-After}, the latency
 * percentiles from opening the connection to the answer's last byte, and the seat ledger afterwards. It
 * asserts only that the ledger is exact and every registration answered is stored, never timing or the
 * share of answers: it measures what happens, including on a service that answers badly.
 *
 * <p>Parameters, as system properties (defaults in brackets): {@code benchmark.bursts} [300,1000,3000]
 * connections per burst; {@code benchmark.capacity} [100] seats of each burst's event;
 * {@code benchmark.warmup.requests} [20000] registrations sent beforehand over 64 keep-alive connections to
 * warm the JIT up; {@code benchmark.pause.seconds} [20] how long the database is paused during an extra
 * burst of {@code benchmark.pause.burst} [1000] connections (0: no such burst); {@code benchmark.timeout}
 * [60] seconds a client waits to connect and for each read before it gives up; {@code benchmark.registrars} [100]
 * people whose tokens take turns as the callers (each token is a sign-in at the test JVM's identity provider, which
 * hashes a password twice per person: a sign-in per attendee held the warm-up to about 8 registrations a second).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BenchmarkInfrastructure.class)
@TestPropertySource(locations = "classpath:benchmark.properties")
@DirtiesContext
class ConnectionBurstBenchmark {

    private static final String EVENT = """
            {"type": "SUMMIT", "titleEs": "Cumbre %s", "titleEn": "Summit %s",
             "descriptionEs": "Apertura de inscripciones.", "descriptionEn": "Registration opens.",
             "modality": "IN_PERSON",
             "venue": {"city": "Monterrey", "country": "MX", "address": "Parque Fundidora"},
             "startsAt": "2027-10-05T09:00:00-06:00", "endsAt": "2027-10-07T18:00:00-06:00",
             "timeZone": "America/Monterrey", "capacity": %d, "waitlistEnabled": true,
             "audience": "PUBLIC", "memberQuota": null, "requiresApproval": false}
            """;
    private static final Path DIR = Path.of("target", "benchmark");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private List<String> registrars;

    /** What a burst got, counted. */
    record Tally(String name, int connections, List<Answer> answers, Map<String, Long> stored, int seatsTaken,
                 int capacity, String cpu) {

        long count(Predicate<Answer> which) {
            return answers.stream().filter(which).count();
        }

        long status(int status) {
            return count(a -> a.answered() && a.status() == status);
        }

        long outcome(Outcome outcome) {
            return count(a -> a.outcome() == outcome);
        }

        long registrations() {
            return count(a -> a.answered() && (a.status() == 200 || a.status() == 201));
        }

        long wellFormed503() {
            return count(a -> a.answered() && a.status() == 503 && a.retryAfter() != null
                    && a.contentType() != null && a.contentType().startsWith("application/problem+json"));
        }

        Map<Integer, Long> statuses() {
            Map<Integer, Long> counts = new TreeMap<>();
            answers.stream().filter(Answer::answered).forEach(a -> counts.merge(a.status(), 1L, Long::sum));
            return counts;
        }

        double percentile(Predicate<Answer> which, double p) {
            long[] nanos = answers.stream().filter(which).mapToLong(Answer::nanos).toArray();
            return nanos.length == 0 ? Double.NaN : BenchmarkSupport.percentileMillis(nanos, p) / 1000;
        }

        String row() {
            return String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s | %.2f | %.2f | %.2f | %.2f |",
                    name, connections, count(Answer::answered), registrations(), status(503),
                    count(a -> a.answered() && a.status() >= 500 && a.status() != 503),
                    outcome(Outcome.RESET), noAnswerOtherwise(),
                    percentile(a -> true, 50), percentile(a -> true, 95), percentile(a -> true, 99),
                    percentile(a -> true, 100));
        }

        private String noAnswerOtherwise() {
            long refused = outcome(Outcome.REFUSED);
            long timedOut = outcome(Outcome.TIMED_OUT);
            long failed = outcome(Outcome.FAILED);
            return refused + timedOut + failed == 0 ? "0"
                    : String.format(Locale.ROOT, "%d (refused %d, timed out %d, failed %d)", refused + timedOut + failed,
                            refused, timedOut, failed);
        }

        String describe() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%s: %d simultaneous new connections, one registration each",
                    name, connections));
            lines.add(String.format(Locale.ROOT,
                    "  answered %d (statuses %s), reset %d, refused %d, timed out %d, failed otherwise %d",
                    count(Answer::answered), statuses(), outcome(Outcome.RESET), outcome(Outcome.REFUSED),
                    outcome(Outcome.TIMED_OUT), outcome(Outcome.FAILED)));
            lines.add(String.format(Locale.ROOT,
                    "  latency, connect to last byte, in s: all p50 %.2f p95 %.2f p99 %.2f max %.2f; registrations p50 %.2f max %.2f; 503 p50 %.2f max %.2f",
                    percentile(a -> true, 50), percentile(a -> true, 95), percentile(a -> true, 99), percentile(a -> true, 100),
                    percentile(a -> a.answered() && a.status() < 300, 50), percentile(a -> a.answered() && a.status() < 300, 100),
                    percentile(a -> a.answered() && a.status() == 503, 50), percentile(a -> a.answered() && a.status() == 503, 100)));
            lines.add(String.format(Locale.ROOT, "  503 answers that are problem+json with Retry-After: %d of %d; Retry-After %s",
                    wellFormed503(), status(503), answers.stream().map(Answer::retryAfter).filter(java.util.Objects::nonNull)
                            .distinct().limit(3).toList()));
            lines.add(String.format(Locale.ROOT, "  stored %s, seats taken %d of %d", stored, seatsTaken, capacity));
            answers.stream().filter(a -> !a.answered() || a.status() >= 500 && a.status() != 503).limit(3)
                    .forEach(a -> lines.add("  for example: " + shorten(a.toString())));
            answers.stream().filter(a -> a.answered() && a.status() == 503).limit(1)
                    .forEach(a -> lines.add("  a 503: " + shorten(a.toString())));
            lines.add("  " + cpu);
            return String.join(System.lineSeparator(), lines);
        }

        private static String shorten(String text) {
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        }
    }

    @Test
    void connection_bursts() throws Exception {
        Files.createDirectories(DIR);
        int capacity = Integer.getInteger("benchmark.capacity", 100);
        int timeout = Integer.getInteger("benchmark.timeout", 60);
        String organizer = TestTokens.withRole(Roles.ORGANIZER);
        registrars = BenchmarkSupport.signedInPeople("inscribe", Integer.getInteger("benchmark.registrars", 100));
        long postmaster = CpuUsage.parentOf(jdbc.sql("select pg_backend_pid()").query(Long.class).single());
        CpuUsage cpu = new CpuUsage(postmaster, Map.of());

        int warmup = Integer.getInteger("benchmark.warmup.requests", 20_000);
        if (warmup > 0) {
            warmUp(announcedEvent(organizer, capacity), warmup);
        }

        List<Tally> tallies = new ArrayList<>();
        for (String size : System.getProperty("benchmark.bursts", "300,1000,3000").split(",")) {
            int connections = Integer.parseInt(size.strip());
            UUID event = announcedEvent(organizer, capacity);
            CpuUsage.Snapshot before = cpu.take();
            List<Answer> answers = inOwnProcess(event, connections, timeout, null);
            tallies.add(tally("burst " + connections, event, connections, answers, capacity, cpu.describe(before, cpu.take())));
            System.out.println(tallies.getLast().describe());
        }

        int pause = Integer.getInteger("benchmark.pause.seconds", 20);
        if (pause > 0) {
            int connections = Integer.getInteger("benchmark.pause.burst", 1000);
            UUID event = announcedEvent(organizer, capacity);
            CpuUsage.Snapshot before = cpu.take();
            List<Answer> answers = inOwnProcess(event, connections, timeout, new Pause(postmaster, Duration.ofSeconds(pause)));
            tallies.add(tally("burst " + connections + ", database paused " + pause + " s", event, connections, answers,
                    capacity, cpu.describe(before, cpu.take())));
            System.out.println(tallies.getLast().describe());
        }

        String report = String.join(System.lineSeparator(), List.of(
                "",
                "=== events-service connection bursts ===",
                "setup: " + setup(),
                String.join(System.lineSeparator(), tallies.stream().map(Tally::describe).toList()),
                "",
                "| burst | connections | answered | 201/200 | 503 | other 5xx | reset | no answer otherwise | p50 s | p95 s | p99 s | max s |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|",
                String.join(System.lineSeparator(), tallies.stream().map(Tally::row).toList()),
                "========================================",
                ""));
        System.out.println(report);
        Files.writeString(DIR.resolve("connection-bursts.txt"), report, StandardCharsets.UTF_8);

        for (Tally tally : tallies) {
            assertThat(tally.seatsTaken()).as("seats taken after %s", tally.name()).isEqualTo(tally.stored().getOrDefault("CONFIRMED", 0L).intValue());
            assertThat(tally.stored().values().stream().mapToLong(Long::longValue).sum())
                    .as("registrations stored after %s, at least those answered", tally.name())
                    .isGreaterThanOrEqualTo(tally.registrations());
        }
    }

    /** Pauses the database server ({@link PausedDatabase}) shortly after the burst began, for a while. */
    record Pause(long postmaster, Duration length) {
        static final Duration AFTER = Duration.ofMillis(300);

        void run() throws InterruptedException {
            Thread.sleep(AFTER);
            try (PausedDatabase paused = PausedDatabase.pause(postmaster)) {
                Thread.sleep(length);
            }
        }
    }

    /** Fires one burst from a JVM of its own and reads its answers back. */
    private List<Answer> inOwnProcess(UUID event, int connections, int timeoutSeconds, Pause pause) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<ConnectionBurst.Request> requests = IntStream.range(0, connections).parallel()
                .mapToObj(i -> {
                    String email = "asistente" + i + "-" + run + "@municipio.example.mx";
                    return ConnectionBurst.Request.post("/api/v1/events/" + event + "/registrations",
                            registrars.get(i % registrars.size()), "{\"name\": \"Asistente " + i + "\", \"email\": \"" + email
                                    + "\", \"locale\": \"es-MX\"}");
                })
                .toList();
        Path requestFile = DIR.resolve("burst-" + run + ".requests");
        Path answerFile = DIR.resolve("burst-" + run + ".answers");
        ConnectionBurst.writeRequests(requestFile, requests);
        String classpath = BenchmarkSupport.classPathOf(ConnectionBurst.class);
        Process generator = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx512m", "-cp", classpath, ConnectionBurst.class.getName(),
                "127.0.0.1", Integer.toString(port), requestFile.toString(), answerFile.toString(),
                Integer.toString(timeoutSeconds))
                .redirectErrorStream(true).redirectOutput(DIR.resolve("burst-" + run + ".log").toFile()).start();
        if (pause != null) {
            pause.run();
        }
        assertThat(generator.waitFor(10, TimeUnit.MINUTES)).as("the load generator finished").isTrue();
        assertThat(generator.exitValue()).as("load generator exit status; see %s", DIR.resolve("burst-" + run + ".log")).isZero();
        List<Answer> answers = ConnectionBurst.readAnswers(answerFile);
        Files.delete(requestFile);
        Files.delete(answerFile);
        return answers;
    }

    private Tally tally(String name, UUID event, int connections, List<Answer> answers, int capacity, String cpu) {
        Map<String, Long> stored = new TreeMap<>();
        jdbc.sql("select status, count(*) as n from registration where event_id = :event group by status")
                .param("event", event)
                .query(rs -> {
                    stored.put(rs.getString("status"), rs.getLong("n"));
                });
        int seats = jdbc.sql("select seats_taken from event where id = :id").param("id", event).query(Integer.class).single();
        return new Tally(name, connections, answers, stored, seats, capacity, cpu);
    }

    /** Registrations over 64 keep-alive connections from this JVM, until the JIT has compiled the hot paths. */
    private void warmUp(UUID event, int requests) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long began = System.nanoTime();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < 64; w++) {
                workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        String email = "calentamiento" + i + "@municipio.example.mx";
                        String body = "{\"name\": \"Calentamiento\", \"email\": \"" + email + "\", \"locale\": \"es-MX\"}";
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/events/" + event + "/registrations"))
                                .header("Authorization", "Bearer " + registrars.get(i % registrars.size()))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 201) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        System.out.printf(Locale.ROOT, "warm-up: %d registrations in %.1f s, %d not 201%n", requests,
                (System.nanoTime() - began) / 1e9, failed.get());
    }

    private UUID announcedEvent(String organizer, int capacity) throws IOException, InterruptedException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> drafted = http.send(HttpRequest.newBuilder(uri("/api/v1/events"))
                .header("Authorization", "Bearer " + organizer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EVENT.formatted(tag, tag, capacity))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(drafted.statusCode()).as("drafting the event: %s", drafted.body()).isEqualTo(201);
        UUID id = UUID.fromString(json.readTree(drafted.body()).get("id").asString());
        HttpResponse<String> announced = http.send(HttpRequest.newBuilder(uri("/api/v1/events/" + id + "/announcement"))
                .header("Authorization", "Bearer " + organizer).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(announced.statusCode()).as("announcing the event: %s", announced.body()).isEqualTo(200);
        return id;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String setup() {
        return String.join(", ", Arrays.asList(
                Runtime.getRuntime().availableProcessors() + " cores",
                "Java " + Runtime.version(),
                "virtual threads " + environment.getProperty("spring.threads.virtual.enabled", "false"),
                "admission " + environment.getProperty("chassis.web.admission.concurrency", "none") + " at once, wait "
                        + environment.getProperty("chassis.web.admission.wait", "-"),
                "Tomcat accept-count " + environment.getProperty("server.tomcat.accept-count", "100 (default)")
                        + ", threads max " + environment.getProperty("server.tomcat.threads.max", "200 (default)"),
                "Hikari pool " + environment.getProperty("spring.datasource.hikari.maximum-pool-size", "10 (default)")
                        + ", connection-timeout " + environment.getProperty("spring.datasource.hikari.connection-timeout", "30000 (default)") + " ms",
                "PostgreSQL " + jdbc.sql("show server_version").query(String.class).single()
                        + " (fsync " + jdbc.sql("show fsync").query(String.class).single() + ")"));
    }
}
