package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.security.Roles;
import org.redciudades.chassis.testing.ApiClient;
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
class MemberDuplicatesAndSearchTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;
    String organizer;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        organizer = TestTokens.withRole(Roles.ORGANIZER);
    }

    @Test
    void the_same_institution_spelled_differently_in_the_same_country_is_refused_with_the_existing_id() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String first = application("Instituto Municipal de Planeación de San Pedro " + tag, "GT", "uno-" + tag);
        String existing = json.readTree(api.post("/api/v1/applications", null, first).body()).get("id").asString();
        long members = count();

        HttpResponse<String> again = api.post("/api/v1/applications", null,
                application("INSTITUTO  municipal de planeacion de san pedro " + tag, "GT", "dos-" + tag));
        HttpResponse<String> sameEmail = api.post("/api/v1/applications", null,
                application("Otra institución " + tag, "SV", "uno-" + tag));
        HttpResponse<String> otherCountry = api.post("/api/v1/applications", null,
                application("Instituto Municipal de Planeación de San Pedro " + tag, "HN", "tres-" + tag));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("existingMemberId").asString()).isEqualTo(existing);
        assertThat(sameEmail.statusCode()).isEqualTo(409);
        assertThat(json.readTree(sameEmail.body()).get("existingMemberId").asString()).isEqualTo(existing);
        assertThat(otherCountry.statusCode()).isEqualTo(201);
        assertThat(count()).isEqualTo(members + 1);
    }

    @Test
    void a_rejected_application_does_not_block_a_new_one() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String body = application("Municipio de Santa Ana " + tag, "SV", "santa-ana-" + tag);
        String rejected = json.readTree(api.post("/api/v1/applications", null, body).body()).get("id").asString();
        api.post("/api/v1/members/" + rejected + "/rejection", organizer, "{\"reason\": \"Documentación incompleta\"}");

        assertThat(api.post("/api/v1/applications", null, body).statusCode()).isEqualTo(201);
    }

    @Test
    void concurrent_duplicate_applications_create_exactly_one_member() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<Integer>> attempts = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> api.post("/api/v1/applications", null,
                        application("Municipalidad de Cartago " + tag, "CR", "cartago-" + i + "-" + tag)).statusCode()))
                .toList();

        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
    }

    @Test
    void organizers_search_members_by_country_status_and_accent_free_name_page_by_page() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String city : List.of("Panamá", "Colón", "David")) {
            api.post("/api/v1/applications", null, application("Alcaldía de " + city + " " + tag, "PA", city.toLowerCase() + tag));
        }

        JsonNode firstPage = json.readTree(api.get("/api/v1/members?country=PA&status=SUBMITTED&name=" + tag
                + "&size=2&sort=name,desc", organizer).body());
        JsonNode colon = json.readTree(api.get("/api/v1/members?name=COLON%20" + tag, organizer).body());

        assertThat(firstPage.get("totalItems").asLong()).isEqualTo(3);
        assertThat(firstPage.get("totalPages").asLong()).isEqualTo(2);
        assertThat(firstPage.get("items").valueStream().map(i -> i.get("name").asString()))
                .containsExactly("Alcaldía de Panamá " + tag, "Alcaldía de David " + tag);
        assertThat(colon.get("items").valueStream().map(i -> i.get("name").asString())).containsExactly("Alcaldía de Colón " + tag);
        assertThat(api.get("/api/v1/members?size=1000", organizer).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/members?status=DORMANT", organizer).statusCode()).isEqualTo(400);
        assertThat(api.get("/api/v1/members?sort=email,asc", organizer).statusCode()).isEqualTo(400);
    }

    private long count() {
        return jdbc.sql("select count(*) from member").query(Long.class).single();
    }

    private static String application(String name, String country, String emailUser) {
        return """
                {"institution": {"name": "%s", "kind": "MUNICIPALITY", "country": "%s", "region": "Región", "city": "Ciudad"},
                 "locale": "es-MX", "timeZone": "America/Guatemala",
                 "contacts": [{"name": "Persona de contacto", "email": "%s@municipio.example", "locale": "es-MX", "primary": true}]}
                """.formatted(name, country, emailUser);
    }
}
