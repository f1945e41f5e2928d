package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.events.EventsScenario.newAddress;
import static org.redciudades.events.EventsScenario.newClientAddress;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.ContactFact;
import org.redciudades.events.EventsScenario.Registrant;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Registration without an account for PUBLIC events ({@code POST /api/v1/events/{id}/guest-registrations}),
 * as the portal makes it for its visitors, and the manage link that is the guest's way back: the facts
 * that tell the guest where they stand carry its token, which notification-service writes into their
 * email as {@code <portal>/registrations/{id}/manage?token=}.
 */
@EventsServiceTest
class GuestRegistrationApiTest {

    static final String LINK = "https://meet.example.org/movilidad";

    @Autowired
    EventsScenario scenario;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GuestLinks links;

    @Test
    void a_guest_registers_for_a_public_event_and_the_link_in_their_confirmation_shows_the_registration() {
        UUID event = scenario.announced(EventDraft.workshop());
        String email = newAddress("Lucia.Hernandez");

        HttpResponse<String> accepted = scenario.registerAsGuest(event, new Registrant("Lucía Hernández", email, "es-MX"));

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(scenario.body(accepted).propertyNames()).containsExactlyInAnyOrder("email", "next");
        assertThat(scenario.body(accepted).get("email").asString()).isEqualTo(email);
        assertThat(scenario.body(accepted).get("next").asString()).isEqualTo("check-your-email");
        assertThat(accepted.headers().firstValue("Location")).isEmpty();

        String registration = scenario.activeRegistration(event, email);
        var stored = jdbc.sql("select guest, registered_by, member_id, status from registration where id = :id::uuid")
                .param("id", registration).query().singleRow();
        assertThat(stored.get("guest")).isEqualTo(true);
        assertThat(stored.get("registered_by")).as("no token subject").isNull();
        assertThat(stored.get("member_id")).as("no institution").isNull();
        assertThat(stored.get("status")).isEqualTo("CONFIRMED");

        JsonNode confirmed = scenario.facts().of(event, "registration.confirmed").getFirst();
        String token = confirmed.get("attendee").get("manageToken").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{43}").isEqualTo(links.tokenFor(UUID.fromString(registration)));
        assertThat(confirmed.get("attendee").get("memberId").isNull()).isTrue();
        assertThat(confirmed.get("event").get("onlineLink").asString()).isEqualTo(LINK);

        HttpResponse<String> seen = scenario.guestRegistration(registration, token);
        assertThat(seen.statusCode()).as(seen.body()).isEqualTo(200);
        JsonNode view = scenario.body(seen);
        assertThat(view.get("id").asString()).isEqualTo(registration);
        assertThat(view.get("name").asString()).isEqualTo("Lucía Hernández");
        assertThat(view.get("email").asString()).isEqualTo(email.toLowerCase());
        assertThat(view.get("locale").asString()).isEqualTo("es-MX");
        assertThat(view.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(view.get("waitlistPosition").isNull()).isTrue();
        assertThat(view.get("mayCancel").asBoolean()).isTrue();
        assertThat(view.get("onlineLink").asString()).isEqualTo(LINK);
        assertThat(view.get("event").get("id").asString()).isEqualTo(event.toString());
        assertThat(view.get("event").get("timeZone").asString()).isEqualTo("America/Guatemala");
    }

    @Test
    void a_guest_cancelling_through_their_link_promotes_the_first_waiting_guest_whose_promotion_carries_their_own_link() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1));
        String seatedEmail = newAddress("sentada");
        String waitingEmail = newAddress("esperando");
        scenario.registerAsGuest(event, Registrant.of(seatedEmail));
        scenario.registerAsGuest(event, Registrant.of(waitingEmail));
        String seated = scenario.activeRegistration(event, seatedEmail);
        String waiting = scenario.activeRegistration(event, waitingEmail);
        String seatedToken = scenario.manageToken(event, seated);
        String waitingToken = scenario.manageToken(event, waiting);

        JsonNode whileWaiting = scenario.body(scenario.guestRegistration(waiting, waitingToken));
        assertThat(whileWaiting.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(whileWaiting.get("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(whileWaiting.get("onlineLink").isNull()).as("no link without a seat").isTrue();
        assertThat(scenario.facts().of(event, "registration.waitlisted").getFirst().get("attendee").get("manageToken")
                .asString()).isEqualTo(waitingToken);

        HttpResponse<String> cancelled = scenario.cancelAsGuest(seated, seatedToken);

        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(scenario.body(cancelled).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(scenario.body(cancelled).get("mayCancel").asBoolean()).isFalse();
        assertThat(scenario.body(cancelled).toString()).as("nothing about whoever got the seat").doesNotContain(waiting);
        JsonNode cancellation = scenario.facts().of(event, "registration.cancelled").getFirst();
        assertThat(cancellation.get("cancelledBy").asString()).isEqualTo("ATTENDEE");
        assertThat(cancellation.get("attendee").get("manageToken").isNull()).as("not needed to tell of an end").isTrue();
        JsonNode promotion = scenario.facts().of(event, "registration.promoted").getFirst();
        assertThat(promotion.get("registrationId").asString()).isEqualTo(waiting);
        assertThat(promotion.get("attendee").get("manageToken").asString()).isEqualTo(waitingToken);
        JsonNode promoted = scenario.body(scenario.guestRegistration(waiting, waitingToken));
        assertThat(promoted.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(promoted.get("onlineLink").asString()).isEqualTo(LINK);

        assertThat(scenario.cancelAsGuest(seated, seatedToken).statusCode()).as("cancelling twice changes nothing")
                .isEqualTo(200);
        assertThat(scenario.facts().of(event, "registration.cancelled")).hasSize(1);
    }

    @Test
    void a_guest_at_an_event_that_needs_approval_gets_their_link_when_held_and_again_when_approved() {
        UUID event = scenario.announced(EventDraft.workshop().withApproval());
        String email = newAddress("aprobacion");
        scenario.registerAsGuest(event, Registrant.of(email));
        String registration = scenario.activeRegistration(event, email);
        String token = links.tokenFor(UUID.fromString(registration));

        assertThat(scenario.facts().of(event, "registration.pending-approval").getFirst()
                .get("attendee").get("manageToken").asString()).isEqualTo(token);
        assertThat(scenario.act(registration, "approval", scenario.organizer()).statusCode()).isEqualTo(200);
        assertThat(scenario.facts().of(event, "registration.approved").getFirst()
                .get("attendee").get("manageToken").asString()).isEqualTo(token);
    }

    @Test
    void a_wrong_or_missing_token_finds_no_registration_to_see_or_cancel() {
        UUID event = scenario.announced(EventDraft.workshop());
        String ana = newAddress("ana");
        String bruno = newAddress("bruno");
        scenario.registerAsGuest(event, Registrant.of(ana));
        scenario.registerAsGuest(event, Registrant.of(bruno));
        String anas = scenario.activeRegistration(event, ana);
        String brunos = scenario.activeRegistration(event, bruno);
        String brunosToken = scenario.manageToken(event, brunos);
        String anasToken = scenario.manageToken(event, anas);

        for (String token : new String[] {brunosToken, null, "", "no-es-un-token", anasToken.substring(1),
                anasToken.substring(0, 42) + (anasToken.endsWith("A") ? "B" : "A")}) {
            assertNotFound(scenario.guestRegistration(anas, token), token);
            assertNotFound(scenario.cancelAsGuest(anas, token), token);
        }
        assertNotFound(scenario.guestRegistration(UUID.randomUUID().toString(), anasToken), "a token for another id");
        assertThat(scenario.status(UUID.fromString(anas))).isEqualTo("CONFIRMED");
    }

    @Test
    void a_registration_made_by_someone_signed_in_has_no_manage_link_even_with_a_well_signed_token() {
        UUID event = scenario.announced(EventDraft.workshop());
        String email = newAddress("con-cuenta");
        HttpResponse<String> registered = scenario.register(event, scenario.staff(), email);
        String registration = EventsScenario.registrationId(scenario.body(registered));
        String forged = links.tokenFor(UUID.fromString(registration));

        assertNotFound(scenario.guestRegistration(registration, forged), "a signed-in person's registration");
        assertNotFound(scenario.cancelAsGuest(registration, forged), "a signed-in person's registration");
        assertThat(scenario.facts().of(event, "registration.confirmed").getFirst().get("attendee").get("manageToken")
                .isNull()).as("the facts of a signed-in person's registration carry no token").isTrue();
        assertThat(scenario.status(UUID.fromString(registration))).isEqualTo("CONFIRMED");
    }

    @Test
    void a_members_only_event_refuses_guests_and_stores_nothing() {
        UUID event = scenario.announced(EventDraft.workshop().membersOnly());

        HttpResponse<String> refused = scenario.registerAsGuest(event, Registrant.of(newAddress("invitada")));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("\"https://redciudades.org/problems/members-only-event\"");
        assertThat(scenario.registrations(event)).isZero();
        assertThat(scenario.facts().types(event)).containsExactly("event.announced");
    }

    @Test
    void a_repeat_for_the_same_email_is_answered_the_same_and_changes_nothing_whoever_registered_it() {
        UUID event = scenario.announced(EventDraft.workshop());
        String guest = newAddress("repite");
        String member = newAddress("con-cuenta");
        scenario.register(event, scenario.staff(), member);

        HttpResponse<String> first = scenario.registerAsGuest(event, Registrant.of(guest));
        HttpResponse<String> again = scenario.registerAsGuest(event, new Registrant("Otro nombre", guest.toUpperCase(), "en"));
        HttpResponse<String> signedInsEmail = scenario.registerAsGuest(event, Registrant.of(member));

        for (HttpResponse<String> response : List.of(first, again, signedInsEmail)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            assertThat(scenario.body(response).get("next").asString()).isEqualTo("check-your-email");
        }
        assertThat(scenario.body(again).get("email").asString()).as("the email as given").isEqualTo(guest.toUpperCase());
        assertThat(scenario.registrations(event)).isEqualTo(2);
        assertThat(scenario.facts().of(event, "registration.confirmed")).as("one fact each, so one email each").hasSize(2);
        var stored = jdbc.sql("select name, locale, guest from registration where email = :e")
                .param("e", guest).query().singleRow();
        assertThat(stored.get("name")).as("unchanged").isEqualTo("Asistente");
        assertThat(stored.get("locale")).isEqualTo("es-MX");
        assertThat(jdbc.sql("select guest from registration where email = :e").param("e", member)
                .query(Boolean.class).single()).as("still the signed-in person's").isFalse();
    }

    @Test
    void refusals_depend_on_the_event_alone_so_they_tell_nothing_about_who_is_registered() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1));
        jdbc.sql("update event set waitlist_enabled = false where id = :id").param("id", event).update();
        String registered = newAddress("registrada");
        assertThat(scenario.registerAsGuest(event, Registrant.of(registered)).statusCode()).isEqualTo(202);

        HttpResponse<String> newcomer = scenario.registerAsGuest(event, Registrant.of(newAddress("nueva")));
        HttpResponse<String> repeat = scenario.registerAsGuest(event, Registrant.of(registered));

        assertThat(newcomer.statusCode()).isEqualTo(409);
        assertThat(repeat.statusCode()).isEqualTo(409);
        assertThat(repeat.body()).contains("\"https://redciudades.org/problems/event-full\"");
        scenario.moveEvent(event, Duration.ofHours(-1), Duration.ofHours(1));
        HttpResponse<String> lateRepeat = scenario.registerAsGuest(event, Registrant.of(registered));
        assertThat(lateRepeat.statusCode()).isEqualTo(409);
        assertThat(lateRepeat.body()).contains("\"https://redciudades.org/problems/registration-closed\"");
    }

    @Test
    void more_guest_registrations_for_one_email_than_the_limit_are_refused_with_retry_after_and_store_nothing() {
        String email = newAddress("insistente");
        for (int i = 0; i < 5; i++) {
            UUID event = scenario.announced(EventDraft.workshop());
            assertThat(scenario.registerAsGuest(event, Registrant.of(email)).statusCode()).isEqualTo(202);
        }
        UUID sixth = scenario.announced(EventDraft.workshop());

        HttpResponse<String> refused = scenario.registerAsGuest(sixth, Registrant.of(email.toUpperCase()));

        assertTooMany(refused);
        assertThat(scenario.registrations(sixth)).isZero();
        assertThat(scenario.registerAsGuest(sixth, Registrant.of(newAddress("otra"))).statusCode())
                .as("another email is not held back").isEqualTo(202);
    }

    @Test
    void more_guest_registrations_from_one_client_address_than_the_limit_are_refused_with_retry_after_and_store_nothing() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(100));
        String address = newClientAddress();
        for (int i = 0; i < 20; i++) {
            assertThat(scenario.registerAsGuest(event, Registrant.of(newAddress("vecina")), address).statusCode())
                    .isEqualTo(202);
        }

        String last = newAddress("ultima");
        HttpResponse<String> refused = scenario.registerAsGuest(event, Registrant.of(last), address);

        assertTooMany(refused);
        assertThat(scenario.registrations(event)).isEqualTo(20);
        assertThat(scenario.registerAsGuest(event, Registrant.of(last), newClientAddress()).statusCode())
                .as("from another address, the same email is not held back: its refused attempt was not counted")
                .isEqualTo(202);
    }

    @Test
    void erasing_a_contact_also_blanks_the_registration_they_made_as_a_guest_and_its_link_shows_no_more_of_them() {
        ContactFact contact = ContactFact.of(newAddress("mariana"), true);
        UUID member = scenario.applicant(contact);
        UUID event = scenario.announced(EventDraft.workshop());
        scenario.registerAsGuest(event, new Registrant("Mariana Ávila Treviño", contact.email(), "es-MX"));
        String registration = scenario.activeRegistration(event, contact.email());
        String token = scenario.manageToken(event, registration);

        scenario.publish(EventsScenario.membershipFact("contact.erased", member).with("/contactId", contact.contactId()));

        await().atMost(EventsScenario.PATIENCE).untilAsserted(() -> assertThat(scenario.guestRegistration(registration, token).body())
                .doesNotContain(contact.email()).doesNotContain("Mariana"));
        assertThat(scenario.status(UUID.fromString(registration))).as("the seat stays").isEqualTo("CONFIRMED");
    }

    private static void assertNotFound(HttpResponse<String> response, String token) {
        assertThat(response.statusCode()).as("%s: %s", token, response.body()).isEqualTo(404);
        assertThat(response.body()).as(token).contains("\"https://redciudades.org/problems/registration-not-found\"");
    }

    private static void assertTooMany(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"https://redciudades.org/problems/too-many-guest-registrations\"");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
    }
}
