package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.Contracts;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
class MemberContactsTest {

    static final String JORGE = """
            {"name": "Jorge Luis Castañeda Ríos", "email": "jorge.castaneda@implan-torreon.example.mx",
             "title": "Jefe de Proyectos Urbanos", "locale": "es-MX", "primary": %s}
            """;

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String organizer;
    String memberId;

    @BeforeEach
    void member() {
        api = new ApiClient(port);
        organizer = TestTokens.withRole(Roles.ORGANIZER);
        memberId = json.readTree(api.post("/api/v1/applications", null, MemberOnboardingTest.uniqueApplication()).body())
                .get("id").asString();
    }

    @Test
    void a_new_primary_contact_demotes_the_old_one_and_each_change_is_published_by_its_schema() {
        HttpResponse<String> added = api.post(path("/contacts"), organizer, JORGE.formatted("true"));

        assertThat(added.statusCode()).isEqualTo(201);
        JsonNode contacts = json.readTree(added.body()).get("contacts");
        assertThat(contacts.valueStream().filter(c -> c.get("primary").asBoolean()).map(c -> c.get("name").asString()))
                .containsExactly("Jorge Luis Castañeda Ríos");
        assertThat(eventTypes()).containsExactly(
                "org.redciudades.membership.application.submitted.v1",
                "org.redciudades.membership.contact.updated.v1",
                "org.redciudades.membership.contact.added.v1");
        conformAll();
    }

    @Test
    void the_last_primary_contact_can_be_neither_demoted_nor_removed_and_nothing_is_written() {
        JsonNode primary = json.readTree(api.get(path(""), organizer).body()).get("contacts").get(0);
        String contactPath = path("/contacts/" + primary.get("id").asString());
        long events = eventTypes().size();

        HttpResponse<String> demoted = api.send("PUT", contactPath, organizer, "application/json",
                JORGE.formatted("false").getBytes(), java.util.Map.of());
        HttpResponse<String> removed = api.send("DELETE", contactPath, organizer, null, null, java.util.Map.of());

        assertThat(demoted.statusCode()).isEqualTo(409);
        assertThat(json.readTree(demoted.body()).get("type").asString()).endsWith("/primary-contact-required");
        assertThat(removed.statusCode()).isEqualTo(409);
        assertThat(eventTypes()).hasSize((int) events);
    }

    @Test
    void a_second_contact_can_be_updated_and_removed() {
        String contactId = contactIdOf(api.post(path("/contacts"), organizer, JORGE.formatted("false")), "jorge.castaneda");

        HttpResponse<String> updated = api.send("PUT", path("/contacts/" + contactId), organizer, "application/json",
                JORGE.formatted("false").replace("Jefe", "Director").getBytes(), java.util.Map.of());
        HttpResponse<String> removed = api.send("DELETE", path("/contacts/" + contactId), organizer, null, null, java.util.Map.of());

        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.body()).contains("Director de Proyectos Urbanos");
        assertThat(removed.statusCode()).isEqualTo(204);
        assertThat(eventTypes()).endsWith("org.redciudades.membership.contact.updated.v1",
                "org.redciudades.membership.contact.removed.v1");
        conformAll();
    }

    @Test
    void erasure_removes_the_contacts_name_and_email_here_and_publishes_an_event_without_them() {
        String contactId = contactIdOf(api.post(path("/contacts"), organizer, JORGE.formatted("false")), "jorge.castaneda");

        HttpResponse<String> erased = api.post(path("/contacts/" + contactId + "/erasure"), organizer, null);

        assertThat(erased.statusCode()).isEqualTo(204);
        String member = api.get(path(""), organizer).body();
        assertThat(member).doesNotContain("Castañeda").doesNotContain("jorge.castaneda");
        assertThat(jdbc.sql("""
                select count(*) from contact
                where member_id = :id and (email like 'jorge.castaneda%' or name like '%Castañeda%')
                """).param("id", java.util.UUID.fromString(memberId)).query(Long.class).single()).isZero();
        String event = jdbc.sql("select payload::text from outbox_event where aggregate_id = :id and event_type = :type")
                .param("id", memberId).param("type", "org.redciudades.membership.contact.erased.v1")
                .query(String.class).single();
        assertThat(event).contains(contactId).doesNotContain("Castañeda").doesNotContain("jorge.castaneda");
        conformAll();
    }

    @Test
    void the_profile_can_be_updated_but_a_rejected_member_can_no_longer_be_changed() {
        HttpResponse<String> profile = api.send("PUT", path("/profile"), organizer, "application/json", """
                {"institution": {"name": "IMPLAN Torreón renombrado", "kind": "MUNICIPAL_PLANNING_INSTITUTE",
                                 "country": "MX", "region": "Coahuila", "city": "Torreón", "website": null},
                 "locale": "en", "timeZone": "America/Mexico_City"}
                """.getBytes(), java.util.Map.of());
        api.post(path("/rejection"), organizer, "{\"reason\": \"Fuera del ámbito\"}");
        HttpResponse<String> closed = api.post(path("/contacts"), organizer, JORGE.formatted("false"));

        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(json.readTree(profile.body()).get("timeZone").asString()).isEqualTo("America/Mexico_City");
        assertThat(closed.statusCode()).isEqualTo(409);
        assertThat(json.readTree(closed.body()).get("type").asString()).endsWith("/member-closed");
        conformAll();
    }

    private String path(String suffix) {
        return "/api/v1/members/" + memberId + suffix;
    }

    private String contactIdOf(HttpResponse<String> response, String emailStart) {
        return json.readTree(response.body()).get("contacts").valueStream()
                .filter(c -> c.get("email").asString().startsWith(emailStart))
                .findFirst().orElseThrow().get("id").asString();
    }

    private List<String> eventTypes() {
        return jdbc.sql("select event_type from outbox_event where aggregate_id = :id order by position")
                .param("id", memberId).query(String.class).list();
    }

    private void conformAll() {
        jdbc.sql("select event_type, payload::text as payload from outbox_event where aggregate_id = :id")
                .param("id", memberId)
                .query((rs, n) -> {
                    Contracts.assertConforms(rs.getString("event_type"), rs.getString("payload"));
                    return null;
                }).list();
    }
}
