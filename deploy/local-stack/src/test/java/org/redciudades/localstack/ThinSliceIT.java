package org.redciudades.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.FreePorts.freePort;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.KafkaTopics;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestSecrets;
import org.redciudades.chassis.testing.TestTokens;

/**
 * The thin slice, end to end: the three service jars as separate JVMs, each with its own database, on
 * one real Kafka broker, with a real SMTP server. An institution applies, is approved and signs its
 * agreement; events-service sees it as eligible, and notification-service sends exactly one welcome.
 * On the same network, ops see one trace per request across the services, JSON logs without email
 * addresses, and every metric their dashboards and alerts use.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThinSliceIT {

    static final Path REPO = Path.of(System.getProperty("repo.dir", "../..")).toAbsolutePath().normalize();
    static final Path LOGS = Path.of("target", "thin-slice").toAbsolutePath();
    static final String ACTIVATED = "org.redciudades.membership.member.activated.v1";

    static final String ORGANIZER = TestTokens.withRole("organizer");
    static GreenMail smtp;
    static final List<ServiceProcess> services = new ArrayList<>();
    static int membershipPort;
    static int eventsPort;
    static int notificationPort;

    @BeforeAll
    static void startTheNetwork() throws Exception {
        Files.createDirectories(LOGS);
        for (String service : List.of("membership-service", "events-service", "notification-service")) {
            Files.deleteIfExists(LOGS.resolve(service + ".log"));   // the log tests read this run's lines only
        }
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        membershipPort = freePort();
        eventsPort = freePort();
        notificationPort = freePort();
        var membership = CompletableFuture.supplyAsync(() -> start("membership-service", membershipPort, List.of()));
        var events = CompletableFuture.supplyAsync(() -> start("events-service", eventsPort, List.of()));
        var notification = CompletableFuture.supplyAsync(() -> start("notification-service", notificationPort,
                List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtp.getSmtp().getPort())));
        for (var service : List.of(membership, events, notification)) {
            services.add(service.join());
        }
        for (ServiceProcess service : services) {
            service.awaitReady(URI.create(base(portOf(service)) + "/actuator/health/readiness"), Duration.ofMinutes(3));
        }
    }

    @AfterAll
    static void stopTheNetwork() {
        services.forEach(service -> service.stop(Duration.ofSeconds(30)));
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Order(1)
    void an_institution_that_applies_and_signs_is_eligible_for_events_and_welcomed_once_in_spanish() throws Exception {
        HttpResponse<String> applied = post(membershipPort, "/api/v1/applications", null, """
                {
                  "institution": {
                    "name": "IMPLAN Torreón", "kind": "MUNICIPAL_PLANNING_INSTITUTE",
                    "country": "MX", "region": "Coahuila", "city": "Torreón",
                    "website": "https://implan-torreon.example.mx"
                  },
                  "locale": "es-MX",
                  "timeZone": "America/Monterrey",
                  "contacts": [{"name": "Mariana Ávila Treviño", "email": "mariana.avila@implan-torreon.example.mx",
                                "title": "Coordinadora de Vinculación", "locale": "es-MX", "primary": true}]
                }
                """);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        String memberId = field(applied.body(), "id");

        assertThat(post(membershipPort, "/api/v1/members/" + memberId + "/approval", ORGANIZER, "").statusCode()).isEqualTo(200);
        Traceparent signing = Traceparent.newRoot();
        HttpResponse<String> signed = traced(membershipPort, "/api/v1/members/" + memberId + "/agreement", ORGANIZER, """
                {"signedOn": "2026-11-20", "termStart": "2026-12-01", "termEnd": "2028-11-30",
                 "documentReference": "RCI-CONV-2026-014", "memberSignatory": "Dirección General de IMPLAN Torreón",
                 "networkSignatory": "Coordinación de la Red"}
                """, signing);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        assertThat(field(signed.body(), "status")).isEqualTo("ACTIVE");

        await().atMost(Duration.ofSeconds(60)).until(() ->
                get(eventsPort, "/api/v1/eligibility/members/" + memberId, ORGANIZER).body().contains("\"eligible\":true"));

        await().atMost(Duration.ofSeconds(60)).until(() -> welcomes().size() == 1);
        MimeMessage welcome = welcomes().getFirst();
        assertThat(welcome.getSubject()).isEqualTo("Bienvenida a la Red de Ciudades Inteligentes: IMPLAN Torreón");
        assertThat(GreenMailUtil.getBody(welcome)).contains("1 de diciembre de 2026");

        ConsumerRecord<byte[], byte[]> activation = readUntil(RealInfrastructure.kafkaBrokers(), "membership.member",
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> isActivationOf(r, memberId)))
                .stream().filter(r -> isActivationOf(r, memberId)).findFirst().orElseThrow();
        var again = new ProducerRecord<>("membership.member", activation.key(), activation.value());
        activation.headers().forEach(h -> again.headers().add(h));
        KafkaTopics.write(RealInfrastructure.kafkaBrokers(), again);

        await().atMost(Duration.ofSeconds(60)).until(() -> duplicateActivations() >= 1);
        assertThat(welcomes()).hasSize(1);

        // The organizer's signing is one trace: membership-service recorded it, events-service made the
        // institution eligible, notification-service sent the welcome, and published that it did.
        assertThat(traceparentOf(activation).traceId()).isEqualTo(signing.traceId());
        for (String service : List.of("membership-service", "events-service", "notification-service")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !logLinesOfTrace(service, signing.traceId()).isEmpty());
        }
        assertThat(deliveryOutcomeOf(header(activation, "ce_id"))).as("the welcome's delivery.sent")
                .satisfies(outcome -> assertThat(traceparentOf(outcome).traceId()).isEqualTo(signing.traceId()));
    }

    @Test
    @Order(2)
    void one_registration_is_one_trace_from_the_http_call_through_the_outbox_kafka_and_the_email_to_its_outcome() {
        HttpResponse<String> created = post(eventsPort, "/api/v1/events", ORGANIZER, """
                {"type": "BOOTCAMP", "titleEs": "Bootcamp de datos abiertos", "titleEn": "Open data bootcamp",
                 "descriptionEs": "Publicación de datos municipales.", "modality": "VIRTUAL",
                 "onlineLink": "https://meet.example.org/datos",
                 "startsAt": "2027-04-14T10:00:00-06:00", "endsAt": "2027-04-14T12:00:00-06:00",
                 "timeZone": "America/Guatemala", "capacity": 50, "waitlistEnabled": true, "audience": "PUBLIC",
                 "requiresApproval": false}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String eventId = field(created.body(), "id");
        assertThat(post(eventsPort, "/api/v1/events/" + eventId + "/announcement", ORGANIZER, "").statusCode()).isEqualTo(200);

        Traceparent caller = Traceparent.newRoot();
        HttpResponse<String> registered = traced(eventsPort, "/api/v1/events/" + eventId + "/registrations",
                TestTokens.forPerson("ana.perez@muniguate.example.gt"), """
                {"name": "Ana Lucía Pérez", "email": "ana.perez@muniguate.example.gt", "locale": "es-MX"}
                """, caller);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String registrationId = field(registered.body(), "id");

        ConsumerRecord<byte[], byte[]> confirmed = readUntil(RealInfrastructure.kafkaBrokers(), "events.event",
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> isConfirmationOf(r, registrationId)))
                .stream().filter(r -> isConfirmationOf(r, registrationId)).findFirst().orElseThrow();
        assertThat(traceparentOf(confirmed).traceId()).as("the relay continued the request's trace").isEqualTo(caller.traceId());
        ConsumerRecord<byte[], byte[]> outcome = deliveryOutcomeOf(header(confirmed, "ce_id"));
        assertThat(traceparentOf(outcome).traceId()).as("the email's delivery outcome").isEqualTo(caller.traceId());
        assertThat(logLinesOfTrace("events-service", caller.traceId()))
                .anyMatch(line -> line.contains("Registration " + registrationId));
        assertThat(logLinesOfTrace("notification-service", caller.traceId()))
                .anyMatch(line -> line.contains("registration.confirmed") && line.contains("sent"));
    }

    @Test
    @Order(3)
    void every_metric_a_dashboard_or_an_alert_uses_is_exposed_by_a_running_service() {
        Set<String> exposed = new TreeSet<>(Set.of("up"));   // Prometheus's own, per scrape target
        for (int port : List.of(membershipPort, eventsPort, notificationPort)) {
            HttpResponse<String> scrape = get(port, "/actuator/prometheus", TestTokens.withRole("ops"));
            assertThat(scrape.statusCode()).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exposed::add);
        }
        assertThat(exposed).as("metrics the services expose")
                .containsAll(MonitoringReferences.metricNames(REPO));
    }

    @Test
    @Order(4)
    void the_services_log_json_with_trace_ids_and_no_email_address_in_clear() throws IOException {
        Pattern email = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
        for (String service : List.of("membership-service", "events-service", "notification-service")) {
            List<String> lines = Files.readAllLines(LOGS.resolve(service + ".log"));
            List<String> json = lines.stream().filter(line -> line.startsWith("{")).toList();
            assertThat(json).as(service + " JSON lines").isNotEmpty();
            assertThat(lines).as(service + ": one JSON object per line (stack traces inside it)")
                    .allMatch(line -> line.isBlank() || line.startsWith("{") || !line.startsWith("\t") && !line.contains("Exception"));
            assertThat(json).as(service + " lines with an email address in clear")
                    .noneMatch(line -> email.matcher(line).find());
            assertThat(json).as(service + " lines with trace ids").anyMatch(line -> line.contains("\"traceId\""));
        }
    }

    /** A W3C trace context, as a caller sends it and the services carry it on records. */
    record Traceparent(String traceId, String spanId) {
        static Traceparent newRoot() {
            return new Traceparent(randomHex(16), randomHex(8));
        }

        private static String randomHex(int bytes) {
            byte[] random = new byte[bytes];
            ThreadLocalRandom.current().nextBytes(random);
            return HexFormat.of().formatHex(random);
        }

        static Traceparent parse(String value) {
            Matcher matcher = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]").matcher(String.valueOf(value));
            assertThat(matcher.matches()).as("traceparent %s", value).isTrue();
            return new Traceparent(matcher.group(1), matcher.group(2));
        }

        @Override
        public String toString() {
            return "00-" + traceId + "-" + spanId + "-01";
        }
    }

    private static boolean isConfirmationOf(ConsumerRecord<byte[], byte[]> record, String registrationId) {
        return "org.redciudades.events.registration.confirmed.v1".equals(header(record, "ce_type"))
                && text(record.value()).contains(registrationId);
    }

    /** The delivery outcome that notification-service published for the email caused by {@code sourceEventId}. */
    private static ConsumerRecord<byte[], byte[]> deliveryOutcomeOf(String sourceEventId) {
        return readUntil(RealInfrastructure.kafkaBrokers(), "notification.delivery", Duration.ofSeconds(60),
                read -> read.stream().anyMatch(r -> text(r.value()).contains(sourceEventId)))
                .stream().filter(r -> text(r.value()).contains(sourceEventId)).findFirst().orElseThrow();
    }

    private static Traceparent traceparentOf(ConsumerRecord<byte[], byte[]> record) {
        return Traceparent.parse(header(record, "traceparent"));
    }

    private static List<String> logLinesOfTrace(String service, String traceId) {
        try {
            return Files.readAllLines(LOGS.resolve(service + ".log")).stream()
                    .filter(line -> line.contains("\"traceId\":\"" + traceId + "\"")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> traced(int port, String path, String token, String json, Traceparent trace) {
        return new ApiClient(port).send("POST", path, token, "application/json",
                json.getBytes(StandardCharsets.UTF_8), Map.of("traceparent", trace.toString()));
    }

    private static boolean isActivationOf(ConsumerRecord<byte[], byte[]> record, String memberId) {
        return memberId.equals(text(record.key())) && ACTIVATED.equals(header(record, "ce_type"));
    }

    /** The welcomes Mariana received (she also hears that the application was received and approved). */
    private static List<MimeMessage> welcomes() throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals("mariana.avila@implan-torreon.example.mx")
                    && message.getSubject().startsWith("Bienvenida")) {
                found.add(message);
            }
        }
        return found;
    }

    /** notification-service's own count of activation records it recognised as already processed. */
    private static double duplicateActivations() throws Exception {
        String metrics = get(notificationPort, "/actuator/prometheus", TestTokens.withRole("ops")).body();
        Matcher matcher = Pattern.compile("inbox_events_total\\{[^}]*consumer=\"membership-notifications\"[^}]*outcome=\"duplicate\"[^}]*type=\""
                + Pattern.quote(ACTIVATED) + "\"[^}]*} (\\S+)").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private static ServiceProcess start(String name, int port, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + RealInfrastructure.createDatabase(name.replace("-service", "")),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.cloud.stream.kafka.binder.brokers=" + RealInfrastructure.kafkaBrokers()));
        args.addAll(TestSecrets.arguments());
        TestTokens.properties().forEach(property -> args.add("--" + property));
        args.addAll(extraArgs);
        try {
            return ServiceProcess.start(name, REPO.resolve(name).resolve("target").resolve(name + ".jar"),
                    List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), args, LOGS, LOGS.resolve(name + ".log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int portOf(ServiceProcess service) {
        return switch (service.name()) {
            case "membership-service" -> membershipPort;
            case "events-service" -> eventsPort;
            default -> notificationPort;
        };
    }

    private static String base(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertThat(matcher.find()).as("%s in %s", name, json).isTrue();
        return matcher.group(1);
    }

    private static HttpResponse<String> post(int port, String path, String token, String json) {
        return new ApiClient(port).post(path, token, json);
    }

    private static HttpResponse<String> get(int port, String path, String token) {
        return new ApiClient(port).get(path, token);
    }
}
