package org.redciudades.faults;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The fault suite's load generator, in its own JVM: people register for a few events (confirmed while there are
 * seats, waitlisted after), some cancel (which promotes the oldest waiting), and institutions go through onboarding
 * (apply, approval, agreement), spread over both instances of each service. A client whose request fails (a refused
 * or reset connection, a timeout, a 5xx, a 429) sends the same request again, to the other instance, after the
 * {@code Retry-After} it was given or half a second: the same email, the same {@code Idempotency-Key}, so a retry of
 * a request that had taken effect has none of its own.
 *
 * <p>Every attempt is a line of {@code requests.tsv}, every operation's final outcome a line of {@code acks.tsv}
 * ({@link LoadLog} reads both); {@code progress} holds the number of registrations acknowledged so far.
 *
 * <p>{@code java ... FaultLoad events=<url>,<url> membership=<url>,<url> token-file=<file> out=<dir>
 * registrations=<most> workers=<n> event-count=<n> capacity=<n> member-every=<n> per-second=<n> run=<tag>}: it stops at the most
 * registrations, or when the file {@code <out>/stop} appears, once each worker's operation in progress has ended.
 */
public final class FaultLoad {

    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(150);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern CURRENT_STATUS = Pattern.compile("\"currentStatus\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]*)\"");

    private static final String EVENT = """
            {"type": "WORKSHOP", "titleEs": "Taller de fallas %1$s", "titleEn": "Fault workshop %1$s",
             "descriptionEs": "Inscripciones bajo fallas.", "descriptionEn": "Registrations under faults.",
             "modality": "HYBRID",
             "venue": {"city": "Ciudad de Guatemala", "country": "GT", "address": "6a Avenida 8-72, Zona 1"},
             "onlineLink": "https://meet.example.org/fallas",
             "startsAt": "2027-03-10T09:00:00-06:00", "endsAt": "2027-03-10T13:00:00-06:00",
             "timeZone": "America/Guatemala", "capacity": %2$d, "waitlistEnabled": true,
             "audience": "PUBLIC", "requiresApproval": false}
            """;
    private static final String APPLICATION = """
            {"institution": {"name": "Municipio de Prueba %1$s", "kind": "MUNICIPALITY", "country": "GT",
              "region": "Región", "city": "Ciudad"},
             "locale": "es-MX", "timeZone": "America/Guatemala",
             "contacts": [{"name": "Persona de contacto %1$s", "email": "%2$s", "locale": "es-MX", "primary": true}]}
            """;
    private static final String AGREEMENT = """
            {"signedOn": "2026-11-20", "termStart": "2026-12-01", "termEnd": "2028-11-30",
             "documentReference": "RCI-FALLAS-%s", "memberSignatory": "Alcaldía", "networkSignatory": "Coordinación"}
            """;

    private final List<URI> events;
    private final List<URI> membership;
    private final String token;
    private final String run;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** At most this many registrations a second in all (0: as fast as answers come). */
    private double perSecond;
    private final PrintWriter requests;
    private final PrintWriter acks;

