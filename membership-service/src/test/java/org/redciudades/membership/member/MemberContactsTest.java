package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.membership.Application;
import org.redciudades.membership.Application.Contact;
import org.redciudades.membership.Application.Institution;
import org.redciudades.membership.Application.Profile;
import org.redciudades.membership.MembershipScenario;
import org.redciudades.membership.MembershipScenario.Reason;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@MembershipServiceTest
class MemberContactsTest {

    @Autowired
    MembershipScenario scenario;
    @Autowired
    JdbcClient jdbc;
    String memberId;

    @BeforeEach
    void member() {
        memberId = scenario.applied(Application.unique());
    }

    @Test
    void a_new_primary_contact_demotes_the_old_one_and_each_change_is_published_by_its_schema() {
        HttpResponse<String> added = scenario.act(memberId, "contacts", Contact.jorge(true));

        assertThat(added.statusCode()).isEqualTo(201);
        JsonNode contacts = scenario.body(added).get("contacts");
        assertThat(contacts.valueStream().filter(c -> c.get("primary").asBoolean()).map(c -> c.get("name").asString()))
                .containsExactly("Jorge Luis Castañeda Ríos");
        assertThat(scenario.eventTypes(memberId)).containsExactly(
                "org.redciudades.membership.application.submitted.v1",
                "org.redciudades.membership.contact.updated.v1",
                "org.redciudades.membership.contact.added.v1");
        scenario.assertEveryFactConforms(memberId);
    }

    @Test
    void the_last_primary_contact_can_be_neither_demoted_nor_removed_and_nothing_is_written() {
        JsonNode primary = scenario.body(scenario.api().get(path(""), scenario.organizer())).get("contacts").get(0);
        String contactPath = path("/contacts/" + primary.get("id").asString());
        long events = scenario.eventTypes(memberId).size();

        HttpResponse<String> demoted = scenario.put(contactPath, Contact.jorge(false));
        HttpResponse<String> removed = scenario.delete(contactPath);

        assertThat(demoted.statusCode()).isEqualTo(409);
        assertThat(scenario.body(demoted).get("type").asString()).endsWith("/primary-contact-required");
        assertThat(removed.statusCode()).isEqualTo(409);
        assertThat(scenario.eventTypes(memberId)).hasSize((int) events);
    }

    @Test
    void a_second_contact_can_be_updated_and_removed() {
        String contactId = contactIdOf(scenario.act(memberId, "contacts", Contact.jorge(false)), "jorge.castaneda");

        HttpResponse<String> updated = scenario.put(path("/contacts/" + contactId),
                Contact.jorge(false).titled("Director de Proyectos Urbanos"));
        HttpResponse<String> removed = scenario.delete(path("/contacts/" + contactId));

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).contains("Director de Proyectos Urbanos");
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(scenario.eventTypes(memberId)).endsWith("org.redciudades.membership.contact.updated.v1",
                "org.redciudades.membership.contact.removed.v1");
        scenario.assertEveryFactConforms(memberId);
    }

    @Test
    void erasure_removes_the_contacts_name_and_email_here_and_publishes_an_event_without_them() {
        ApiClient api = scenario.api();
        String contactId = contactIdOf(scenario.act(memberId, "contacts", Contact.jorge(false)), "jorge.castaneda");

        HttpResponse<String> erased = scenario.act(memberId, "contacts/" + contactId + "/erasure", null);

        assertThat(erased.statusCode()).isEqualTo(204);
        String member = api.get(path(""), scenario.organizer()).body();
        assertThat(member).doesNotContain("Castañeda").doesNotContain("jorge.castaneda");
        assertThat(jdbc.sql("""
                select count(*) from contact
                where member_id = :id and (email like 'jorge.castaneda%' or name like '%Castañeda%')
                """).param("id", UUID.fromString(memberId)).query(Long.class).single()).isZero();
        String event = jdbc.sql("select payload::text from outbox_event where aggregate_id = :id and event_type = :type")
                .param("id", memberId).param("type", "org.redciudades.membership.contact.erased.v1")
                .query(String.class).single();
        assertThat(event).contains(contactId).doesNotContain("Castañeda").doesNotContain("jorge.castaneda");
        scenario.assertEveryFactConforms(memberId);
    }

    @Test
    void the_profile_can_be_updated_but_a_rejected_member_can_no_longer_be_changed() {
        HttpResponse<String> profile = scenario.put(path("/profile"), new Profile(new Institution("IMPLAN Torreón renombrado",
                "MUNICIPAL_PLANNING_INSTITUTE", "MX", "Coahuila", "Torreón", null), "en", "America/Mexico_City"));
        scenario.act(memberId, "rejection", new Reason("Fuera del ámbito"));
        HttpResponse<String> closed = scenario.act(memberId, "contacts", Contact.jorge(false));

        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(scenario.body(profile).get("timeZone").asString()).isEqualTo("America/Mexico_City");
        assertThat(closed.statusCode()).isEqualTo(409);
        assertThat(scenario.body(closed).get("type").asString()).endsWith("/member-closed");
        scenario.assertEveryFactConforms(memberId);
    }

    private String path(String suffix) {
        return "/api/v1/members/" + memberId + suffix;
    }

    private String contactIdOf(HttpResponse<String> response, String emailStart) {
        return scenario.body(response).get("contacts").valueStream()
                .filter(c -> c.get("email").asString().startsWith(emailStart))
                .findFirst().orElseThrow().get("id").asString();
    }
}
