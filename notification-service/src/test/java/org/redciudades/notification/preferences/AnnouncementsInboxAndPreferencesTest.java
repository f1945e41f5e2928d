package org.redciudades.notification.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Announcements reach the contacts of active members who have not opted out, with a one-click
 * unsubscribe that works; every message is also in the person's in-app inbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class AnnouncementsInboxAndPreferencesTest {

    static final TestSmtp SMTP = TestSmtp.start();
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String MEMBERSHIP = "org.redciudades.membership.";
    static final String ANNOUNCED = "org.redciudades.events.event.announced.v1";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        SMTP.register(registry);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void an_announcement_skips_who_opted_out_and_its_one_click_link_opts_the_reader_out_of_the_next() {
        String member = UUID.randomUUID().toString();
        String reader = "lectora-" + member + "@implan-torreon.example.mx";
        String optedOut = "sin-anuncios-" + member + "@implan-torreon.example.mx";
        activeMemberWithContacts(member, reader, optedOut);
        ApiClient api = new ApiClient(port);
        assertThat(api.put("/api/v1/preferences", TestTokens.forPerson(Roles.MEMBER, optedOut),
                "{\"announcements\": false, \"reminders\": true}").statusCode()).isEqualTo(200);

        announce(UUID.randomUUID());
        await().atMost(PATIENCE).until(() -> SMTP.to(reader).stream().anyMatch(AnnouncementsInboxAndPreferencesTest::isAnnouncement));

        MimeMessage announcement = SMTP.to(reader).stream().filter(AnnouncementsInboxAndPreferencesTest::isAnnouncement).findFirst().orElseThrow();
        assertThat(SMTP.to(optedOut).stream().filter(AnnouncementsInboxAndPreferencesTest::isAnnouncement)).isEmpty();
        String header = header(announcement, "List-Unsubscribe");
        assertThat(header).startsWith("<http").endsWith(">");
        assertThat(header(announcement, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(TestSmtp.plainText(announcement)).contains("puede darse de baja aquí: http");

        URI link = URI.create(header.substring(1, header.length() - 1));
        String path = link.getRawPath() + "?" + link.getRawQuery();
        assertThat(api.get(path, null).statusCode()).as("a GET, as link scanners do, changes nothing").isEqualTo(200);
        assertThat(json.readTree(api.get(path, null).body()).get("subscribed").asBoolean()).isTrue();
        var clicked = api.send("POST", path, null, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes(), Map.of());
        assertThat(clicked.statusCode()).isEqualTo(200);
        var forged = api.send("POST", path.replace("signature=", "signature=x"), null, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes(), Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json.readTree(api.get("/api/v1/preferences", TestTokens.forPerson(Roles.MEMBER, reader)).body())
                .get("announcements").asBoolean()).isFalse();

        UUID second = UUID.randomUUID();
        announce(second);
        await().atMost(PATIENCE).until(() -> jdbc.sql("select count(*) from event_detail where event_id = :id")
                .param("id", second).query(Long.class).single() == 1);
        assertThat(jdbc.sql("select count(*) from notification where recipient = :r and template = 'event.announced'")
                .param("r", reader).query(Long.class).single())
                .as("after the one click, the next announcement is not queued for the reader").isEqualTo(1);
    }

    @Test
    void each_message_is_in_the_persons_inbox_unread_until_marked_and_nobody_else_sees_it() {
        String member = UUID.randomUUID().toString();
        String person = "bandeja-" + member + "@implan-torreon.example.mx";
        activeMemberWithContacts(member, person, "otra-" + member + "@implan-torreon.example.mx");
        ApiClient api = new ApiClient(port);
        String token = TestTokens.forPerson(Roles.MEMBER, person.toUpperCase());
        await().atMost(PATIENCE).until(() -> json.readTree(api.get("/api/v1/inbox/unread-count", token).body())
                .get("unread").asLong() == 3);   // application received, approved, welcome

        JsonNode inbox = json.readTree(api.get("/api/v1/inbox", token).body());
        assertThat(inbox.get("totalItems").asLong()).isEqualTo(3);
        JsonNode newest = inbox.get("items").get(0);
        assertThat(newest.get("subject").asString()).startsWith("Bienvenida");
        String id = newest.get("id").asString();

        assertThat(api.post("/api/v1/inbox/" + id + "/read", TestTokens.forPerson(Roles.MEMBER, "ajena@municipio.example.gt"), null)
                .statusCode()).as("someone else's message is not found").isEqualTo(404);
        assertThat(api.post("/api/v1/inbox/" + id + "/read", token, null).statusCode()).isEqualTo(200);
        assertThat(json.readTree(api.get("/api/v1/inbox/unread-count", token).body()).get("unread").asLong()).isEqualTo(2);
        assertThat(json.readTree(api.get("/api/v1/inbox?unread=true", token).body()).get("totalItems").asLong()).isEqualTo(2);
        var withoutEmail = api.get("/api/v1/inbox", TestTokens.withRole(Roles.MEMBER));
        assertThat(withoutEmail.statusCode()).isEqualTo(403);
        assertThat(json.readTree(withoutEmail.body()).get("type").asString()).endsWith("/no-email-claim");
    }

    private void activeMemberWithContacts(String member, String first, String second) {
        String activated = Contracts.example(MEMBERSHIP + "member.activated.v1")
                .replace("0b6f3c1e-8a5d-4c1e-9a57-3f1f7a8d2c10", member)
                .replace("5a2d9e47-3c1b-4f8a-b6d2-7e9c0a1f4b35", UUID.randomUUID().toString())
                .replace("mariana.avila@implan-torreon.example.mx", first);
        String submitted = Contracts.example(MEMBERSHIP + "application.submitted.v1")
                .replace("0b6f3c1e-8a5d-4c1e-9a57-3f1f7a8d2c10", member)
                .replace("5a2d9e47-3c1b-4f8a-b6d2-7e9c0a1f4b35", UUID.randomUUID().toString())
                .replace("mariana.avila@implan-torreon.example.mx", first);
        String added = Contracts.example(MEMBERSHIP + "contact.added.v1")
                .replace("0b6f3c1e-8a5d-4c1e-9a57-3f1f7a8d2c10", member)
                .replace("8c4e1a7b-2d9f-4b3e-a5c1-6f0d2e8b9a43", UUID.randomUUID().toString())
                .replace("jorge.castaneda@implan-torreon.example.mx", second);
        for (var fact : Map.of("application.submitted", submitted, "contact.added", added).entrySet()) {
            write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", member, UUID.randomUUID().toString(),
                    MEMBERSHIP + fact.getKey() + ".v1", fact.getValue()));
        }
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", member, UUID.randomUUID().toString(),
                MEMBERSHIP + "application.approved.v1", Contracts.example(MEMBERSHIP + "application.approved.v1")
                        .replace("0b6f3c1e-8a5d-4c1e-9a57-3f1f7a8d2c10", member)));
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("membership.member", member, UUID.randomUUID().toString(),
                MEMBERSHIP + "member.activated.v1", activated));
        await().atMost(PATIENCE).until(() -> SMTP.to(first).stream().anyMatch(m -> subject(m).startsWith("Bienvenida")));
    }

    private void announce(UUID eventId) {
        String payload = Contracts.example(ANNOUNCED).replaceAll("\"eventId\": \"[^\"]+\"", "\"eventId\": \"" + eventId + "\"");
        write(RealInfrastructure.kafkaBrokers(), cloudEvent("events.event", eventId.toString(), UUID.randomUUID().toString(),
                ANNOUNCED, payload));
    }

    private static boolean isAnnouncement(MimeMessage message) {
        return subject(message).startsWith("Nuevo evento de la Red");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