    private FaultLoad(List<URI> events, List<URI> membership, String token, String run, Path out) throws IOException {
        this.events = events;
        this.membership = membership;
        this.token = token;
        this.run = run;
        Files.createDirectories(out);
        this.requests = new PrintWriter(Files.newBufferedWriter(out.resolve("requests.tsv"), StandardCharsets.UTF_8));
        this.acks = new PrintWriter(Files.newBufferedWriter(out.resolve("acks.tsv"), StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        // It runs in a session of its own: when the suite's JVM goes, however it goes, so does the load.
        ProcessHandle.current().parent().ifPresent(suite -> suite.onExit().thenRun(() -> System.exit(3)));
        var options = new HashMap<String, String>();
        for (var arg : args) {
            var eq = arg.indexOf('=');
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        var out = Path.of(options.get("out"));
        var load = new FaultLoad(uris(options.get("events")), uris(options.get("membership")),
                Files.readString(Path.of(options.get("token-file"))).strip(), options.get("run"), out);
        int registrations = Integer.parseInt(options.get("registrations"));
        int workers = Integer.parseInt(options.get("workers"));
        int eventCount = Integer.parseInt(options.get("event-count"));
        int capacity = Integer.parseInt(options.get("capacity"));
        int memberEvery = Integer.parseInt(options.get("member-every"));
        load.perSecond = Double.parseDouble(options.getOrDefault("per-second", "0"));
        load.run(out, registrations, workers, eventCount, capacity, memberEvery);
    }

    private static List<URI> uris(String list) {
        return java.util.Arrays.stream(list.split(",")).map(URI::create).toList();
    }

    private void run(Path out, int count, int workers, int eventCount, int capacity, int memberEvery) throws Exception {
        var eventIds = new ArrayList<String>();
        for (int e = 0; e < eventCount; e++) {
            eventIds.add(announcedEvent(run + "-" + e, capacity));
            ack("EVENT", eventIds.getLast(), String.valueOf(capacity), "");
        }
        var next = new AtomicInteger();
        var acknowledged = new AtomicInteger();
        var progress = out.resolve("progress");
        var stop = out.resolve("stop");
        var reporter = Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Files.writeString(progress, acknowledged.get() + "\n");
                    Thread.sleep(250);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                pool.submit(() -> {
                    var confirmed = new java.util.ArrayDeque<String>();
                    for (int i = next.getAndIncrement(); i < count && !Files.exists(stop);
                         i = next.getAndIncrement()) {
                        if (perSecond > 0) {
                            long due = start + (long) (i * 1e9 / perSecond);
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                        }
                        person(i, eventIds.get(i % eventIds.size()), confirmed);
                        acknowledged.incrementAndGet();
                        if (memberEvery > 0 && i % memberEvery == 0) {
                            institution(i);
                        }
                    }
                    return null;
                });
            }
        }
        reporter.interrupt();
        Files.writeString(progress, acknowledged.get() + "\nDONE\n");
        requests.close();
        acks.close();
    }

    /**
     * One person registers; every sixth time, the oldest confirmed registration this worker made is cancelled, which
     * promotes the oldest waiting one (while any is confirmed: capacity bounds how long).
     */
    private void person(int i, String event, java.util.Deque<String> confirmed) {
        var email = "p" + i + "-" + run + "@fallas.example.org";
        var body = "{\"name\": \"Persona " + i + "\", \"email\": \"" + email + "\", \"locale\": \"es-MX\"}";
        var registered = call("register", event + " " + email, events, i,
                base -> post(base, "/api/v1/events/" + event + "/registrations", body, null),
                (status, answer) -> status == 201 || status == 200);
        if (registered.acknowledged()) {
            var id = group(ID, registered.body());
            var status = group(STATUS, registered.body());
            ack("REGISTER", event, email, id + "\t" + status);
            if ("CONFIRMED".equals(status)) {
                confirmed.add(id + " " + event + " " + email);
            }
            if (i % 6 == 0 && !confirmed.isEmpty()) {
                var oldest = confirmed.poll().split(" ");
                var cancelled = call("cancel", oldest[0], events, i + 1,
                        base -> post(base, "/api/v1/registrations/" + oldest[0] + "/cancellation", null, null),
                        (code, answer) -> code == 200);
                ack(cancelled.acknowledged() ? "CANCEL" : "CANCEL-" + cancelled.outcome(), oldest[1], oldest[2],
                        oldest[0]);
            }
        } else {
            ack("REGISTER-" + registered.outcome(), event, email, registered.status() + "\t" + registered.problem());
        }
    }

    /** An institution applies, is approved, and its agreement recorded; a step repeated after a lost answer is 409. */
    private void institution(int i) {
        var tag = run + "-" + i;
        var email = "contacto" + i + "-" + run + "@municipio-fallas.example.gt";
        var key = UUID.randomUUID().toString();
        var applied = call("apply", email, membership, i,
                base -> post(base, "/api/v1/applications", APPLICATION.formatted(tag, email), key),
                (status, answer) -> status == 201);
        if (!applied.acknowledged()) {
            ack("MEMBER-" + applied.outcome(), email, "", applied.status() + "\t" + applied.problem());
            return;
        }
        var id = group(ID, applied.body());
        var approved = call("approve", id, membership, i + 1,
                base -> post(base, "/api/v1/members/" + id + "/approval", null, null),
                (status, answer) -> status == 200 || (status == 409
                        && Set.of("APPROVED", "ACTIVE").contains(group(CURRENT_STATUS, answer))));
        if (!approved.acknowledged()) {
            ack("MEMBER-APPLIED", email, id, "");
            return;
        }
        var active = call("agreement", id, membership, i,
                base -> post(base, "/api/v1/members/" + id + "/agreement", AGREEMENT.formatted(tag), null),
                (status, answer) -> status == 200 || (status == 409
                        && "ACTIVE".equals(group(CURRENT_STATUS, answer))));
        ack(active.acknowledged() ? "MEMBER-ACTIVE" : "MEMBER-APPROVED", email, id, "");
    }

    interface Request {
        HttpRequest to(URI base);
    }

    interface Success {
        boolean test(int status, String body);
    }

    record Outcome(boolean acknowledged, String outcome, int status, String problem, String body) {
    }

    /**
     * Sends the request until it succeeds, is refused for good (a 4xx other than 408 and 429), or {@link #GIVE_UP_AFTER}
     * has passed; each attempt goes to the next instance.
     */
    private Outcome call(String op, String key, List<URI> instances, int first, Request request, Success success) {
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            int instance = (first + attempt - 1) % instances.size();
            long sent = System.currentTimeMillis();
            long t0 = System.nanoTime();
            int status = -1;
            String kind;
            String problem = "";
            String retryAfter = "";
            String body = "";
            try {
                var response = http.send(request.to(instances.get(instance)), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = response.body();
                retryAfter = response.headers().firstValue("Retry-After").orElse("");
                boolean problemJson = response.headers().firstValue("Content-Type").orElse("")
                        .startsWith("application/problem+json");
                problem = problemJson ? shortType(group(TYPE, body)) : "";
                kind = success.test(status, body) ? "ok" : kindOf(status, problemJson, !retryAfter.isEmpty());
            } catch (HttpTimeoutException e) {
                kind = "timeout";
            } catch (ConnectException e) {
                kind = "refused";
            } catch (IOException e) {
                kind = "reset";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "INTERRUPTED", -1, "", "");
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            attempt(sent, op, key, instance, attempt, status, kind, problem, retryAfter, millis);
            if (kind.equals("ok")) {
                return new Outcome(true, "OK", status, problem, body);
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return new Outcome(false, "REFUSED", status, problem, body);
            }
            if (System.nanoTime() - start > GIVE_UP_AFTER.toNanos()) {
                return new Outcome(false, "GAVEUP", status, problem, body);
            }
            try {
                Thread.sleep(retryAfter.isEmpty() ? 500 : Math.min(5_000, Long.parseLong(retryAfter) * 1000));
            } catch (NumberFormatException e) {
                // not seconds: wait the default
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "INTERRUPTED", -1, "", "");
            }
        }
    }

