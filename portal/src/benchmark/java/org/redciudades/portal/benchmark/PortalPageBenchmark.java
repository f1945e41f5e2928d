package org.redciudades.portal.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.TestIdentityProvider;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.portal.testing.ServiceJvms;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal's page times, signed out: the catalogue over 500 announced events (ten per page, filters and pages varied)
 * and an event's page. Each page is timed against its baseline measured in the same run: the events-service API call
 * the portal makes for it, sent straight to the service by the same client. The difference is what the portal adds
 * (the call itself, JSON into records, the template, the security filters). Also the bytes each page sends: its HTML,
 * plain and gzipped, and the stylesheets and scripts it links to.
 * <p>
 * events-service runs as its packaged jar in a child JVM (as in the journeys); the portal runs in this JVM, as it would
 * alone in its own. Nothing here asserts a time: the figures are printed and written to target/benchmark/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=warn", "logging.level.org.redciudades=warn"})
class PortalPageBenchmark {

    static final int EVENTS = 500;
    static final int WARM_UP = Integer.getInteger("benchmark.warmup", 5_000);
    static final int REQUESTS = Integer.getInteger("benchmark.requests", 1_000);
    static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 4);
    static final List<String> TYPES = List.of("BOOTCAMP", "WORKSHOP", "COURSE", "DIPLOMA", "SITE_VISIT",
            "IN_PERSON_MEETING", "SUMMIT");
    static final List<String> COUNTRIES = List.of("MX", "GT", "SV", "HN", "NI", "CR", "PA");
    static final List<String> ZONES = List.of("America/Mexico_City", "America/Guatemala", "America/El_Salvador",
            "America/Tegucigalpa", "America/Managua", "America/Costa_Rica", "America/Panama");
    static final List<String> MODALITIES = List.of("VIRTUAL", "IN_PERSON", "HYBRID");

    static ServiceJvms services;
    static List<String> events = new ArrayList<>();

    @LocalServerPort
    int port;

    @BeforeAll
    static void eventsService() {
        services = ServiceJvms.start(List.of("events-service"), ports -> Map.of());
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @DynamicPropertySource
    static void portalSettings(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.client.provider.redciudades.issuer-uri",
                () -> TestIdentityProvider.get().issuer());
        registry.add("portal.services.events", () -> services.baseUrl("events-service"));
        registry.add("portal.services.membership", () -> "http://127.0.0.1:1");
        registry.add("portal.services.notification", () -> "http://127.0.0.1:1");
    }

    @Test
    void page_times_of_the_catalogue_over_500_events_and_of_an_event_page() throws Exception {
        long seeding = System.nanoTime();
        announceEvents();
        double seeded = (System.nanoTime() - seeding) / 1e9;

        String api = services.baseUrl("events-service");
        String portal = "http://127.0.0.1:" + port;
        List<Target> catalogue = catalogueTargets(portal, api);
        List<Target> eventPages = events.stream().map(id -> new Target("event page",
                portal + "/events/" + id, api + "/api/v1/events/" + id)).toList();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (Target target : List.of(catalogue.getFirst(), eventPages.getFirst())) {
            assertThat(get(http, target.page()).statusCode()).as(target.page()).isEqualTo(200);
        }
        long warming = System.nanoTime();
        run(http, WARM_UP, i -> catalogue.get(i % catalogue.size()).page());
        run(http, WARM_UP, i -> catalogue.get(i % catalogue.size()).api());
        run(http, WARM_UP, i -> eventPages.get(i % eventPages.size()).page());
        run(http, WARM_UP, i -> eventPages.get(i % eventPages.size()).api());
        double warmed = (System.nanoTime() - warming) / 1e9;

        StringBuilder report = new StringBuilder("=== portal page times ===\n");
        report.append(String.format(Locale.ROOT, "%d announced events; %d warm-up requests per target (%.1f s), then %d "
                        + "timed requests per target, %d at a time; seeding took %.1f s%n",
                EVENTS, WARM_UP, warmed, REQUESTS, CONCURRENCY, seeded));
        report.append(line("catalogue page", run(http, REQUESTS, i -> catalogue.get(i % catalogue.size()).page()),
                "baseline: its events-service call", run(http, REQUESTS, i -> catalogue.get(i % catalogue.size()).api())));
        report.append(line("event page", run(http, REQUESTS, i -> eventPages.get(i % eventPages.size()).page()),
                "baseline: its events-service call", run(http, REQUESTS, i -> eventPages.get(i % eventPages.size()).api())));
        report.append(weight(http, "catalogue page", catalogue.getFirst().page(), portal));
        report.append(weight(http, "event page", eventPages.getFirst().page(), portal));
        report.append(String.format(Locale.ROOT, "setup: %d cores, Java %s, portal in the benchmark's JVM, "
                        + "events-service in its own (%s)%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                System.getProperty("services.jvm.options", "default options")));
        System.out.println(report);
        Path out = Path.of("target", "benchmark", "page-times.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static void announceEvents() throws Exception {
        String organizer = TestTokens.withRole("organizer");
        ApiClient client = new ApiClient(services.port("events-service"));
        LocalDate first = LocalDate.now(ZoneId.of("UTC")).plusDays(30);
        try (ExecutorService workers = Executors.newFixedThreadPool(8)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                int n = i;
                created.add(workers.submit(() -> announce(client, organizer, n, first.plusDays(n % 365))));
            }
            for (Future<String> id : created) {
                events.add(id.get());
            }
        }
    }

    private static String announce(ApiClient client, String organizer, int n, LocalDate day) {
        String type = TYPES.get(n % TYPES.size());
        int place = n % COUNTRIES.size();
        String modality = MODALITIES.get(n % MODALITIES.size());
        String venue = modality.equals("VIRTUAL") ? "null" : """
                {"city": "Ciudad %d", "country": "%s", "address": "Calle %d, Centro"}""".formatted(n, COUNTRIES.get(place), n);
        String json = """
                {"type": "%s", "titleEs": "Evento %d de la Red: ciudades inteligentes y datos abiertos",
                 "titleEn": "Network event %d: smart cities and open data",
                 "descriptionEs": "Sesión de trabajo sobre planeación urbana, movilidad y datos municipales, con ejemplos de la región.",
                 "descriptionEn": "A working session on urban planning, mobility and municipal data, with examples from the region.",
                 "modality": "%s", "venue": %s, "onlineLink": "https://meet.example.org/evento-%d",
                 "startsAt": "%sT10:00:00Z", "endsAt": "%sT13:00:00Z", "timeZone": "%s",
                 "capacity": %d, "waitlistEnabled": true, "audience": "PUBLIC", "requiresApproval": false}
                """.formatted(type, n, n, modality, venue, n, day, day, ZONES.get(place), 20 + n % 80);
        HttpResponse<String> response = client.post("/api/v1/events", organizer, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        assertThat(id.find()).isTrue();
        HttpResponse<String> announced = client.post("/api/v1/events/" + id.group(1) + "/announcement", organizer, "");
        assertThat(announced.statusCode()).as(announced.body()).isEqualTo(200);
        return id.group(1);
    }

    /** Catalogue pages as people ask for them: the first pages, each filter alone, two together; with their API calls. */
    private static List<Target> catalogueTargets(String portal, String api) {
        List<Target> targets = new ArrayList<>();
        String sorted = api + "/api/v1/events?size=10&sort=startsAt,asc";
        for (int page = 0; page < 5; page++) {
            targets.add(new Target("catalogue", portal + "/events?page=" + page, sorted + "&page=" + page));
        }
        for (String type : TYPES) {
            targets.add(new Target("catalogue", portal + "/events?type=" + type, sorted + "&page=0&type=" + type));
        }
        for (String country : COUNTRIES) {
            targets.add(new Target("catalogue", portal + "/events?country=" + country,
                    sorted + "&page=0&country=" + country));
            targets.add(new Target("catalogue", portal + "/events?country=" + country + "&modality=HYBRID",
                    sorted + "&page=0&country=" + country + "&modality=HYBRID"));
        }
        return targets;
    }

    record Target(String name, String page, String api) {
    }

    record Timings(long[] nanos, long bytes) {

        double percentile(double p) {
            return nanos[Math.min(nanos.length - 1, (int) Math.ceil(p * nanos.length) - 1)] / 1e6;
        }
    }

    /** Sends {@code count} requests, {@link #CONCURRENCY} at a time, and answers their times, sorted. */
    private static Timings run(HttpClient http, int count, IntFunction<String> address) throws Exception {
        long[] nanos = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        long[] bytes = new long[1];
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                running.add(workers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        HttpResponse<byte[]> response = get(http, address.apply(i));
                        nanos[i] = System.nanoTime() - start;
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        synchronized (bytes) {
                            bytes[0] += response.body().length;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        }
        assertThat(failures.get()).as("answers other than 200").isZero();
        Arrays.sort(nanos);
        return new Timings(nanos, bytes[0] / count);
    }

    private static HttpResponse<byte[]> get(HttpClient http, String address) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(address)).header("Accept-Language", "es-MX").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String line(String name, Timings page, String baselineName, Timings baseline) {
        return String.format(Locale.ROOT, "%-15s p50 %6.2f ms   p95 %6.2f ms   p99 %6.2f ms   max %7.2f ms   (%,d bytes)%n"
                        + "  %-33s p50 %6.2f ms   p95 %6.2f ms   (%,d bytes)%n"
                        + "  page / baseline: p50 %.1fx, p95 %.1fx; the portal adds p50 %.2f ms, p95 %.2f ms%n",
                name, page.percentile(0.50), page.percentile(0.95), page.percentile(0.99), page.percentile(1.0),
                page.bytes(), baselineName, baseline.percentile(0.50), baseline.percentile(0.95), baseline.bytes(),
                page.percentile(0.50) / baseline.percentile(0.50), page.percentile(0.95) / baseline.percentile(0.95),
                page.percentile(0.50) - baseline.percentile(0.50), page.percentile(0.95) - baseline.percentile(0.95));
    }

    /** The HTML's bytes, plain and gzipped, and those of the stylesheets and scripts it links to. */
    private static String weight(HttpClient http, String name, String address, String portal) throws IOException {
        byte[] html = get(http, address).body();
        String page = new String(html, StandardCharsets.UTF_8);
        Set<String> assets = new LinkedHashSet<>();
        Matcher linked = Pattern.compile("<(?:link[^>]*rel=\"stylesheet\"[^>]*href|script[^>]*src)=\"([^\"]+)\"").matcher(page);
        while (linked.find()) {
            assets.add(linked.group(1).replace("&amp;", "&"));
        }
        long assetBytes = 0;
        long assetGzipped = 0;
        for (String asset : assets) {
            byte[] body = get(http, asset.startsWith("http") ? asset : portal + asset).body();
            assetBytes += body.length;
            assetGzipped += gzipped(body);
        }
        return String.format(Locale.ROOT, "%-15s HTML %,d bytes (%,d gzipped); with its %d stylesheets and scripts "
                        + "%,d bytes (%,d gzipped), before images%n", name, html.length, gzipped(html), assets.size(),
                html.length + assetBytes, gzipped(html) + assetGzipped);
    }

    private static long gzipped(byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.size();
    }
}
