package org.redciudades.events.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.events.EventsScenario.newAddress;
import static org.redciudades.events.EventsScenario.registrationId;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.events.EventDraft;
import org.redciudades.events.EventsScenario;
import org.redciudades.events.EventsScenario.Institution;
import org.redciudades.events.EventsScenario.Reason;
import org.redciudades.events.EventsServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A person's own registrations ({@code GET /api/v1/registrations/mine}), as the portal's "my registrations"
 * page shows them: only what they made, split into upcoming and past, with their place in the waiting list,
 * the online link once seated, and whether they may still cancel.
 */
@EventsServiceTest
class MyRegistrationsApiTest {

    static final String LINK = "https://meet.example.org/movilidad";

    @Autowired
    EventsScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void a_person_lists_exactly_the_registrations_they_made_not_a_colleagues_nor_another_institutions() {
        Institution implan = scenario.activeInstitution();
        Institution other = scenario.activeInstitution();
        UUID workshop = scenario.announced(EventDraft.workshop().withCapacity(10));
        UUID course = scenario.announced(EventDraft.workshop().withCapacity(10));
        String own = registered(workshop, implan.staff().token(), implan.staff().email());
        String ownElsewhere = registered(course, implan.staff().token(), implan.staff().email());
        String forAColleague = registered(course, implan.staff().token(), newAddress("colega"));
        String colleagues = registered(workshop, implan.otherStaff().token(), implan.otherStaff().email());
        String primarys = registered(workshop, implan.primary().token(), implan.primary().email());
        String otherInstitutions = registered(workshop, other.staff().token(), other.staff().email());

        JsonNode staffs = mine(implan.staff().token(), "");
        assertThat(ids(staffs)).containsExactlyInAnyOrder(own, ownElsewhere, forAColleague);
        assertThat(staffs.get("totalItems").asLong()).isEqualTo(3);
        assertThat(ids(mine(implan.primary().token(), "")))
                .as("the primary contact may see the staff's registrations one by one, but lists only their own")
                .containsExactly(primarys);
        assertThat(ids(mine(implan.otherStaff().token(), ""))).containsExactly(colleagues);
        assertThat(ids(mine(other.staff().token(), ""))).containsExactly(otherInstitutions);
        assertThat(ids(mine(scenario.staff(), ""))).as("someone who registered nobody").isEmpty();

        JsonNode item = item(staffs, own);
        assertThat(item.propertyNames()).as("nothing about the person registered, only the registration")
                .containsExactlyInAnyOrder("id", "status", "waitlistPosition", "mayCancel", "onlineLink", "event");
        assertThat(staffs.toString()).doesNotContain(implan.staff().email());
        JsonNode event = item.get("event");
        assertThat(event.get("id").asString()).isEqualTo(workshop.toString());
        assertThat(event.get("titleEs").asString()).startsWith("Taller de movilidad urbana");
        assertThat(event.get("titleEn").asString()).isEqualTo("Urban mobility workshop");
        assertThat(event.get("type").asString()).isEqualTo("WORKSHOP");
        assertThat(event.get("modality").asString()).isEqualTo("HYBRID");
        assertThat(event.get("startsAt").asString()).isEqualTo("2027-03-10T15:00:00Z");
        assertThat(event.get("endsAt").asString()).isEqualTo("2027-03-10T19:00:00Z");
        assertThat(event.get("timeZone").asString()).isEqualTo("America/Guatemala");
        assertThat(event.get("venue").get("city").asString()).isEqualTo("Ciudad de Guatemala");
        assertThat(event.get("venue").get("country").asString()).isEqualTo("GT");
        assertThat(event.get("venue").has("address")).isFalse();
        assertThat(event.get("status").asString()).isEqualTo("ANNOUNCED");
    }

