package org.redciudades.notification.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.notification.NotificationScenario.PATIENCE;
import static org.redciudades.notification.NotificationScenario.membershipFact;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.chassis.testing.KafkaTopics;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestJson;
import org.redciudades.notification.NotificationScenario;
import org.redciudades.notification.NotificationServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The right to erasure for the people who came with their institution's application: the primary contact
 * that {@code member.activated} carries, never touched by a {@code contact.added}. Facts are the contract
 * examples, through the broker; so are the records this service could not process.
 */
@NotificationServiceTest
class ContactErasureTest {

    @Autowired
    NotificationScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void erasing_the_applicants_own_primary_contact_clears_her_delivery_log_inbox_and_the_dead_letters_that_name_her() {
        String member = UUID.randomUUID().toString();
        UUID contact = UUID.randomUUID();
        String email = "mariana-" + contact + "@implan-torreon.example.mx";
        String name = nameOf(contact);
        scenario.publish(carrying(membershipFact("member.activated", member), contact, email));
        scenario.messages(email, 1);
        assertThat(inbox(email).get("totalItems").asLong()).isEqualTo(1);
        UUID unknownVersion = deadLetter(member, "org.redciudades.membership.member.activated.v2",
                carrying(membershipFact("member.activated", member), contact, email).tree());
        ObjectNode withoutId = (ObjectNode) membershipFact("contact.updated", member).with("/contact/email", email)
                .with("/contact/name", name).tree();
        ((ObjectNode) withoutId.get("contact")).remove("contactId");
        UUID malformed = deadLetter(member, "org.redciudades.membership.contact.updated.v1", withoutId);

        scenario.publish(membershipFact("contact.erased", member).with("/contactId", contact));

        await().atMost(PATIENCE).until(() -> deliveries(email).get("totalItems").asLong() == 0);
        assertThat(jdbc.sql("select count(*) from notification where body_text like :name or subject like :name")
                .param("name", "%" + name + "%").query(Long.class).single()).isZero();
        assertThat(inbox(email).get("totalItems").asLong()).isZero();
        for (UUID deadLetter : List.of(unknownVersion, malformed)) {
            JsonNode kept = scenario.body(scenario.api().get("/api/v1/ops/dead-letters/" + deadLetter, scenario.ops()));
            assertThat(kept.get("data").asString().toLowerCase(Locale.ROOT)).doesNotContain("mariana-");
            assertThat(kept.get("data").asString()).doesNotContain(name).contains("[erased]");
            assertThat(kept.get("status").asString()).as("ops still see it").isEqualTo("PENDING");
            assertThat(kept.get("actions").get(0).get("action").asString()).isEqualTo("ERASE");
        }
    }

    @Test
    void erasure_reaches_the_messages_sent_to_an_address_the_contact_had_before_an_update() {
        String member = UUID.randomUUID().toString();
        UUID contact = UUID.randomUUID();
        String before = "mariana-" + contact + "@implan-torreon.example.mx";
        String after = "mariana.avila-" + contact + "@torreon.example.gob.mx";
        scenario.publish(carrying(membershipFact("member.activated", member), contact, before));
        scenario.messages(before, 1);
        scenario.publish(membershipFact("contact.updated", member).with("/contact/contactId", contact)
                .with("/contact/email", after).with("/contact/name", nameOf(contact)).with("/contact/primary", true));
        scenario.publish(membershipFact("member.suspended", member));
        scenario.messages(after, 1);

        scenario.publish(membershipFact("contact.erased", member).with("/contactId", contact));

        await().atMost(PATIENCE).until(() -> deliveries(after).get("totalItems").asLong() == 0);
        assertThat(deliveries(before).get("totalItems").asLong()).isZero();
        assertThat(inbox(before).get("totalItems").asLong()).isZero();
    }

    /** The fact with its first contact made into this person (upper case, as people type it). */
    static ContractExample carrying(ContractExample fact, UUID contact, String email) {
        return fact.with("/contacts/0/contactId", contact).with("/contacts/0/email", email.toUpperCase(Locale.ROOT))
                .with("/contacts/0/name", nameOf(contact));
    }

    /** A name of her own: the contract examples' people appear in other tests' messages. */
    static String nameOf(UUID contact) {
        return "Mariana Ávila " + contact.toString().substring(0, 8);
    }

    private JsonNode deliveries(String recipient) {
        return scenario.body(scenario.api().get("/api/v1/deliveries?recipient=" + recipient, scenario.ops()));
    }

    private JsonNode inbox(String email) {
        return scenario.body(scenario.api().get("/api/v1/inbox", scenario.person(email)));
    }

    /** Writes a record that this service cannot process; returns its dead letter, once kept. */
    private UUID deadLetter(String member, String type, JsonNode data) {
        String eventId = UUID.randomUUID().toString();
        KafkaTopics.write(RealInfrastructure.kafkaBrokers(),
                KafkaTopics.cloudEvent("membership.member", member, eventId, type, TestJson.write(data)));
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterOf(eventId) != null);
        return deadLetterOf(eventId);
    }

    private UUID deadLetterOf(String eventId) {
        return jdbc.sql("select id from dead_letter where event_id = :id").param("id", eventId).query(UUID.class)
                .optional().orElse(null);
    }
}
