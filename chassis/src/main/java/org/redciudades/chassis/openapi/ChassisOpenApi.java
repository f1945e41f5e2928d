package org.redciudades.chassis.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.redciudades.chassis.web.IdempotencyFilter;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Every operation needs a bearer token unless its handler is a {@link PublicOperation}, where a token is
 * optional; every error is a problem+json document (RFC 9457); every POST takes an {@code Idempotency-Key}
 * ({@link IdempotencyFilter}). Tags are sorted, so that the document is the same on every run.
 */
final class ChassisOpenApi implements OpenApiCustomizer {

    static final String BEARER = "bearer";
    static final String OPENID_CONNECT = "openIdConnect";
    static final String PROBLEM = "Problem";
    static final String IDEMPOTENCY_KEY = "IdempotencyKey";

    private final String issuerUri;

    ChassisOpenApi(String issuerUri) {
        this.issuerUri = issuerUri == null ? "" : issuerUri.strip();
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        List<SecurityRequirement> tokenRequired = securitySchemes(openApi.getComponents());
        openApi.setSecurity(tokenRequired);
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        openApi.getComponents().addResponses(PROBLEM, new ApiResponse()
                .description("The request failed; `type` says why (chassis/API.md lists the types).")
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new JsonSchema().$ref(PROBLEM)))));
        openApi.getComponents().addParameters(IDEMPOTENCY_KEY, idempotencyKey());
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
                if (operation.getSecurity() != null && operation.getSecurity().isEmpty()) {
                    List<SecurityRequirement> tokenOptional = new ArrayList<>();
                    tokenOptional.add(new SecurityRequirement());
                    tokenOptional.addAll(tokenRequired);
                    operation.setSecurity(tokenOptional);
                }
                operation.getResponses().addApiResponse("default", new ApiResponse().$ref(PROBLEM));
                if (method == PathItem.HttpMethod.POST) {
                    operation.addParametersItem(new Parameter().$ref(IDEMPOTENCY_KEY));
                }
            }));
        }
        if (openApi.getTags() != null) {
            openApi.getTags().sort(Comparator.comparing(Tag::getName));
        }
    }

    /** A JWT bearer token; with an issuer configured, also its OpenID Connect discovery document. */
    private List<SecurityRequirement> securitySchemes(Components components) {
        components.addSecuritySchemes(BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from the identity provider: the person (subject and verified email) and "
                        + "their roles (organizer, ops; none is needed to act for oneself)."));
        List<SecurityRequirement> requirements = new ArrayList<>();
        requirements.add(new SecurityRequirement().addList(BEARER));
        if (!issuerUri.isEmpty()) {
            String issuer = issuerUri.endsWith("/") ? issuerUri.substring(0, issuerUri.length() - 1) : issuerUri;
            components.addSecuritySchemes(OPENID_CONNECT, new SecurityScheme()
                    .type(SecurityScheme.Type.OPENIDCONNECT)
                    .openIdConnectUrl(issuer + "/.well-known/openid-configuration")
                    .description("Sign in with the identity provider that issues the bearer tokens."));
            requirements.add(new SecurityRequirement().addList(OPENID_CONNECT));
        }
        return requirements;
    }

    private static Parameter idempotencyKey() {
        JsonSchema key = new JsonSchema();
        key.addType("string");
        key.minLength(1).maxLength(255);
        return new HeaderParameter().name(IdempotencyFilter.HEADER).required(false).schema(key)
                .description("Makes a retry safe, such as a UUID per intended request: the first response to this key "
                        + "is kept, and the same request with the same key gets it again (with `"
                        + IdempotencyFilter.REPLAYED + ": true`) without running twice. The same key with a different "
                        + "request is 422, and a retry while the first is still running is 409.");
    }

    private static Schema<Object> problemSchema() {
        JsonSchema fieldError = new JsonSchema();
        fieldError.addType("object");
        fieldError.addProperty("field", string("The field or parameter, as the client named it."));
        fieldError.addProperty("reason", string("What is wrong with it, in the request's language."));

        JsonSchema errors = new JsonSchema();
        errors.addType("array");
        errors.description("For `validation`: each invalid field with its reason.");
        errors.setItems(fieldError);

        JsonSchema status = new JsonSchema();
        status.addType("integer");
        status.format("int32").description("The HTTP status code.");

        JsonSchema problem = new JsonSchema();
        problem.addType("object");
        problem.description("An error as RFC 9457 describes it. Clients branch on `type`, which never changes "
                + "with the language; `title` and `detail` are in the request's language.");
        problem.addProperty("type", string("Identifies the kind of error, under https://redciudades.org/problems/.")
                .format("uri"));
        problem.addProperty("title", string("A short summary of the kind of error."));
        problem.addProperty("status", status);
        problem.addProperty("detail", string("What went wrong with this request."));
        problem.addProperty("instance", string("The request path.").format("uri-reference"));
        problem.addProperty("errors", errors);
        problem.setRequired(List.of("type", "title", "status"));
        return problem;
    }

    private static Schema<Object> string(String description) {
        JsonSchema string = new JsonSchema();
        string.addType("string");
        string.description(description);
        return string;
    }
}
