package org.redciudades.events.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.events.EventsScenario.membershipFact;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redciudades.chassis.testing.ContractExample;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.Registrant;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The right to erasure for the people who came with their institution's application: the primary
 * contact that {@code application.submitted} and {@code member.activated} carry, never touched by a
 * {@code contact.added}. Facts are the contract examples, through the broker.
 */
@EventsServiceTest
class ContactErasureTest {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String NAME = "Mariana Ávila Treviño";

    @Autowired
    EventsScenario scenario;

    @ParameterizedTest(name = "known from {0}")
    @ValueSource(strings = {"member.activated", "application.submitted"})
    void erasing_the_applicants_own_primary_contact_blanks_her_registration(String introducedBy) {
        UUID member = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        String email = "mariana-" + contact + "@implan-torreon.example.mx";
        scenario.publish(carrying(membershipFact(introducedBy, member), contact, email));
        UUID event = scenario.seededEvent(10, Instant.parse("2027-06-01T15:00:00Z"));
        String registration = registered(event, NAME, email);
        String colleague = registered(event, "Jorge Luis Castañeda Ríos", "colega-" + contact + "@implan-torreon.example.mx");

        scenario.publish(membershipFact("contact.erased", member).with("/contactId", contact));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(shown(registration))
                .doesNotContain(email).doesNotContain("mariana-").doesNotContain(NAME));
        assertThat(scenario.status(UUID.fromString(registration))).as("her seat stays").isEqualTo("CONFIRMED");
        assertThat(shown(colleague)).contains("colega-" + contact);
        assertThat(roster(event)).doesNotContain(email).doesNotContain(NAME).contains("colega-" + contact);
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
