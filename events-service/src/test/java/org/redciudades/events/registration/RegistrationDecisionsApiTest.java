package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.events.EventsScenario.registrationId;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.Institution;
import org.redciudades.events.EventsScenario.Reason;
import org.redciudades.events.EventsScenario.Registrant;
import org.redciudades.events.EventsServiceTest;
import org.redciudades.events.PublishedFacts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@EventsServiceTest
class RegistrationDecisionsApiTest {

    @Autowired
    EventsScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void with_approval_a_free_seat_is_held_pending_a_rejection_passes_it_to_the_next_waiting_and_an_approval_confirms() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1).withApproval());
        String staff = scenario.staff();
        String organizer = scenario.organizer();
        PublishedFacts facts = scenario.facts();

        JsonNode first = body(register(event, staff, "primera@municipio.example.gt"));
        JsonNode second = body(register(event, staff, "segunda@municipio.example.gt"));
        assertThat(first.get("status").asString()).isEqualTo("PENDING_APPROVAL");
        assertThat(second.get("status").asString()).isEqualTo("WAITLISTED");

        HttpResponse<String> rejected = scenario.act(registrationId(first), "rejection", organizer,
                new Reason("El taller es para personal técnico"));
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(body(rejected).get("promoted").get(0).asString()).isEqualTo(registrationId(second));
        assertThat(status(second)).as("the freed seat is held for the next person's approval").isEqualTo("PENDING_APPROVAL");

        HttpResponse<String> approved = scenario.act(registrationId(second), "approval", organizer);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(body(approved).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(scenario.act(registrationId(first), "approval", organizer).statusCode())
                .as("a rejected registration cannot be approved").isEqualTo(409);

        assertThat(facts.types(event)).containsExactly("event.announced", "registration.pending-approval",
                "registration.waitlisted", "registration.rejected", "registration.pending-approval", "registration.approved");
        assertThat(facts.of(event, "registration.rejected").getFirst().get("reason").asString()).isEqualTo("El taller es para personal técnico");
        assertThat(facts.of(event, "registration.approved").getFirst().get("event").get("onlineLink").asString())
                .as("the approved person gets the online link").isEqualTo("https://meet.example.org/movilidad");
        assertThat(scenario.seatsTaken(event)).isEqualTo(1);
    }

    @Test
    void approving_a_pending_registration_of_a_cancelled_event_is_refused_in_either_language_and_confirms_no_one() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1).withApproval());
        String organizer = scenario.organizer();
        String pending = registrationId(body(register(event, scenario.staff(), "pendiente@municipio.example.gt")));
        scenario.act(event, "cancellation", new Reason("Sede no disponible"));

        HttpResponse<String> approved = scenario.act(pending, "approval", organizer);
        HttpResponse<String> inEnglish = scenario.api().send("POST", "/api/v1/registrations/" + pending + "/approval",
                organizer, null, null, Map.of("Accept-Language", "en"));

        assertThat(approved.statusCode()).isEqualTo(409);
        assertThat(approved.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(body(approved).get("type").asString()).endsWith("/event-cancelled");
        assertThat(body(approved).get("title").asString()).isEqualTo("Evento cancelado");
        assertThat(body(inEnglish).get("title").asString()).isEqualTo("Event cancelled");
        assertThat(scenario.status(UUID.fromString(pending))).isEqualTo("PENDING_APPROVAL");
        assertThat(scenario.facts().types(event))
                .containsExactly("event.announced", "registration.pending-approval", "event.cancelled");
    }

    @Test
    void an_institution_registers_at_most_its_quota_counted_by_whose_contacts_the_registering_people_are() {
        Institution implan = scenario.activeInstitution();
        Institution other = scenario.activeInstitution();
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(10).withMemberQuota(2));

        HttpResponse<String> first = register(event, implan.staff().token(), implan.staff().email());
        HttpResponse<String> second = register(event, implan.otherStaff().token(), implan.otherStaff().email());
        HttpResponse<String> third = register(event, implan.primary().token(), implan.primary().email());
        HttpResponse<String> repeat = register(event, implan.otherStaff().token(), implan.otherStaff().email());
        HttpResponse<String> elsewhere = register(event, other.staff().token(), other.staff().email());
        HttpResponse<String> nobodysContact = register(event, scenario.staff(), "vecina@municipio.example.gt");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(body(first).get("memberId").asString()).isEqualTo(implan.memberId().toString());
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(third.statusCode()).isEqualTo(409);
        assertThat(body(third).get("type").asString()).endsWith("/member-quota-reached");
        assertThat(body(third).get("memberQuota").asInt()).isEqualTo(2);
        assertThat(repeat.statusCode()).as("a repeat is not a new registration").isEqualTo(200);
        assertThat(elsewhere.statusCode()).isEqualTo(201);
        assertThat(body(elsewhere).get("memberId").asString()).isEqualTo(other.memberId().toString());
        assertThat(nobodysContact.statusCode()).as("a person who acts for no institution has no quota").isEqualTo(201);
        assertThat(body(nobodysContact).get("memberId").isNull()).isTrue();
        assertThat(scenario.registrations(event)).isEqualTo(4);
    }

    @Test
    void attendees_see_and_cancel_only_their_own_registration_and_only_before_the_deadline() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1));
        ApiClient api = scenario.api();
        String ana = scenario.staff();
        String stranger = scenario.staff();
        JsonNode hers = body(register(event, ana, "ana@municipio.example.gt"));
        JsonNode waiting = body(register(event, stranger, "beto@municipio.example.gt"));

        JsonNode ownView = body(api.get("/api/v1/registrations/" + registrationId(hers), ana));
        JsonNode waitingView = body(api.get("/api/v1/registrations/" + registrationId(waiting), stranger));
        assertThat(ownView.get("onlineLink").asString()).as("a confirmed attendee sees the link").isEqualTo("https://meet.example.org/movilidad");
        assertThat(waitingView.get("onlineLink").isNull()).as("a waiting one does not").isTrue();
        assertThat(api.get("/api/v1/registrations/" + registrationId(hers), stranger).statusCode()).isEqualTo(404);
        assertThat(scenario.act(registrationId(hers), "cancellation", stranger).statusCode()).isEqualTo(404);
        assertThat(status(hers)).isEqualTo("CONFIRMED");

        HttpResponse<String> cancelled = scenario.act(registrationId(hers), "cancellation", ana);
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(body(cancelled).get("promoted").get(0).asString()).isEqualTo(registrationId(waiting));
        assertThat(scenario.facts().of(event, "registration.cancelled").getFirst().get("cancelledBy").asString())
                .isEqualTo("ATTENDEE");

        jdbc.sql("update event set cancellation_deadline = now() - interval '1 minute' where id = :id").param("id", event).update();
        HttpResponse<String> late = scenario.act(registrationId(waiting), "cancellation", stranger);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(body(late).get("type").asString()).endsWith("/cancellation-deadline-passed");
        assertThat(scenario.act(registrationId(waiting), "cancellation", scenario.organizer()).statusCode())
                .as("organizers may still cancel").isEqualTo(200);
    }

    @Test
    void check_in_is_for_confirmed_people_is_recorded_once_and_published_once() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1));
        String staff = scenario.staff();
        String organizer = scenario.organizer();
        String confirmed = registrationId(body(register(event, staff, "presente@municipio.example.gt")));
        String waiting = registrationId(body(register(event, staff, "espera@municipio.example.gt")));

        HttpResponse<String> checkedIn = scenario.act(confirmed, "attendance", organizer);
        HttpResponse<String> again = scenario.act(confirmed, "attendance", organizer);
        HttpResponse<String> notSeated = scenario.act(waiting, "attendance", organizer);

        assertThat(checkedIn.statusCode()).isEqualTo(200);
        assertThat(body(checkedIn).get("attendedAt").isNull()).isFalse();
        assertThat(body(again).get("attendedAt").asString()).isEqualTo(body(checkedIn).get("attendedAt").asString());
        assertThat(notSeated.statusCode()).isEqualTo(409);
        assertThat(body(notSeated).get("type").asString()).endsWith("/registration-status-conflict");
        assertThat(scenario.facts().of(event, "attendance.recorded")).singleElement()
                .satisfies(fact -> assertThat(fact.get("registrationId").asString()).isEqualTo(confirmed));
    }

    @Test
    void organizers_list_registrations_by_status_and_export_them_as_csv_that_excel_reads_with_accents() {
        Institution implan = scenario.activeInstitution("IMPLAN Torreón");
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1));
        ApiClient api = scenario.api();
        String organizer = scenario.organizer();
        scenario.register(event, implan.staff().token(),
                new Registrant("Mariana Ávila Treviño", "mariana@implan.example.mx", "es-MX"));
        scenario.register(event, scenario.staff(),
                new Registrant("=HYPERLINK(\"http://x\")", "formula@municipio.example.gt", "es-MX"));

        JsonNode waiting = body(api.get("/api/v1/events/" + event + "/registrations?status=WAITLISTED", organizer));
        assertThat(waiting.get("totalItems").asLong()).isEqualTo(1);
        assertThat(waiting.get("items").get(0).get("email").asString()).isEqualTo("formula@municipio.example.gt");

        HttpResponse<byte[]> csv = api.getBytes("/api/v1/events/" + event + "/registrations.csv", organizer);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
        byte[] bytes = csv.body();
        assertThat(new byte[] {bytes[0], bytes[1], bytes[2]}).as("UTF-8 byte-order mark").containsExactly(0xEF, 0xBB, 0xBF);
        List<String> lines = List.of(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("registration_id,status,name,email,institution");
        assertThat(lines.get(1)).contains(",CONFIRMED,Mariana Ávila Treviño,mariana@implan.example.mx,IMPLAN Torreón,");
        assertThat(lines.get(2)).as("a formula is neutralised and quoted")
                .contains(",WAITLISTED,\"'=HYPERLINK(\"\"http://x\"\")\",");
    }

    @Test
    void at_the_door_organizers_find_people_by_a_name_without_its_accents_by_email_or_by_the_registration_code() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(5));
        ApiClient api = scenario.api();
        String organizer = scenario.organizer();
        String jose = registrationId(scenario.body(scenario.register(event, scenario.staff(),
                new Registrant("José Ángel Núñez", "jose.nunez@municipio.example.gt", "es-MX"))));
        String ana = registrationId(scenario.body(scenario.register(event, scenario.staff(),
                new Registrant("Ana Joséfina Ruiz", "ana.ruiz@municipio.example.gt", "es-MX"))));
        scenario.register(event, scenario.staff(), new Registrant("Pedro Ek", "pedro@municipio.example.gt", "es-MX"));
        String code = jose.substring(0, 4).toUpperCase() + "-" + jose.substring(4, 8).toUpperCase();

        assertThat(ids(api.get("/api/v1/events/" + event + "/registrations?q=jose&sort=name", organizer)))
                .containsExactly(ana, jose);
        assertThat(ids(api.get("/api/v1/events/" + event + "/registrations?q=NUNEZ", organizer))).containsExactly(jose);
        assertThat(ids(api.get("/api/v1/events/" + event + "/registrations?q=ana.ruiz@", organizer))).containsExactly(ana);
        assertThat(ids(api.get("/api/v1/events/" + event + "/registrations?q=" + code, organizer)))
                .as("the registration code of the email").containsExactly(jose);
        assertThat(ids(api.get("/api/v1/events/" + event + "/registrations?q=" + jose, organizer))).containsExactly(jose);
        assertThat(ids(api.get("/api/v1/events/" + event + "/registrations?q=%25", organizer)))
                .as("a wildcard is a character like any other").isEmpty();
        assertThat(ids(api.get("/api/v1/events/" + event + "/registrations?q=zzzz&status=CONFIRMED", organizer))).isEmpty();
        assertThat(api.get("/api/v1/events/" + event + "/registrations?q=" + "x".repeat(201), organizer).statusCode())
                .isEqualTo(400);
    }

    private List<String> ids(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        body(page).get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private HttpResponse<String> register(UUID event, String token, String email) {
        return scenario.register(event, token, email);
    }

    private JsonNode body(HttpResponse<String> response) {
        return scenario.body(response);
    }

    private String status(JsonNode registration) {
        return scenario.status(UUID.fromString(registrationId(registration)));
    }
}
