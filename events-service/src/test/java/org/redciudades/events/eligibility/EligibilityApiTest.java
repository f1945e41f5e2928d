package org.redciudades.events.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.ContactFact;
import org.redciudades.events.EventsScenario.Institution;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

@EventsServiceTest
class EligibilityApiTest {

    @Autowired
    EventsScenario scenario;

    @Test
    void a_person_acts_for_the_institution_their_verified_email_is_a_contact_of_while_the_projection_says_it_is_active() {
        Institution implan = scenario.activeInstitution();
        String applicantsContact = EventsScenario.newAddress("solicitante");
        scenario.applicant(ContactFact.of(applicantsContact, true));
        ApiClient api = scenario.api();

        var ofStaff = api.get("/api/v1/eligibility/me", implan.staff().token());
        var ofPrimary = api.get("/api/v1/eligibility/me", implan.primary().token());
        var ofApplicant = api.get("/api/v1/eligibility/me", scenario.person(applicantsContact));
        var ofNobodysContact = api.get("/api/v1/eligibility/me", scenario.staff());
        var unverified = api.get("/api/v1/eligibility/me", TestTokens.unverifiedEmail(implan.staff().email()));

        assertThat(ofStaff.statusCode()).as(ofStaff.body()).isEqualTo(200);
        assertThat(scenario.body(ofStaff).get("memberId").asString()).isEqualTo(implan.memberId().toString());
        assertThat(scenario.body(ofStaff).get("eligible").asBoolean()).isTrue();
        assertThat(scenario.body(ofPrimary).get("memberId").asString()).isEqualTo(implan.memberId().toString());
        assertThat(ofApplicant.statusCode()).isEqualTo(403);
        assertThat(scenario.body(ofApplicant).get("type").asString()).endsWith("/member-not-active");
        assertThat(ofNobodysContact.statusCode()).isEqualTo(403);
        assertThat(scenario.body(ofNobodysContact).get("type").asString()).endsWith("/no-member-institution");
        assertThat(unverified.statusCode()).as("an address the provider did not verify proves nothing").isEqualTo(403);
        assertThat(scenario.body(unverified).get("type").asString()).endsWith("/no-member-institution");
    }
}
