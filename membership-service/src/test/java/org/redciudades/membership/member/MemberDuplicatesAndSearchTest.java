package org.redciudades.membership.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.redciudades.membership.Application.municipality;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.membership.Application;
import org.redciudades.membership.MembershipScenario;
import org.redciudades.membership.MembershipScenario.Reason;
import org.redciudades.membership.MembershipServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@MembershipServiceTest
class MemberDuplicatesAndSearchTest {

    @Autowired
    MembershipScenario scenario;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_same_institution_spelled_differently_in_the_same_country_is_refused_with_the_existing_id() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String existing = scenario.applied(
                municipality("Instituto Municipal de Planeación de San Pedro " + tag, "GT", email("uno-" + tag)));
        long members = count();

        HttpResponse<String> again = scenario.apply(
                municipality("INSTITUTO  municipal de planeacion de san pedro " + tag, "GT", email("dos-" + tag)));
        HttpResponse<String> sameEmail = scenario.apply(municipality("Otra institución " + tag, "SV", email("uno-" + tag)));
        HttpResponse<String> otherCountry = scenario.apply(
                municipality("Instituto Municipal de Planeación de San Pedro " + tag, "HN", email("tres-" + tag)));

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(scenario.body(again).get("existingMemberId").asString()).isEqualTo(existing);
        assertThat(sameEmail.statusCode()).isEqualTo(409);
        assertThat(scenario.body(sameEmail).get("existingMemberId").asString()).isEqualTo(existing);
        assertThat(otherCountry.statusCode()).isEqualTo(201);
        assertThat(count()).isEqualTo(members + 1);
    }

    @Test
    void a_rejected_application_does_not_block_a_new_one() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Application application = municipality("Municipio de Santa Ana " + tag, "SV", email("santa-ana-" + tag));
        String rejected = scenario.applied(application);
        scenario.act(rejected, "rejection", new Reason("Documentación incompleta"));

        assertThat(scenario.apply(application).statusCode()).isEqualTo(201);
    }

    @Test
    void concurrent_duplicate_applications_create_exactly_one_member() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<Integer>> attempts = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> scenario.apply(
                        municipality("Municipalidad de Cartago " + tag, "CR", email("cartago-" + i + "-" + tag))).statusCode()))
                .toList();

        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(5);
    }

    @Test
    void organizers_search_members_by_country_status_and_accent_free_name_page_by_page() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        for (String city : List.of("Panamá", "Colón", "David")) {
            scenario.apply(municipality("Alcaldía de " + city + " " + tag, "PA", email(city.toLowerCase() + tag)));
        }
        ApiClient api = scenario.api();
        String organizer = scenario.organizer();

        JsonNode firstPage = scenario.body(api.get("/api/v1/members?country=PA&status=SUBMITTED&name=" + tag
                + "&size=2&sort=name,desc", organizer));
        JsonNode colon = scenario.body(api.get("/api/v1/members?name=COLON%20" + tag, organizer));

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

    private static String email(String user) {
        return user + "@municipio.example";
    }
}
