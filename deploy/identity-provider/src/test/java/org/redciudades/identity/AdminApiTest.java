package org.redciudades.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redciudades.identity.ProviderHttp.claims;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redciudades.identity.client.IdentityProviderClient;
import org.redciudades.identity.client.IdentityProviderException;
import org.redciudades.identity.client.Person;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.UseMainMethod;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, useMainMethod = UseMainMethod.ALWAYS)
@ActiveProfiles("test")
class AdminApiTest {

    @LocalServerPort
    int port;

    URI baseUrl;
    IdentityProviderClient provider;

    @BeforeEach
    void provider() {
        baseUrl = URI.create("http://127.0.0.1:" + port);
        provider = new IdentityProviderClient(baseUrl);
    }

    @Test
    void the_admin_api_refuses_a_request_without_a_token() {
        var putPerson = ProviderHttp.send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/people/mallory"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"x\",\"email\":\"m@example.org\",\"name\":\"M\"}"))
                .build());
        var rotate = ProviderHttp.send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/keys/rotation"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());

        assertThat(putPerson.statusCode()).isEqualTo(401);
        assertThat(rotate.statusCode()).isEqualTo(401);
        assertThat(putPerson.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void the_admin_api_refuses_a_persons_token_and_a_token_without_the_scope() {
        var personsToken = provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "ana", "ana-secreto").accessToken();
        var rotateOnly = provider.clientCredentials("identity-admin", "admin-secret", "keys.rotate");
        var person = new Person("mallory", "x", "m@example.org", "Mallory", "en", List.of());

        assertThatThrownBy(() -> provider.putPerson(personsToken, person))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> provider.putPerson(rotateOnly, person))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThatThrownBy(() -> provider.rotateKeys(provider.clientCredentials("identity-admin", "admin-secret",
                "people.write")))
                .isInstanceOfSatisfying(IdentityProviderException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void a_person_put_through_the_admin_api_can_sign_in_and_is_replaced_by_the_next_put() throws Exception {
        var adminToken = provider.adminToken("admin-secret");
        var carla = new Person("carla", "primera-clave", "carla@santa-tecla.example.sv", true, "Carla Méndez",
                "es-MX", "America/El_Salvador", List.of("ops"), Map.of("department", "Operaciones"));

        assertThat(provider.putPerson(adminToken, carla)).as("created").isTrue();
        var claims = claims(provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "carla", "primera-clave")
                .accessToken());
        assertThat(claims.getSubject()).isEqualTo("carla");
        assertThat(claims.getStringClaim("email")).isEqualTo("carla@santa-tecla.example.sv");
        assertThat(claims.getStringClaim("zoneinfo")).isEqualTo("America/El_Salvador");
        assertThat(claims.getStringListClaim("roles")).containsExactly("ops");
        assertThat(claims.getStringClaim("department")).isEqualTo("Operaciones");

        var renamed = new Person("carla", "segunda-clave", "carla@santa-tecla.example.sv", "Carla Méndez Ruiz",
                "en", List.of("member", "organizer"));
        assertThat(provider.putPerson(adminToken, renamed)).as("created").isFalse();
        var newClaims = claims(provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "carla", "segunda-clave")
                .accessToken());
        assertThat(newClaims.getStringClaim("name")).isEqualTo("Carla Méndez Ruiz");
        assertThat(newClaims.getStringListClaim("roles")).containsExactly("member", "organizer");
        assertThatThrownBy(() -> provider.signIn(CodeFlowTest.CLI, CodeFlowTest.CLI_REDIRECT, "carla", "primera-clave"))
                .isInstanceOf(IdentityProviderException.class);
    }

    @Test
    void an_invalid_person_is_refused_with_a_problem_detail() {
        var adminToken = provider.adminToken("admin-secret");
        var response = ProviderHttp.send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/people/dora"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"password\":\"x\",\"email\":\"dora@example.org\",\"name\":\"Dora\",\"locale\":\"fr\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("locale must be one of");
    }
}