    /** How an answer that was not a success is counted: {@link LoadLog} groups these. */
    static String kindOf(int status, boolean problemJson, boolean retryAfter) {
        if (status == 503) {
            return problemJson && retryAfter ? "503-problem-retry-after" : "503-other";
        }
        if (status == 500) {
            return "500";
        }
        if (status >= 500) {
            return "5xx-other";
        }
        if (status == 429) {
            return "429";
        }
        return "4xx";
    }

    private static String shortType(String type) {
        if (type == null) {
            return "";
        }
        int slash = type.lastIndexOf('/');
        return slash >= 0 ? type.substring(slash + 1) : type;
    }

    private String announcedEvent(String tag, int capacity) throws IOException, InterruptedException {
        var drafted = http.send(post(events.getFirst(), "/api/v1/events", EVENT.formatted(tag, capacity), null),
                HttpResponse.BodyHandlers.ofString());
        if (drafted.statusCode() != 201) {
            throw new IllegalStateException("drafting an event answered " + drafted.statusCode() + ": "
                    + drafted.body());
        }
        var id = group(ID, drafted.body());
        var announced = http.send(post(events.getFirst(), "/api/v1/events/" + id + "/announcement", null, null),
                HttpResponse.BodyHandlers.ofString());
        if (announced.statusCode() != 200) {
            throw new IllegalStateException("announcing answered " + announced.statusCode() + ": " + announced.body());
        }
        return id;
    }

    private HttpRequest post(URI base, String path, String body, String idempotencyKey) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.build();
    }

    private static String group(Pattern pattern, String text) {
        var matcher = pattern.matcher(text == null ? "" : text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private synchronized void attempt(long sent, String op, String key, int instance, int attempt, int status,
                                      String kind, String problem, String retryAfter, long millis) {
        requests.println(String.join("\t", String.valueOf(sent), op, key, String.valueOf(instance),
                String.valueOf(attempt), String.valueOf(status), kind, problem, retryAfter, String.valueOf(millis)));
        requests.flush();
    }

    private synchronized void ack(String outcome, String first, String second, String rest) {
        acks.println(String.join("\t", String.valueOf(System.currentTimeMillis()), outcome, first, second, rest));
        acks.flush();
    }
}
