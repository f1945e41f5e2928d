package org.redciudades.portal.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.chassis.testing.benchmark.BenchmarkSmtp;
import org.redciudades.chassis.testing.benchmark.BenchmarkSupport;
import org.redciudades.chassis.testing.benchmark.CpuUsage;
import org.redciudades.chassis.testing.benchmark.SmtpAcceptances;
import org.redciudades.chassis.testing.benchmark.StatementStatistics;
import org.redciudades.childprocess.ChildProcess;
import org.redciudades.childprocess.Jvm;
import org.redciudades.portal.testing.PortalStack;
import org.redciudades.portal.testing.ServiceJvms;

/**
 * Registration commit to email accepted by SMTP, end to end, at a steady arrival rate: events-service and
 * notification-service as their packaged jars in JVMs of their own ({@link ServiceJvms}, as the portal's journeys run
 * them), each with its database on the embedded PostgreSQL, on this JVM's embedded Kafka broker, and sending to a real
 * SMTP server in this JVM (GreenMail, {@link BenchmarkSmtp}, which stamps each email as it accepts it and keeps only the
 * latest). The load
 * generator ({@link ConstantRateLoad}) is a JVM of its own too: open loop, {@code benchmark.rate} registrations a
 * second for {@code benchmark.seconds}, each for a person of their own, over {@code benchmark.events} public events
 * with a seat for everyone, so that each registration is confirmed and causes exactly one email.
 *
 * <p>Each registration's latency runs from its commit in events-service to the SMTP server's acceptance of its
 * confirmation: through the outbox relay, Kafka, notification-service's consumer and delivery log, and its mail
 * dispatcher. The commit's time is the registration's {@code createdAt}, which events-service takes in the
 * registration's transaction just before it commits, so the latency is an upper bound; the response's arrival at the
 * generator (after the commit) gives a lower bound, printed too. The baseline, measured in the same run: a plain
 * JavaMail sender in the generator's JVM sends the service's own confirmation email, as the SMTP server received it,
 * to as many recipients at the same rate for {@code benchmark.baseline.seconds}, so the ratio says what the pipeline
 * adds to SMTP alone.
 *
 * <p>Not part of the suite (Maven profile {@code benchmark} of portal/pom.xml); it asserts correctness only (every
 * registration answered 201, exactly one email for each, every message SENT in the delivery log), never a time. The
 * report is printed and written to {@code target/benchmark/registration-to-email.txt}; see src/benchmark/README.md.
 */
class RegistrationToEmailBenchmark {

    static final String EVENTS = PortalStack.EVENTS;
    static final String NOTIFICATION = PortalStack.NOTIFICATION;
    static final double RATE = Double.parseDouble(System.getProperty("benchmark.rate", "300"));
    static final int SECONDS = Integer.getInteger("benchmark.seconds", 60);
    static final int EVENT_COUNT = Integer.getInteger("benchmark.events", 10);
    static final int PEOPLE = Integer.getInteger("benchmark.people", 500);
    static final int WARMUP_SECONDS = Integer.getInteger("benchmark.warmup.seconds", 60);
    static final int BASELINE_SECONDS = Integer.getInteger("benchmark.baseline.seconds", 10);
    /** true or false: the services' spring.threads.virtual.enabled; unset, their own default. */
    static final String VIRTUAL_THREADS = System.getProperty("benchmark.virtual-threads", "");
    static final Duration EMAILS_STALL = Duration.ofSeconds(60);
    static final Path DIR = Path.of("target", "benchmark").toAbsolutePath();

    private static final String EVENT = """
            {"type": "WORKSHOP", "titleEs": "Taller de extremo a extremo %s", "titleEn": "End-to-end workshop %s",
             "descriptionEs": "Inscripciones a ritmo constante.", "descriptionEn": "Registrations at a steady rate.",
             "modality": "HYBRID",
             "venue": {"city": "Ciudad de Guatemala", "country": "GT", "address": "6a Avenida 8-72, Zona 1"},
             "onlineLink": "https://meet.example.org/extremo",
             "startsAt": "%sT09:00:00-06:00", "endsAt": "%sT13:00:00-06:00",
             "timeZone": "America/Guatemala", "capacity": %d, "waitlistEnabled": true,
             "audience": "PUBLIC", "memberQuota": null, "requiresApproval": false}
            """;