    @Test
    void upcoming_lists_events_not_yet_ended_soonest_first_and_past_those_ended_most_recent_first() {
        String person = scenario.staff();
        UUID later = scenario.announced(EventDraft.workshop());
        UUID running = scenario.announced(EventDraft.workshop());
        UUID endedLastWeek = scenario.announced(EventDraft.workshop());
        UUID endedAnHourAgo = scenario.announced(EventDraft.workshop());
        String atLater = registered(later, person, newAddress("ana"));
        String atRunning = registered(running, person, newAddress("ana"));
        String atLastWeek = registered(endedLastWeek, person, newAddress("ana"));
        String anHourAgo = registered(endedAnHourAgo, person, newAddress("ana"));
        scenario.moveEvent(running, Duration.ofHours(-1), Duration.ofHours(1));
        scenario.moveEvent(endedLastWeek, Duration.ofDays(-7), Duration.ofDays(-7).plusHours(2));
        scenario.moveEvent(endedAnHourAgo, Duration.ofHours(-3), Duration.ofHours(-1));

        assertThat(ids(mine(person, "?when=UPCOMING"))).as("an event under way has not ended")
                .containsExactly(atRunning, atLater);
        assertThat(ids(mine(person, "?when=PAST"))).containsExactly(anHourAgo, atLastWeek);
        assertThat(ids(mine(person, ""))).as("all of them, the latest start first")
                .containsExactly(atLater, atRunning, anHourAgo, atLastWeek);
        assertThat(ids(mine(person, "?when=PAST&sort=startsAt,asc"))).containsExactly(atLastWeek, anHourAgo);

        JsonNode firstPage = mine(person, "?size=3");
        JsonNode secondPage = mine(person, "?size=3&page=1");
        assertThat(ids(firstPage)).containsExactly(atLater, atRunning, anHourAgo);
        assertThat(ids(secondPage)).containsExactly(atLastWeek);
        assertThat(firstPage.get("totalItems").asLong()).isEqualTo(4);
        assertThat(firstPage.get("totalPages").asLong()).isEqualTo(2);
    }

