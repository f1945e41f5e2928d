package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;

@EventsServiceTest
class RegistrationApiTest {

    @Autowired
    EventsScenario scenario;

    @Test
    void people_register_once_each_the_overflow_waits_and_a_cancellation_promotes_the_oldest_waiting() {
        UUID event = scenario.announced(EventDraft.workshop());
        String staff = scenario.staff();

        HttpResponse<String> ana = scenario.register(event, staff, "ana@municipio.example.gt");
        HttpResponse<String> again = scenario.register(event, staff, "ANA@municipio.example.gt");
        scenario.register(event, staff, "bruno@municipio.example.gt");
        HttpResponse<String> carla = scenario.register(event, staff, "carla@municipio.example.gt");

        assertThat(ana.statusCode()).isEqualTo(201);
        assertThat(status(ana)).isEqualTo("CONFIRMED");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(id(again)).isEqualTo(id(ana));
        assertThat(status(carla)).isEqualTo("WAITLISTED");

        HttpResponse<String> cancelled = scenario.act(id(ana), "cancellation", scenario.organizer());
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(scenario.body(cancelled).get("promoted").get(0).asString()).isEqualTo(id(carla));
    }

    @Test
    void a_members_only_event_takes_only_staff_of_institutions_active_in_this_services_projection() {
        UUID active = scenario.activeMember();
        UUID event = scenario.announced(EventDraft.workshop().membersOnly());

        HttpResponse<String> member = scenario.register(event, TestTokens.forMember(active), "mariana@implan.example.mx");
        HttpResponse<String> stranger = scenario.register(event, TestTokens.forMember(UUID.randomUUID()), "otra@municipio.example.mx");
        HttpResponse<String> noInstitution = scenario.register(event, scenario.staff(), "sin@municipio.example.mx");

        assertThat(member.statusCode()).isEqualTo(201);
        assertThat(scenario.body(member).get("memberId").asString()).isEqualTo(active.toString());
        assertThat(stranger.statusCode()).isEqualTo(403);
        assertThat(scenario.body(stranger).get("type").asString()).endsWith("/member-not-active");
        assertThat(noInstitution.statusCode()).isEqualTo(403);
        assertThat(scenario.body(noInstitution).get("type").asString()).endsWith("/no-member-institution");
    }

    @Test
    void registration_is_refused_outside_its_window_and_before_the_event_is_announced() {
        UUID closed = scenario.announced(EventDraft.workshop()
                .withRegistrationWindow("2025-12-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        UUID draft = scenario.drafted(EventDraft.workshop());

        assertThat(scenario.register(closed, scenario.staff(), "tarde@municipio.example.gt").statusCode()).isEqualTo(409);
        assertThat(scenario.register(draft, scenario.staff(), "pronto@municipio.example.gt").statusCode()).isEqualTo(409);
    }

    private String id(HttpResponse<String> response) {
        return EventsScenario.registrationId(scenario.body(response));
    }

    private String status(HttpResponse<String> response) {
        return scenario.body(response).get("status").asString();
    }
}
