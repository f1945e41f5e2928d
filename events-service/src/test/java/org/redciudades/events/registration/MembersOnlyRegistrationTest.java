package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.events.EventsScenario.PATIENCE;
import static org.redciudades.events.EventsScenario.membershipFact;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.ContactFact;
import org.redciudades.events.EventsScenario.Institution;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who may register for a members-only event: a person whose verified email is a contact of an institution
 * that is ACTIVE here. Membership facts change it as soon as this service consumes them.
 */
@EventsServiceTest
class MembersOnlyRegistrationTest {

    @Autowired
    EventsScenario scenario;

    @Test
    void a_contact_of_an_active_institution_registers_for_it_with_their_verified_email_and_nobody_else_does() {
        Institution implan = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop().membersOnly());

        HttpResponse<String> contact = scenario.register(event, implan.staff().token(), implan.staff().email());
        HttpResponse<String> unverified = scenario.register(event, TestTokens.unverifiedEmail(implan.otherStaff().email()),
                implan.otherStaff().email());
        HttpResponse<String> nobodysContact = scenario.register(event, scenario.staff(), EventsScenario.newAddress("vecina"));

        assertThat(contact.statusCode()).as(contact.body()).isEqualTo(201);
        assertThat(scenario.body(contact).get("memberId").asString()).isEqualTo(implan.memberId().toString());
        assertRefused(unverified, "no-member-institution");
        assertRefused(nobodysContact, "no-member-institution");
    }

    @Test
    void a_person_who_is_nobodys_contact_registers_for_a_public_event_for_no_institution() {
        UUID event = scenario.announced(EventDraft.workshop());

        HttpResponse<String> registered = scenario.register(event, scenario.staff(), EventsScenario.newAddress("vecina"));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(scenario.body(registered).get("memberId").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"member.suspended", "agreement.expired", "member.withdrawn"})
    void once_the_institution_is_no_longer_active_its_contacts_are_refused_members_only_events(String fact) {
        Institution implan = scenario.activeInstitution();
        UUID before = scenario.announced(EventDraft.workshop().membersOnly());
        UUID after = scenario.announced(EventDraft.workshop().membersOnly());
        assertThat(scenario.register(before, implan.staff().token(), implan.staff().email()).statusCode()).isEqualTo(201);

        scenario.publish(membershipFact(fact, implan.memberId()));
        awaitEligibility(implan.otherStaff().token(), 403);

        HttpResponse<String> refused = scenario.register(after, implan.otherStaff().token(), implan.otherStaff().email());
        assertRefused(refused, "member-not-active");
        assertThat(scenario.body(refused).get("detail").asString()).contains(implan.memberId().toString());
    }

    @Test
    void a_suspended_institutions_contacts_register_again_once_it_is_reinstated() {
        Institution implan = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop().membersOnly());
        scenario.publish(membershipFact("member.suspended", implan.memberId()));
        awaitEligibility(implan.staff().token(), 403);
        assertRefused(scenario.register(event, implan.staff().token(), implan.staff().email()), "member-not-active");

        scenario.publish(membershipFact("member.reinstated", implan.memberId()));
        awaitEligibility(implan.staff().token(), 200);

        assertThat(scenario.register(event, implan.staff().token(), implan.staff().email()).statusCode()).isEqualTo(201);
    }

    @Test
    void a_contact_moved_to_an_institution_that_is_not_active_is_refused_once_the_move_is_consumed() {
        Institution implan = scenario.activeInstitution();
        UUID applicant = scenario.applicant(ContactFact.of(EventsScenario.newAddress("solicitante"), true));
        UUID event = scenario.announced(EventDraft.workshop().membersOnly());

        moveContact(implan.staff(), implan.memberId(), applicant);

        assertRefused(scenario.register(event, implan.staff().token(), implan.staff().email()), "member-not-active");
    }

    @Test
    void a_contact_moved_to_another_active_institution_registers_for_that_one_and_counts_against_its_quota() {
        Institution implan = scenario.activeInstitution();
        Institution other = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop().membersOnly().withMemberQuota(1));
        assertThat(scenario.register(event, other.staff().token(), other.staff().email()).statusCode()).isEqualTo(201);

        moveContact(implan.otherStaff(), implan.memberId(), other.memberId());

        HttpResponse<String> moved = scenario.register(event, implan.otherStaff().token(), implan.otherStaff().email());
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(409);
        assertThat(scenario.body(moved).get("type").asString()).endsWith("/member-quota-reached");
        assertThat(scenario.register(event, implan.staff().token(), implan.staff().email()).statusCode())
                .as("the institution they left has its own quota").isEqualTo(201);
    }

    @Test
    void an_erased_contact_acts_for_no_institution_once_the_erasure_is_consumed() {
        Institution implan = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop().membersOnly());

        scenario.publish(membershipFact("contact.erased", implan.memberId()).with("/contactId", implan.staff().contactId()));
        awaitEligibility(implan.staff().token(), 403);

        assertRefused(scenario.register(event, implan.staff().token(), implan.staff().email()), "no-member-institution");
        assertThat(scenario.register(event, implan.otherStaff().token(), implan.otherStaff().email()).statusCode())
                .as("the institution's other contacts are unaffected").isEqualTo(201);
    }

    /**
     * As membership-service moves a person: removed from one institution, added to the other as a new
     * contact (two facts with different keys, so consumed in either order); waits until both are consumed.
     */
    private void moveContact(EventsScenario.Person person, UUID from, UUID to) {
        scenario.publish(membershipFact("contact.removed", from).with("/contactId", person.contactId()));
        scenario.publish(membershipFact("contact.added", to)
                .with("/contact", new ContactFact(UUID.randomUUID(), "Persona trasladada", person.email(), "Enlace", "es-MX", false)));
        await().atMost(PATIENCE).until(() -> !scenario.isContact(person.contactId())
                && scenario.affiliationOf(person.email()).filter(institution -> institution.memberId().equals(to)).isPresent());
    }

    private void awaitEligibility(String token, int status) {
        await().atMost(PATIENCE).until(() -> scenario.api().get("/api/v1/eligibility/me", token).statusCode() == status);
    }

    private void assertRefused(HttpResponse<String> response, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        assertThat(scenario.body(response).get("type").asString()).endsWith("/" + type);
    }
}