    @Test
    void a_waiting_persons_place_is_shown_and_moves_up_when_someone_ahead_cancels_or_is_promoted() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1));
        String seated = scenario.staff();
        String first = scenario.staff();
        String second = scenario.staff();
        String third = scenario.staff();
        String seat = registered(event, seated, newAddress("sentada"));
        String firstWaiting = registered(event, first, newAddress("primera"));
        String secondWaiting = registered(event, second, newAddress("segunda"));
        registered(event, third, newAddress("tercera"));

        assertThat(place(seated)).as("a seat has no place in the queue").isNull();
        assertThat(List.of(place(first), place(second), place(third))).containsExactly(1, 2, 3);

        assertThat(scenario.act(secondWaiting, "cancellation", second).statusCode()).isEqualTo(200);
        assertThat(status(second)).isEqualTo("CANCELLED");
        assertThat(place(second)).isNull();
        assertThat(List.of(place(first), place(third))).as("the one behind moves up").containsExactly(1, 2);

        HttpResponse<String> freed = scenario.act(seat, "cancellation", seated);
        assertThat(scenario.body(freed).get("promoted").get(0).asString()).isEqualTo(firstWaiting);
        assertThat(status(first)).isEqualTo("CONFIRMED");
        assertThat(place(first)).isNull();
        assertThat(place(third)).as("next in line after the promotion").isEqualTo(1);
    }

    @Test
    void the_online_link_is_shown_only_while_the_seat_is_confirmed() {
        UUID event = scenario.announced(EventDraft.workshop().withCapacity(1).withApproval());
        String pending = scenario.staff();
        String waiting = scenario.staff();
        String held = registered(event, pending, newAddress("pendiente"));
        registered(event, waiting, newAddress("espera"));

        assertThat(status(pending)).isEqualTo("PENDING_APPROVAL");
        assertThat(link(pending)).as("a seat held for approval").isNull();
        assertThat(status(waiting)).isEqualTo("WAITLISTED");
        assertThat(link(waiting)).isNull();

        assertThat(scenario.act(held, "approval", scenario.organizer()).statusCode()).isEqualTo(200);
        assertThat(status(pending)).isEqualTo("CONFIRMED");
        assertThat(link(pending)).isEqualTo(LINK);

        assertThat(scenario.act(held, "cancellation", pending).statusCode()).isEqualTo(200);
        assertThat(status(pending)).isEqualTo("CANCELLED");
        assertThat(link(pending)).as("a cancelled registration").isNull();
    }

    @Test
    void may_cancel_holds_exactly_while_a_cancellation_would_be_accepted() {
        UUID event = scenario.announced(EventDraft.workshop());
        String person = scenario.staff();
        String organizer = TestTokens.forPerson(Roles.ORGANIZER, newAddress("organizadora"));
        String confirmed = registered(event, person, newAddress("ana"));
        String organizers = registered(event, organizer, newAddress("organizadora"));
        UUID cancelledEvent = scenario.announced(EventDraft.workshop());
        String atCancelledEvent = registered(cancelledEvent, person, newAddress("ana"));
        scenario.act(cancelledEvent, "cancellation", new Reason("Sede no disponible"));

        assertThat(mayCancel(person, confirmed)).as("before the deadline").isTrue();
        assertThat(mayCancel(person, atCancelledEvent)).as("at a cancelled event").isFalse();

        jdbc.sql("update event set cancellation_deadline = now() - interval '1 minute' where id = :id").param("id", event).update();
        assertThat(mayCancel(person, confirmed)).as("after the deadline").isFalse();
        HttpResponse<String> late = scenario.act(confirmed, "cancellation", person);
        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(scenario.body(late).get("type").asString()).endsWith("/cancellation-deadline-passed");
        assertThat(mayCancel(organizer, organizers)).as("organizers cancel until the event completes, their own included")
                .isTrue();

        assertThat(scenario.act(organizers, "cancellation", organizer).statusCode()).isEqualTo(200);
        assertThat(mayCancel(organizer, organizers)).as("once cancelled").isFalse();
    }

    @Test
    void an_unknown_when_or_sort_is_a_bad_request_that_names_it() {
        String person = scenario.staff();

        HttpResponse<String> when = scenario.api().get("/api/v1/registrations/mine?when=someday", person);
        HttpResponse<String> sort = scenario.api().get("/api/v1/registrations/mine?sort=name", person);

        assertThat(when.statusCode()).as(when.body()).isEqualTo(400);
        assertThat(scenario.body(when).get("type").asString()).endsWith("/validation");
        assertThat(scenario.body(when).get("errors").get(0).get("field").asString()).isEqualTo("when");
        assertThat(sort.statusCode()).isEqualTo(400);
        assertThat(scenario.body(sort).get("type").asString()).endsWith("/invalid-page-parameter");
    }

    private String registered(UUID event, String token, String email) {
        HttpResponse<String> response = scenario.register(event, token, email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return registrationId(scenario.body(response));
    }

    private JsonNode mine(String token, String query) {
        HttpResponse<String> response = scenario.api().get("/api/v1/registrations/mine" + query, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return scenario.body(response);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static JsonNode item(JsonNode page, String registration) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asString().equals(registration)) {
                return item;
            }
        }
        throw new AssertionError(registration + " is not in " + page);
    }

    /** The one registration a person made in a test that has them make one. */
    private JsonNode only(String token) {
        JsonNode items = mine(token, "").get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private String status(String token) {
        return only(token).get("status").asString();
    }

    private Integer place(String token) {
        JsonNode place = only(token).get("waitlistPosition");
        return place.isNull() ? null : place.asInt();
    }

    private String link(String token) {
        JsonNode link = only(token).get("onlineLink");
        return link.isNull() ? null : link.asString();
    }

    private boolean mayCancel(String token, String registration) {
        return item(mine(token, ""), registration).get("mayCancel").asBoolean();
    }
}
