package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.events.EventsScenario.PATIENCE;
import static org.redciudades.events.EventsScenario.membershipFact;
import static org.redciudades.events.EventsScenario.registrationId;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.ContactFact;
import org.redciudades.events.EventsScenario.Institution;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A registration belongs to the person who made it; their institution's primary contact may also see and
 * cancel it, and organizers see all. Everyone else is told it does not exist.
 */
@EventsServiceTest
class RegistrationOwnershipTest {

    @Autowired
    EventsScenario scenario;

    @Test
    void a_registration_is_seen_by_whoever_made_it_their_institutions_primary_contact_and_organizers_and_nobody_else() {
        Institution implan = scenario.activeInstitution();
        Institution other = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop());
        String registration = registered(event, implan.staff().token(), implan.staff().email());

        assertThat(get(registration, implan.staff().token()).statusCode()).as("whoever made it").isEqualTo(200);
        assertThat(get(registration, implan.primary().token()).statusCode()).as("their institution's primary contact").isEqualTo(200);
        assertThat(get(registration, scenario.organizer()).statusCode()).as("an organizer").isEqualTo(200);
        Map<String, String> strangers = Map.of(
                "staff of the same institution who are not its primary contact", implan.otherStaff().token(),
                "another institution's primary contact", other.primary().token(),
                "another institution's staff", other.staff().token(),
                "a person who is nobody's contact", scenario.staff());
        strangers.forEach((who, token) -> assertNotFound(get(registration, token), who));
    }

    @Test
    void a_registration_is_cancelled_by_whoever_made_it_or_their_primary_contact_and_not_found_by_anyone_else() {
        Institution implan = scenario.activeInstitution();
        Institution other = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop());
        String staffs = registered(event, implan.staff().token(), implan.staff().email());
        String colleagues = registered(event, implan.otherStaff().token(), implan.otherStaff().email());
        String neighbours = registered(event, scenario.staff(), EventsScenario.newAddress("vecina"));

        Map<String, String> strangers = Map.of(
                "staff of the same institution who are not its primary contact", implan.otherStaff().token(),
                "another institution's primary contact", other.primary().token(),
                "another institution's staff", other.staff().token(),
                "a person who is nobody's contact", scenario.staff());
        strangers.forEach((who, token) -> assertNotFound(cancel(staffs, token), who));
        assertThat(scenario.status(UUID.fromString(staffs))).isEqualTo("CONFIRMED");

        assertThat(cancel(staffs, implan.primary().token()).statusCode()).as("the primary contact").isEqualTo(200);
        assertThat(cancel(colleagues, implan.otherStaff().token()).statusCode()).as("whoever made it").isEqualTo(200);
        assertThat(cancel(neighbours, scenario.organizer()).statusCode()).as("an organizer").isEqualTo(200);
        assertThat(scenario.facts().of(event, "registration.cancelled"))
                .extracting(fact -> fact.get("registrationId").asString() + " " + fact.get("cancelledBy").asString())
                .containsExactly(staffs + " ATTENDEE", colleagues + " ATTENDEE", neighbours + " ORGANIZER");
    }

    @Test
    void registering_an_address_someone_else_registered_is_refused_without_showing_their_registration() {
        Institution implan = scenario.activeInstitution();
        Institution other = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop());
        String registration = registered(event, implan.staff().token(), implan.staff().email());

        HttpResponse<String> stranger = scenario.register(event, scenario.staff(), implan.staff().email());
        HttpResponse<String> otherInstitution = scenario.register(event, other.primary().token(), implan.staff().email());
        HttpResponse<String> primary = scenario.register(event, implan.primary().token(), implan.staff().email());
        HttpResponse<String> again = scenario.register(event, implan.staff().token(), implan.staff().email().toUpperCase());

        for (HttpResponse<String> refused : new HttpResponse[] {stranger, otherInstitution}) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(scenario.body(refused).get("type").asString()).endsWith("/already-registered");
            assertThat(refused.body()).doesNotContain(registration);
        }
        assertThat(primary.statusCode()).as("the primary contact may see it").isEqualTo(200);
        assertThat(registrationId(scenario.body(primary))).isEqualTo(registration);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(registrationId(scenario.body(again))).isEqualTo(registration);
        assertThat(scenario.registrations(event)).isEqualTo(1);
    }

    @Test
    void when_the_primary_contact_changes_the_former_one_no_longer_sees_the_staffs_registrations_and_the_new_one_does() {
        Institution implan = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop());
        String registration = registered(event, implan.staff().token(), implan.staff().email());
        assertThat(get(registration, implan.primary().token()).statusCode()).isEqualTo(200);

        // As membership-service publishes a new primary: the former one's demotion, then the promotion.
        scenario.publish(membershipFact("contact.updated", implan.memberId())
                .with("/contact", new ContactFact(implan.primary().contactId(), "Titular", implan.primary().email(),
                        "Coordinación", "es-MX", false)));
        scenario.publish(membershipFact("contact.updated", implan.memberId())
                .with("/contact", new ContactFact(implan.otherStaff().contactId(), "Analista", implan.otherStaff().email(),
                        "Análisis", "es-MX", true)));
        await().atMost(PATIENCE).until(() -> scenario.affiliationOf(implan.otherStaff().email()).orElseThrow().primary());

        assertThat(scenario.affiliationOf(implan.primary().email()).orElseThrow().primary()).isFalse();
        assertNotFound(get(registration, implan.primary().token()), "the former primary contact");
        assertThat(get(registration, implan.otherStaff().token()).statusCode()).as("the new primary contact").isEqualTo(200);
    }

    private String registered(UUID event, String token, String email) {
        HttpResponse<String> response = scenario.register(event, token, email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return registrationId(scenario.body(response));
    }

    private HttpResponse<String> get(String registration, String token) {
        return scenario.api().get("/api/v1/registrations/" + registration, token);
    }

    private HttpResponse<String> cancel(String registration, String token) {
        return scenario.act(registration, "cancellation", token);
    }

    private void assertNotFound(HttpResponse<String> response, String who) {
        assertThat(response.statusCode()).as("%s: %s", who, response.body()).isEqualTo(404);
        assertThat(scenario.body(response).get("type").asString()).as(who).endsWith("/registration-not-found");
    }
}
