package org.redciudades.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Registrations without an account for a fresh public event of events-service, sent from this process (never from
 * the service's JVM) by a fixed number of workers, each sending its next request as soon as the previous one is
 * answered. The AOT training runs it so that the registration path's method profiles are in the cache (JEP 515), and
 * the start-up benchmark ({@code --load}) to compare a fresh instance's first registrations with its warm rate.
 */
final class RegistrationLoad {

    /** The service's guest limits (5 per email, 20 per address an hour) would refuse a load from one address. */
    static final List<String> SERVICE_ARGS = List.of("--events.guest-registrations.per-email=1000000",
            "--events.guest-registrations.per-address=1000000000");

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
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    record Result(int requests, double seconds, Map<Integer, Integer> statuses) {

        double perSecond() {
            return requests / seconds;
        }

        /** Accepted, or refused for now by admission control (503 with Retry-After, chassis/API.md). */
        boolean allAnswered() {
            return Set.of(202, 503).containsAll(statuses.keySet());
        }
    }

    private final URI base;
    private final String organizerToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    RegistrationLoad(URI base, String organizerToken) {
        this.base = base;
        this.organizerToken = organizerToken;
    }

    /** Drafts and announces a public event with a waiting list, as the organizer; returns its id. */
    String announcedEvent(int capacity) throws IOException, InterruptedException {
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var drafted = http.send(post("/api/v1/events", organizerToken, EVENT.formatted(tag, tag, capacity)),
                HttpResponse.BodyHandlers.ofString());
        var id = ID.matcher(drafted.body());
        if (drafted.statusCode() != 201 || !id.find()) {
            throw new StackException("drafting an event answered " + drafted.statusCode() + ": " + drafted.body());
        }
        var announced = http.send(post("/api/v1/events/" + id.group(1) + "/announcement", organizerToken, null),
                HttpResponse.BodyHandlers.ofString());
        if (announced.statusCode() != 200) {
            throw new StackException("announcing an event answered " + announced.statusCode() + ": "
                    + announced.body());
        }
        return id.group(1);
    }

    /** {@code count} guest registrations, each with its own email, for a fresh event of 100 seats. */
    Result registrations(int count, int concurrency) throws IOException, InterruptedException {
        var event = announcedEvent(100);
        var run = UUID.randomUUID().toString().substring(0, 8);
        var statuses = new ConcurrentHashMap<Integer, Integer>();
        var next = new AtomicInteger();
        long start = System.nanoTime();
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        var email = "asistente" + i + "-" + run + "@municipio.example.gt";
                        var request = post("/api/v1/events/" + event + "/guest-registrations", null,
                                "{\"name\": \"Asistente " + i + "\", \"email\": \"" + email
                                        + "\", \"locale\": \"es-MX\"}");
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException e) {
                            status = -1;
                        }
                        statuses.merge(status, 1, Integer::sum);
                    }
                    return null;
                });
            }
        }
        return new Result(count, (System.nanoTime() - start) / 1e9, new TreeMap<>(statuses));
    }

    private HttpRequest post(String path, String token, String body) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }
}
