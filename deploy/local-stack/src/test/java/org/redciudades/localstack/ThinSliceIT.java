package org.redciudades.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.KafkaTopics;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;

/**
 * The thin slice, end to end: the three service jars as separate JVMs, each with its own database, on
 * one real Kafka broker, with a real SMTP server. An institution applies, is approved and signs its
 * agreement; events-service sees it as eligible, and notification-service sends exactly one welcome.
 */
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
        HttpResponse<String> signed = post(membershipPort, "/api/v1/members/" + memberId + "/agreement", ORGANIZER, """
                {"signedOn": "2026-11-20", "termStart": "2026-12-01", "termEnd": "2028-11-30",
                 "documentReference": "RCI-CONV-2026-014", "memberSignatory": "Dirección General de IMPLAN Torreón",
                 "networkSignatory": "Coordinación de la Red"}
                """);
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
                "--spring.cloud.stream.kafka.binder.brokers=" + RealInfrastructure.kafkaBrokers(),
                "--logging.structured.format.console="));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
