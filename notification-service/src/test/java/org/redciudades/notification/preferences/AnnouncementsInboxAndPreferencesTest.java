package org.redciudades.notification.preferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.notification.NotificationScenario.PATIENCE;
import static org.redciudades.notification.NotificationScenario.membershipFact;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationServiceTest;
import org.redciudades.notification.TestSmtp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Announcements reach the contacts of active members who have not opted out, with a one-click
 * unsubscribe that works; every message is also in the person's in-app inbox.
 */
@NotificationServiceTest
class AnnouncementsInboxAndPreferencesTest {

    /** The body of {@code PUT /api/v1/preferences}. */
    record Choice(boolean announcements, boolean reminders) {
    }

    @Autowired
    NotificationScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void an_announcement_skips_who_opted_out_and_its_one_click_link_opts_the_reader_out_of_the_next() {
        String member = UUID.randomUUID().toString();
        // A "+" in the address: the links encode it, so that it is not read back as a space
        String reader = "lectora+anuncios-" + member + "@implan-torreon.example.mx";
        String optedOut = "sin-anuncios-" + member + "@implan-torreon.example.mx";
        activeMemberWithContacts(member, reader, optedOut);
        ApiClient api = scenario.api();
        assertThat(scenario.put("/api/v1/preferences", scenario.person(optedOut), new Choice(false, true)).statusCode())
                .isEqualTo(200);

        announce(UUID.randomUUID());
        await().atMost(PATIENCE).until(() -> scenario.smtp().to(reader).stream().anyMatch(AnnouncementsInboxAndPreferencesTest::isAnnouncement));

        MimeMessage announcement = scenario.smtp().to(reader).stream()
                .filter(AnnouncementsInboxAndPreferencesTest::isAnnouncement).findFirst().orElseThrow();
        assertThat(scenario.smtp().to(optedOut).stream().filter(AnnouncementsInboxAndPreferencesTest::isAnnouncement)).isEmpty();
        String header = TestSmtp.header(announcement, "List-Unsubscribe");
        assertThat(header).as("this service's one-click URL (notification.unsubscribe.public-url)")
                .startsWith("<http://localhost:8083/api/v1/unsubscribe?").endsWith(">");
        assertThat(TestSmtp.header(announcement, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");

        URI link = URI.create(header.substring(1, header.length() - 1));
        assertThat(link.getRawQuery()).contains("email=lectora%2Banuncios-");
        assertThat(TestSmtp.plainText(announcement))
                .as("the body links to the portal's page, which asks before it changes anything, with the same signature")
                .contains("puede darse de baja aquí: http://127.0.0.1:8080/unsubscribe?" + link.getRawQuery());
        String path = link.getRawPath() + "?" + link.getRawQuery();
        assertThat(api.get(path, null).statusCode()).as("a GET, as link scanners do, changes nothing").isEqualTo(200);
        assertThat(scenario.body(api.get(path, null)).get("subscribed").asBoolean()).isTrue();
        HttpResponse<String> clicked = api.send("POST", path, null, "application/x-www-form-urlencoded",
                "List-Unsubscribe=One-Click".getBytes(), Map.of());
        assertThat(clicked.statusCode()).isEqualTo(200);
        HttpResponse<String> forged = api.send("POST", path.replace("signature=", "signature=x"), null,
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click".getBytes(), Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(scenario.body(api.get("/api/v1/preferences", scenario.person(reader))).get("announcements").asBoolean())
                .isFalse();

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
        ApiClient api = scenario.api();
        String token = scenario.person(person.toUpperCase());
        await().atMost(PATIENCE).until(() -> scenario.body(api.get("/api/v1/inbox/unread-count", token))
                .get("unread").asLong() == 3);   // application received, approved, welcome

        JsonNode inbox = scenario.body(api.get("/api/v1/inbox", token));
        assertThat(inbox.get("totalItems").asLong()).isEqualTo(3);
        JsonNode newest = inbox.get("items").get(0);
        assertThat(newest.get("subject").asString()).startsWith("Bienvenida");
        String id = newest.get("id").asString();

        String stranger = scenario.person("ajena-" + member + "@municipio.example.gt");
        assertThat(api.post("/api/v1/inbox/" + id + "/read", stranger, null)
                .statusCode()).as("someone else's message is not found").isEqualTo(404);
        assertThat(scenario.body(api.get("/api/v1/inbox", stranger)).get("totalItems").asLong()).isZero();
        assertThat(scenario.body(api.get("/api/v1/inbox/unread-count", stranger)).get("unread").asLong()).isZero();
        assertThat(api.post("/api/v1/inbox/" + id + "/read", token, null).statusCode()).isEqualTo(200);
        assertThat(scenario.body(api.get("/api/v1/inbox/unread-count", token)).get("unread").asLong()).isEqualTo(2);
        assertThat(scenario.body(api.get("/api/v1/inbox?unread=true", token)).get("totalItems").asLong()).isEqualTo(2);
        HttpResponse<String> withoutEmail = api.get("/api/v1/inbox", TestTokens.withoutPerson());
        assertThat(withoutEmail.statusCode()).isEqualTo(403);
        assertThat(scenario.body(withoutEmail).get("type").asString()).endsWith("/no-email-claim");
        HttpResponse<String> unverified = api.get("/api/v1/inbox", TestTokens.unverifiedEmail(person));
        assertThat(unverified.statusCode()).as("an address the provider did not verify is nobody's inbox").isEqualTo(403);
        assertThat(scenario.body(unverified).get("type").asString()).endsWith("/no-email-claim");
    }

    @Test
    void each_person_reads_and_sets_only_their_own_preferences_whatever_their_role() {
        String owner = "preferencias-" + UUID.randomUUID() + "@implan-torreon.example.mx";
        String other = "otra-" + UUID.randomUUID() + "@municipio.example.gt";
        String organizer = TestTokens.forPerson(Roles.ORGANIZER, "organizadora-" + UUID.randomUUID() + "@redciudades.example.org");
        assertThat(scenario.put("/api/v1/preferences", scenario.person(owner), new Choice(false, false)).statusCode())
                .isEqualTo(200);

        HttpResponse<String> othersChoice = scenario.put("/api/v1/preferences", scenario.person(other), new Choice(true, false));
        HttpResponse<String> organizersOwn = scenario.api().get("/api/v1/preferences", organizer);

        assertThat(othersChoice.statusCode()).isEqualTo(200);
        JsonNode ownersChoice = scenario.body(scenario.api().get("/api/v1/preferences", scenario.person(owner)));
        assertThat(ownersChoice.get("announcements").asBoolean()).as("the owner's choice is untouched by another person's")
                .isFalse();
        assertThat(ownersChoice.get("reminders").asBoolean()).isFalse();
        assertThat(scenario.body(scenario.api().get("/api/v1/preferences", scenario.person(other))).get("announcements")
                .asBoolean()).isTrue();
        assertThat(organizersOwn.statusCode()).as("an organizer has preferences of their own").isEqualTo(200);
        assertThat(scenario.body(organizersOwn).get("announcements").asBoolean()).isTrue();
    }

    /** A member that applied with {@code first} as its contact, added {@code second}, and became active. */
    private void activeMemberWithContacts(String member, String first, String second) {
        scenario.publish(membershipFact("application.submitted", member).with("/contacts/0/email", first));
        scenario.publish(membershipFact("contact.added", member).with("/contact/contactId", UUID.randomUUID())
                .with("/contact/email", second));
        scenario.publish(membershipFact("application.approved", member));
        scenario.publish(membershipFact("member.activated", member).with("/contacts/0/email", first));
        await().atMost(PATIENCE).until(() -> scenario.smtp().subjects(first).stream().anyMatch(s -> s.startsWith("Bienvenida")));
    }

    private void announce(UUID eventId) {
        scenario.publish(ContractExample.of(NotificationScenario.EVENTS + "event.announced.v1").with("/eventId", eventId));
    }

    private static boolean isAnnouncement(MimeMessage message) {
        return TestSmtp.subject(message).startsWith("Nuevo evento de la Red");
    }
}
