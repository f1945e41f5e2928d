package org.redciudades.events.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.events.EventsScenario.membershipFact;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.chassis.testing.KafkaTopics;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.Registrant;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The right to erasure for the people who came with their institution's application: the primary
 * contact that {@code application.submitted} and {@code member.activated} carry, never touched by a
 * {@code contact.added}. Facts are the contract examples, through the broker; so are the records this
 * service could not process, which ops find among its dead letters.
 */
@EventsServiceTest
class ContactErasureTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String NAME = "Mariana Ávila Treviño";

    static final String OPS = TestTokens.withRole(Roles.OPS);

    @Autowired
    EventsScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "known from {0}")
    @ValueSource(strings = {"member.activated", "application.submitted"})
    void erasing_the_applicants_own_primary_contact_blanks_her_registration_and_the_dead_letters_that_name_her(
            String introducedBy) {
        UUID member = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        String email = "mariana-" + contact + "@implan-torreon.example.mx";
        scenario.publish(carrying(membershipFact(introducedBy, member), contact, email));
        // A producer ahead of this service, and a fact that names her but lacks her contact's id.
        UUID unknownVersion = deadLetter(member, "org.redciudades.membership.member.activated.v2",
                carrying(membershipFact("member.activated", member), contact, email).tree());
        ObjectNode withoutId = (ObjectNode) membershipFact("contact.updated", member).with("/contact/email", email)
                .with("/contact/name", NAME).tree();
        ((ObjectNode) withoutId.get("contact")).remove("contactId");
        UUID malformed = deadLetter(member, "org.redciudades.membership.contact.updated.v1", withoutId);
        UUID event = scenario.seededEvent(10, Instant.parse("2027-06-01T15:00:00Z"));
        String registration = registered(event, NAME, email);
        String colleague = registered(event, "Jorge Luis Castañeda Ríos", "colega-" + contact + "@implan-torreon.example.mx");

        scenario.publish(membershipFact("contact.erased", member).with("/contactId", contact));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(shown(registration))
                .doesNotContain(email).doesNotContain("mariana-").doesNotContain(NAME));
        assertThat(scenario.status(UUID.fromString(registration))).as("her seat stays").isEqualTo("CONFIRMED");
        assertThat(shown(colleague)).contains("colega-" + contact);
        assertThat(roster(event)).doesNotContain(email).doesNotContain(NAME).contains("colega-" + contact);
        for (UUID deadLetter : List.of(unknownVersion, malformed)) {
            JsonNode kept = scenario.body(scenario.api().get("/api/v1/ops/dead-letters/" + deadLetter, OPS));
            assertThat(kept.get("data").asString().toLowerCase(Locale.ROOT)).doesNotContain("mariana-");
            assertThat(kept.get("data").asString()).doesNotContain(NAME).contains("[erased]");
            assertThat(kept.get("status").asString()).as("ops still see it").isEqualTo("PENDING");
            assertThat(kept.get("actions").get(0).get("action").asString()).isEqualTo("ERASE");
        }
    }

    /** Writes a record that this service cannot process; returns its dead letter, once kept. */
    private UUID deadLetter(UUID member, String type, JsonNode data) {
        String eventId = UUID.randomUUID().toString();
        KafkaTopics.write(RealInfrastructure.kafkaBrokers(), KafkaTopics.cloudEvent(EventsScenario.MEMBERSHIP_TOPIC,
                member.toString(), eventId, type, TestJson.write(data)));
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterOf(eventId) != null);
        return deadLetterOf(eventId);
    }

    private UUID deadLetterOf(String eventId) {
        return jdbc.sql("select id from dead_letter where event_id = :id").param("id", eventId).query(UUID.class)
                .optional().orElse(null);
    }

    /** The fact with its first contact made into this person (upper case, as people type it). */
    static ContractExample carrying(ContractExample fact, UUID contact, String email) {
        return fact.with("/contacts/0/contactId", contact).with("/contacts/0/email", email.toUpperCase())
                .with("/contacts/0/name", NAME);
    }

    private String registered(UUID event, String name, String email) {
        HttpResponse<String> response = scenario.register(event, scenario.staff(), new Registrant(name, email, "es-MX"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return EventsScenario.registrationId(scenario.body(response));
    }

    private String shown(String registration) {
        HttpResponse<String> response = scenario.api().get("/api/v1/registrations/" + registration, scenario.organizer());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private String roster(UUID event) {
        return scenario.api().get("/api/v1/events/" + event + "/registrations?size=100", scenario.organizer()).body();
    }
}
