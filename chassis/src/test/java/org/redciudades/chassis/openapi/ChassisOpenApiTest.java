package org.redciudades.chassis.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChassisOpenApiTest {

    @Test
    void without_an_issuer_only_the_bearer_scheme_is_declared_and_required() {
        OpenAPI document = document();

        new ChassisOpenApi("").customise(document);

        assertThat(document.getComponents().getSecuritySchemes()).containsOnlyKeys("bearer");
        assertThat(document.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"));
    }

    @Test
    void with_an_issuer_its_discovery_document_is_an_alternative_to_the_bearer_scheme() {
        OpenAPI document = document();

        new ChassisOpenApi("https://id.example.org/realms/redciudades/").customise(document);

        SecurityScheme oidc = document.getComponents().getSecuritySchemes().get("openIdConnect");
        assertThat(oidc.getType()).isEqualTo(SecurityScheme.Type.OPENIDCONNECT);
        assertThat(oidc.getOpenIdConnectUrl())
                .isEqualTo("https://id.example.org/realms/redciudades/.well-known/openid-configuration");
        assertThat(document.getSecurity()).containsExactly(new SecurityRequirement().addList("bearer"),
                new SecurityRequirement().addList("openIdConnect"));
    }

    @Test
    void a_public_operation_takes_a_token_optionally_and_a_secured_one_keeps_the_global_requirement() {
        OpenAPI document = document();

        new ChassisOpenApi("").customise(document);

        Operation publicOne = document.getPaths().get("/public").getPost();
        assertThat(publicOne.getSecurity()).containsExactly(new SecurityRequirement(),
                new SecurityRequirement().addList("bearer"));
        assertThat(publicOne.getParameters()).extracting(p -> p.get$ref())
                .containsExactly("#/components/parameters/IdempotencyKey");
        Operation secured = document.getPaths().get("/secured").getGet();
        assertThat(secured.getSecurity()).isNull();
        assertThat(secured.getParameters()).isNull();
        assertThat(secured.getResponses().get("default").get$ref()).isEqualTo("#/components/responses/Problem");
    }

    private static OpenAPI document() {
        Operation publicOne = new Operation().responses(new ApiResponses()).security(new ArrayList<>(List.of()));
        Operation secured = new Operation().responses(new ApiResponses());
        return new OpenAPI().paths(new Paths()
                .addPathItem("/public", new PathItem().post(publicOne))
                .addPathItem("/secured", new PathItem().get(secured)));
    }
}