    static final SmtpAcceptances ACCEPTED = new SmtpAcceptances();
    static BenchmarkSmtp smtp;
    static ServiceJvms services;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        smtp = new BenchmarkSmtp().startRecordingLatest(ACCEPTED);
        int smtpPort = smtp.getSmtp().getPort();
        List<String> threads = VIRTUAL_THREADS.isBlank() ? List.of() : List.of("--spring.threads.virtual.enabled=" + VIRTUAL_THREADS);
        services = ServiceJvms.start(List.of(EVENTS, NOTIFICATION), ports -> Map.of(
                EVENTS, threads,
                NOTIFICATION, concat(threads, List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort))));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** One phase of load: its registrations, as planned, then as answered. */
    record Phase(String name, String domain, int capacity, List<String> emails, Path answers) {
    }

    /** A registration as the generator saw it answered. */
    record Answer(int status, Instant due, Instant answered, long nanosFromDue, String id, Instant createdAt, String body) {
    }

    @Test
    void registrations_at_a_steady_rate_each_reach_the_smtp_server_exactly_once() throws Exception {
        String organizer = TestTokens.withRole("organizer");
        List<String> tokens = BenchmarkSupport.signedInPeople("organizadora", PEOPLE);
        String loadAverageBefore = loadAverage();

        if (WARMUP_SECONDS > 0) {
            Phase warmup = plan("warm-up", (int) Math.round(RATE * WARMUP_SECONDS), organizer, tokens);
            run(warmup);
            List<Answer> answered = answers(warmup);
            Map<Integer, Long> statuses = new TreeMap<>();
            answered.forEach(a -> statuses.merge(a.status(), 1L, Long::sum));
            awaitEmails(warmup.domain(), statuses.getOrDefault(201, 0L));
            // A cold service may refuse some of the warm-up (503 from its admission control); only the measured load counts.
            System.out.printf(Locale.ROOT, "%nwarm-up: %d registrations at %.0f/s, HTTP statuses %s, %d emails accepted%n",
                    answered.size(), RATE, statuses, ACCEPTED.acceptedAt(warmup.domain()));
            if (BenchmarkSmtp.STOCK) {
                smtp.purgeEmailFromAllMailboxes();   // stock GreenMail keeps every email
            }
        }

        Phase measured = plan("measured", (int) Math.round(RATE * SECONDS), organizer, tokens);
        long postmaster = postmasterPid();
        long began = System.nanoTime();
        StatementStatistics.reset();
        Map<String, Long> cpuBefore = processCpu(postmaster);
        long generatorNanos = run(measured);
        List<Answer> answered = answers(measured);
        long expected = answered.stream().filter(a -> a.status() == 201).count();
        Instant lastEmail = awaitEmails(measured.domain(), expected);
        Map<String, Long> cpuAfter = processCpu(postmaster);
        long wall = System.nanoTime() - began;
        List<String> statements = StatementStatistics.top(15, answered.size());
        String loadAverageAfter = loadAverage();
        Map<String, Instant> queued = new HashMap<>();
        Map<String, Long> delivery = deliveryLog(measured.domain(), queued);
        Map<String, SmtpAcceptances.Acceptance> received = ACCEPTED.recipientsAt(measured.domain());

        Baseline baseline = baseline(measured);

        String report = report(measured, answered, received, queued, delivery, baseline, lastEmail,
                cores(cpuBefore, cpuAfter, wall, generatorNanos, answered.size()),
                loadAverageBefore, loadAverageAfter)
                + (statements.isEmpty() ? "" : String.join(System.lineSeparator(), statements) + System.lineSeparator());
        System.out.println(report);
        Files.createDirectories(DIR);
        Files.writeString(DIR.resolve("registration-to-email.txt"), report, StandardCharsets.UTF_8);

        List<String> refused = answered.stream().filter(a -> a.status() != 201).limit(3).map(a -> a.status() + " " + a.body()).toList();
        assertThat(refused).as("registrations not answered 201").isEmpty();
        assertThat(ACCEPTED.acceptedAt(measured.domain())).as("emails accepted by the SMTP server").isEqualTo(measured.emails().size());
        assertThat(received).as("recipients").containsOnlyKeys(measured.emails());
        assertThat(received.values()).as("emails per registration").allMatch(a -> a.count() == 1);
        assertThat(delivery).as("delivery log by status").isEqualTo(Map.of("SENT", (long) measured.emails().size()));
        assertThat(ACCEPTED.recipientsAt(baseline.domain()).values()).as("baseline emails, one each")
                .hasSize(baseline.sent().size()).allMatch(a -> a.count() == 1);
    }

    /** Announces the phase's events and writes its requests, round robin over the events and the people's tokens. */
    private Phase plan(String name, int registrations, String organizer, List<String> tokens) throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String domain = name.replace("-", "") + "-" + tag + ".example.org";
        int capacity = registrations / EVENT_COUNT + 1;
        List<String> events = new ArrayList<>();
        for (int e = 0; e < EVENT_COUNT; e++) {
            events.add(announcedEvent(organizer, tag + "-" + e, capacity));
        }
        List<String> emails = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < registrations; i++) {
            String email = "asistente" + i + "@" + domain;
            emails.add(email);
            lines.add(String.join("\t", "/api/v1/events/" + events.get(i % events.size()) + "/registrations",
                    tokens.get(i % tokens.size()),
                    "{\"name\": \"Asistente " + i + "\", \"email\": \"" + email + "\", \"locale\": \"es-MX\"}"));
        }
        Files.createDirectories(DIR);
        Path requests = DIR.resolve(name + "-requests.tsv");
        Files.write(requests, lines, StandardCharsets.UTF_8);
        return new Phase(name, domain, capacity, emails, DIR.resolve(name + "-answers.tsv"));
    }

    /** Runs the load generator over the phase's requests, in a JVM of its own; returns the CPU it used, in nanoseconds. */
    private long run(Phase phase) throws Exception {
        List<String> args = List.of("http", services.baseUrl(EVENTS), DIR.resolve(phase.name() + "-requests.tsv").toString(),
                Double.toString(RATE), phase.answers().toString());
        return generator(phase.name(), args);
    }

    private static long generator(String name, List<String> args) throws Exception {
        Path log = DIR.resolve("generator-" + name + ".log");
        Files.deleteIfExists(log);
        ChildProcess generator = ChildProcess.start("load generator", Jvm.mainClassCommand(
                List.of("-Xmx512m", "-XX:+UseSerialGC"),
                ConstantRateLoad.class.getName(), args), DIR, log);
        long pid = generator.pid();
        Duration cpuSoFar = Duration.ZERO;
        while (generator.isAlive()) {
            cpuSoFar = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration()).orElse(cpuSoFar);
            Thread.sleep(200);
        }
        int exit = generator.waitFor();
        assertThat(exit).as("the load generator's exit code; its log:%n%s", generator.logTail(40)).isZero();
        System.out.println(generator.logTail(5));
        return cpuSoFar.toNanos();
    }

    private List<Answer> answers(Phase phase) throws IOException {
        return Files.readAllLines(phase.answers(), StandardCharsets.UTF_8).stream().map(line -> {
            String[] parts = line.split("\t", 5);
            int status = Integer.parseInt(parts[0]);
            String body = parts[4];
            return new Answer(status, Instant.parse(parts[1]), Instant.parse(parts[2]), Long.parseLong(parts[3]),
                    status == 201 ? PortalStack.field(body, "id") : null,
                    status == 201 ? Instant.parse(PortalStack.field(body, "createdAt")) : null, body);
        }).toList();
    }

    /**
     * Waits until the SMTP server has accepted {@code expected} emails for the domain, failing if none arrives for a
     * minute; then until notification-service's delivery log has nothing PENDING for it. Returns the last acceptance.
     */
    private Instant awaitEmails(String domain, long expected) throws Exception {
        long seen = -1;
        long progressAt = System.nanoTime();
        while (ACCEPTED.acceptedAt(domain) < expected) {
            long now = ACCEPTED.acceptedAt(domain);
            if (now != seen) {
                seen = now;
                progressAt = System.nanoTime();
            } else if (System.nanoTime() - progressAt > EMAILS_STALL.toNanos()) {
                throw new AssertionError(now + " of " + expected + " emails to " + domain + " accepted, none for "
                        + EMAILS_STALL.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
        long deadline = System.nanoTime() + EMAILS_STALL.toNanos();
        while (deliveryLog(domain, new HashMap<>()).getOrDefault("PENDING", 0L) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return ACCEPTED.recipientsAt(domain).values().stream().map(SmtpAcceptances.Acceptance::first)
                .max(Instant::compareTo).orElseThrow();
    }

    /** The confirmations to the domain in notification-service's delivery log, by status; when each was queued. */
    private Map<String, Long> deliveryLog(String domain, Map<String, Instant> queued) throws SQLException {
        Map<String, Long> byStatus = new TreeMap<>();
        try (Connection db = DriverManager.getConnection(services.jdbcUrl(NOTIFICATION), "postgres", "postgres");
             var query = db.prepareStatement("select recipient, status, created_at from notification "
                     + "where template = 'registration.confirmed' and recipient like ?")) {
            query.setString(1, "%@" + domain);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    byStatus.merge(rows.getString("status"), 1L, Long::sum);
                    queued.put(rows.getString("recipient"), rows.getTimestamp("created_at").toInstant());
                }
            }
        }
        return byStatus;
    }

    /** What the plain JavaMail sender measured: when each email was due, and what each send took. */
    record Baseline(String domain, List<String> sent, long[] dueToAccepted, long[] sendNanos, long smtpServerNanos) {
    }

    /**
     * Sends the service's own confirmation email, as the SMTP server received it, to as many recipients as the rate
     * gives in {@code benchmark.baseline.seconds}, from the generator's JVM with a plain JavaMail sender.
     */
    private Baseline baseline(Phase measured) throws Exception {
        MimeMessage sample = smtp.latestMessage();
        Path eml = DIR.resolve("baseline-message.eml");
        try (OutputStream out = Files.newOutputStream(eml)) {
            sample.writeTo(out);
        }
        String domain = "baseline-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        List<String> recipients = IntStream.range(0, (int) Math.round(RATE * BASELINE_SECONDS))
                .mapToObj(i -> "asistente" + i + "@" + domain).toList();
        Path recipientsFile = DIR.resolve("baseline-recipients.txt");
        Files.write(recipientsFile, recipients, StandardCharsets.UTF_8);
        Path sentFile = DIR.resolve("baseline-sent.tsv");
        long smtpBefore = BenchmarkSmtp.connectionThreadNanos();
        generator("baseline", List.of("smtp", "127.0.0.1", Integer.toString(smtp.getSmtp().getPort()), eml.toString(),
                recipientsFile.toString(), Double.toString(RATE), sentFile.toString()));
        List<String> lines = Files.readAllLines(sentFile, StandardCharsets.UTF_8);
        long[] latency = new long[lines.size()];
        long[] send = new long[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] parts = lines.get(i).split("\t");
            SmtpAcceptances.Acceptance accepted = ACCEPTED.of(parts[0].toLowerCase(Locale.ROOT));
            latency[i] = accepted == null ? Long.MAX_VALUE : Duration.between(Instant.parse(parts[1]), accepted.first()).toNanos();
            send[i] = Long.parseLong(parts[3]);
        }
        return new Baseline(domain, recipients, latency, send, smtpServerNanosSince(smtpBefore));
    }

    /**
     * The CPU the SMTP server's connection threads used since {@code before}. The baseline's one connection is counted
     * when its thread ends, just after the sender's {@code QUIT}, which may be after the sender's JVM has exited: waits
     * up to 2 s for it.
     */
    private static long smtpServerNanosSince(long before) throws InterruptedException {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (BenchmarkSmtp.connectionThreadNanos() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return BenchmarkSmtp.connectionThreadNanos() - before;
    }

    private String report(Phase phase, List<Answer> answered, Map<String, SmtpAcceptances.Acceptance> received,
                          Map<String, Instant> queued, Map<String, Long> delivery, Baseline baseline, Instant lastEmail,
                          String processes, String loadBefore, String loadAfter) {
        int n = answered.size();
        Map<Integer, Integer> statuses = new TreeMap<>();
        answered.forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
        long[] http = answered.stream().mapToLong(Answer::nanosFromDue).toArray();
        List<Long> fromCommit = new ArrayList<>();
        List<Long> fromAnswer = new ArrayList<>();
        List<Long> toQueued = new ArrayList<>();
        List<Long> queuedToSmtp = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Answer answer = answered.get(i);
            SmtpAcceptances.Acceptance email = received.get(phase.emails().get(i));
            if (answer.status() != 201 || email == null) {
                continue;
            }
            fromCommit.add(Duration.between(answer.createdAt(), email.first()).toNanos());
            fromAnswer.add(Duration.between(answer.answered(), email.first()).toNanos());
            Instant inLog = queued.get(phase.emails().get(i));
            if (inLog != null) {
                toQueued.add(Duration.between(answer.createdAt(), inLog).toNanos());
                queuedToSmtp.add(Duration.between(inLog, email.first()).toNanos());
            }
        }
        long expected = statuses.getOrDefault(201, 0);
        long accepted = ACCEPTED.acceptedAt(phase.domain());
        long duplicates = received.values().stream().mapToLong(a -> a.count() - 1).sum();
        long missing = phase.emails().stream().filter(email -> !received.containsKey(email)).count();
        long[] total = toArray(fromCommit);
        long[] base = baseline.dueToAccepted();
        double meanSend = Arrays.stream(baseline.sendNanos()).average().orElse(0) / 1e6;
        Instant first = answered.getFirst().due();
        return String.join(System.lineSeparator(),
                "",
                "=== registration -> email, end to end ===",
                String.format(Locale.ROOT, "load: %d registrations at %.0f/s for %d s (open loop, constant arrival rate, from a JVM of its own), "
                                + "over %d public events (capacity %d each, so each is confirmed), by %d signed-in people; after %d s of the same warm-up load",
                        n, RATE, SECONDS, EVENT_COUNT, phase.capacity(), PEOPLE, WARMUP_SECONDS),
                String.format(Locale.ROOT, "registrations: HTTP statuses %s; due -> answered p50 %.1f ms  p99 %.1f ms  max %.1f ms",
                        statuses, pct(http, 50), pct(http, 99), pct(http, 100)),
                String.format(Locale.ROOT, "emails: expected %d, received %d, duplicated %d, missing %d; delivery log %s; last accepted %.2f s after the first registration was due",
                        expected, accepted, duplicates, missing, delivery, Duration.between(first, lastEmail).toNanos() / 1e9),
                String.format(Locale.ROOT, "commit -> SMTP accepted: p50 %.0f ms  p99 %.0f ms  max %.0f ms  (min %.0f ms, p90 %.0f ms)   [target: p99 <= 1000 ms: %s]",
                        pct(total, 50), pct(total, 99), pct(total, 100), pct(total, 0), pct(total, 90), pct(total, 99) <= 1000 ? "met" : "NOT met"),
                "  (commit: the registration's createdAt, taken by events-service in its transaction just before the commit, so these are upper bounds)",
                String.format(Locale.ROOT, "  answered -> SMTP accepted (the answer reached the generator after the commit: lower bounds): p50 %.0f ms  p99 %.0f ms  max %.0f ms",
                        pct(toArray(fromAnswer), 50), pct(toArray(fromAnswer), 99), pct(toArray(fromAnswer), 100)),
                String.format(Locale.ROOT, "  commit -> queued in notification-service's delivery log (relay, Kafka, consumer, rendering): p50 %.0f ms  p99 %.0f ms  max %.0f ms",
                        pct(toArray(toQueued), 50), pct(toArray(toQueued), 99), pct(toArray(toQueued), 100)),
                String.format(Locale.ROOT, "  queued -> SMTP accepted (mail dispatcher): p50 %.0f ms  p99 %.0f ms  max %.0f ms",
                        pct(toArray(queuedToSmtp), 50), pct(toArray(queuedToSmtp), 99), pct(toArray(queuedToSmtp), 100)),
                String.format(Locale.ROOT, "baseline (same run): a plain JavaMail sender, one connection, sends the service's own confirmation email (%,d bytes) "
                                + "to %d recipients at %.0f/s: due -> SMTP accepted p50 %.1f ms  p99 %.1f ms  max %.1f ms; a send takes %.2f ms on average (%.0f emails/s on one connection); the SMTP server used %.2f ms of CPU an email",
                        fileSize(DIR.resolve("baseline-message.eml")), base.length, RATE, pct(base, 50), pct(base, 99), pct(base, 100), meanSend, 1000 / meanSend,
                        baseline.smtpServerNanos() / 1e6 / Math.max(1, base.length)),
                String.format(Locale.ROOT, "ratio, end to end / SMTP alone: p50 %.0fx, p99 %.0fx, max %.0fx",
                        pct(total, 50) / pct(base, 50), pct(total, 99) / pct(base, 99), pct(total, 100) / pct(base, 100)),
                processes,
                "load average (1, 5, 15 min): " + loadBefore + " before the warm-up, " + loadAfter + " after the measured load",
                "setup: " + setup(),
                "window: " + first + " to " + lastEmail,
                "=========================================",
                "");
    }

    private static double pct(long[] nanos, double p) {
        return nanos.length == 0 ? Double.NaN : BenchmarkSupport.percentileMillis(nanos, p);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private String announcedEvent(String organizer, String tag, int capacity) throws Exception {
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();
        HttpResponse<String> drafted = http.send(post("/api/v1/events", organizer, EVENT.formatted(tag, tag, day, day, capacity)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(drafted.statusCode()).as("drafting the event: %s", drafted.body()).isEqualTo(201);
        String id = PortalStack.field(drafted.body(), "id");
        HttpResponse<String> announced = http.send(post("/api/v1/events/" + id + "/announcement", organizer, null),
                HttpResponse.BodyHandlers.ofString());
        assertThat(announced.statusCode()).as("announcing the event: %s", announced.body()).isEqualTo(200);
        return id;
    }

    private HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(services.baseUrl(EVENTS) + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    /**
     * CPU time so far, in nanoseconds, of each process of the benchmark (the services' JVMs, this JVM's SMTP server and
     * its other threads with the Kafka broker, PostgreSQL with its backends), and of the whole machine ("busy", "total").
     * The SMTP server's figure counts its connections that have ended; the dispatcher closes its connections after
     * each batch.
     */
    private static Map<String, Long> processCpu(long postmaster) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (String service : List.of(EVENTS, NOTIFICATION)) {
            cpu.put(service, cpuNanos(ProcessHandle.of(services.pid(service)).orElseThrow()));
        }
        long smtpNanos = BenchmarkSmtp.connectionThreadNanos();
        cpu.put("SMTP server (GreenMail's connection threads, in this JVM)", smtpNanos);
        cpu.put("this JVM's other threads (Kafka broker, the benchmark)", cpuNanos(ProcessHandle.current()) - smtpNanos);
        cpu.put("PostgreSQL", ProcessHandle.of(postmaster).map(server -> cpuNanos(server)
                + server.descendants().mapToLong(RegistrationToEmailBenchmark::cpuNanos).sum()).orElse(0L));
        try {
            String[] ticks = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8; i++) {
                total += Long.parseLong(ticks[i]);
            }
            long idle = Long.parseLong(ticks[4]) + Long.parseLong(ticks[5]);
            cpu.put("busy", (total - idle) * 10_000_000L);
            cpu.put("total", total * 10_000_000L);
        } catch (IOException | RuntimeException e) {
            cpu.put("busy", 0L);
            cpu.put("total", 0L);
        }
        return cpu;
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /**
     * One line: the cores each process used between the two readings, the load generator's, the rest and idle, and
     * the CPU the benchmark's processes spent per registration (what 2 cores allow at 300/s: 6.7 ms).
     */
    private static String cores(Map<String, Long> before, Map<String, Long> after, long wallNanos, long generatorNanos,
                                int registrations) {
        double seconds = wallNanos / 1e9;
        double generatorCores = generatorNanos / 1e9 / seconds;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "cpu in cores, of %d, from the first registration to the last email (%.1f s): ",
                Runtime.getRuntime().availableProcessors(), seconds));
        double ours = generatorCores;
        for (String process : before.keySet()) {
            if (!process.equals("busy") && !process.equals("total")) {
                double used = (after.get(process) - before.get(process)) / 1e9 / seconds;
                ours += used;
                line.append(String.format(Locale.ROOT, "%s %.2f, ", process, used));
            }
        }
        double busy = (after.get("busy") - before.get("busy")) / 1e9 / seconds;
        double total = (after.get("total") - before.get("total")) / 1e9 / seconds;
        line.append(String.format(Locale.ROOT, "load generator %.2f (JVM start included), other processes %.2f, idle %.2f; "
                        + "the benchmark's processes together %.2f ms of CPU per registration",
                generatorCores, Math.max(0, busy - ours), Math.max(0, total - busy), ours * seconds * 1000 / registrations));
        if (busy - ours > 0.2) {
            line.append(String.format(Locale.ROOT, "%nWARNING: other processes used %.2f cores meanwhile; the figures "
                    + "understate the pipeline: run it again on a quiet machine.", busy - ours));
        }
        return line.toString();
    }

    private static long postmasterPid() throws SQLException {
        try (Connection db = DriverManager.getConnection(services.jdbcUrl(EVENTS), "postgres", "postgres");
             var query = db.createStatement(); ResultSet pid = query.executeQuery("select pg_backend_pid()")) {
            pid.next();
            return CpuUsage.parentOf(pid.getLong(1));
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String setup() {
        List<String> parts = new ArrayList<>();
        parts.add(Runtime.getRuntime().availableProcessors() + " cores");
        parts.add("Java " + Runtime.version());
        parts.add("services: their jars, JVM options " + System.getProperty("services.jvm.options", "(ServiceJvms' default)"));
        parts.add("spring.threads.virtual.enabled " + (VIRTUAL_THREADS.isBlank() ? "as the services set it (chassis default: true)" : VIRTUAL_THREADS));
        parts.add("SMTP: GreenMail " + (BenchmarkSmtp.STOCK ? "stock" : "with TCP_NODELAY, keeping the latest email only"));
        try (Connection db = DriverManager.getConnection(services.jdbcUrl(EVENTS), "postgres", "postgres");
             var query = db.createStatement()) {
            parts.add("PostgreSQL " + single(query, "show server_version") + " (fsync " + single(query, "show fsync")
                    + ", synchronous_commit " + single(query, "show synchronous_commit") + ")");
        } catch (SQLException e) {
            parts.add("PostgreSQL ?");
        }
        return String.join(", ", parts);
    }

    private static String single(java.sql.Statement query, String sql) throws SQLException {
        try (ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
