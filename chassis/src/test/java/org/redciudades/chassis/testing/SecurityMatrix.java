package org.redciudades.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Proves, for every endpoint of a service, what each kind of caller gets: anonymous, a token with the
 * wrong role, with the right role, an expired token, a token with a bad signature and a token from
 * another issuer. Every refusal is problem+json.
 */
public final class SecurityMatrix {

    public static final List<String> ROLES = List.of("organizer", "member", "ops");
    private static final String SECURITY_REFUSAL = "https://redciudades.org/problems/forbidden";

    /**
     * @param path  a concrete path (ids filled in)
     * @param roles the roles that may call it; empty for a public endpoint
     */
    public record Endpoint(String method, String path, String body, List<String> roles) {
        public static Endpoint open(String method, String path, String body) {
            return new Endpoint(method, path, body, List.of());
        }

        public static Endpoint forRole(String role, String method, String path, String body) {
            return new Endpoint(method, path, body, List.of(role));
        }

        /** An endpoint that several roles may call; the service may still limit each to its own data. */
        public static Endpoint forRoles(List<String> roles, String method, String path, String body) {
            return new Endpoint(method, path, body, List.copyOf(roles));
        }

        String key(Function<String, String> toTemplate) {
            return method + " " + toTemplate.apply(path);
        }
    }

    private SecurityMatrix() {
    }

    public static void verify(ApiClient api, List<Endpoint> endpoints) {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            boolean open = endpoint.roles().isEmpty();
            String allowedRole = open ? "organizer" : endpoint.roles().getFirst();

            HttpResponse<String> anonymous = call(api, endpoint, null);
            HttpResponse<String> right = call(api, endpoint, TestTokens.withRole(allowedRole));
            if (open) {
                softly.assertThat(anonymous.statusCode()).as("%s anonymous", describe(endpoint)).isBetween(200, 499).isNotIn(401, 403);
            } else {
                expectProblem(softly, endpoint, "anonymous", anonymous, 401);
                ROLES.stream().filter(r -> !endpoint.roles().contains(r)).findFirst().ifPresent(wrongRole ->
                        expectProblem(softly, endpoint, "wrong role " + wrongRole, call(api, endpoint, TestTokens.withRole(wrongRole)), 403));
            }
            // The right role gets past security; the domain may still refuse it (403 with its own problem type).
            softly.assertThat(right.statusCode()).as("%s right role %s: %s", describe(endpoint), allowedRole, right.body())
                    .isBetween(200, 499).isNotEqualTo(401);
            softly.assertThat(right.body()).as("%s right role %s", describe(endpoint), allowedRole)
                    .doesNotContain(SECURITY_REFUSAL);
            expectProblem(softly, endpoint, "expired token", call(api, endpoint, TestTokens.expired(allowedRole)), 401);
            expectProblem(softly, endpoint, "bad signature", call(api, endpoint, TestTokens.badSignature(allowedRole)), 401);
            expectProblem(softly, endpoint, "other issuer", call(api, endpoint, TestTokens.otherIssuer(allowedRole)), 401);
        }
        softly.assertAll();
    }

    /** A service's own endpoints plus those every service gets from the chassis (ops: dead letters). */
    public static List<Endpoint> withChassisEndpoints(Endpoint... own) {
        String someId = UUID.randomUUID().toString();
        List<Endpoint> all = new ArrayList<>(List.of(own));
        all.addAll(List.of(
                Endpoint.forRole("ops", "GET", "/api/v1/ops/dead-letters", null),
                Endpoint.forRole("ops", "GET", "/api/v1/ops/dead-letters/" + someId, null),
                Endpoint.forRole("ops", "POST", "/api/v1/ops/dead-letters/" + someId + "/replay", null),
                Endpoint.forRole("ops", "POST", "/api/v1/ops/dead-letters/" + someId + "/discard",
                        "{\"reason\": \"prueba\"}")));
        return all;
    }

    /**
     * Fails unless {@code endpoints} names every API handler of the service (its own controllers, not
     * the framework's), so a new endpoint cannot skip the matrix.
     */
    public static void assertCoversEveryEndpoint(RequestMappingHandlerMapping mappings, List<Endpoint> endpoints,
                                                 Map<String, String> pathTemplates) {
        Set<String> declared = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getPackageName().startsWith("org.redciudades")
                    || entry.getValue().getBeanType().getPackageName().startsWith("org.redciudades.chassis")) {
                continue;
            }
            for (String pattern : entry.getKey().getPatternValues()) {
                entry.getKey().getMethodsCondition().getMethods()
                        .forEach(method -> declared.add(method.name() + " " + pattern));
            }
        }
        Set<String> covered = endpoints.stream()
                .map(e -> e.key(path -> pathTemplates.getOrDefault(path, path)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(covered).as("endpoints in the security matrix").containsAll(declared);
    }

    private static void expectProblem(SoftAssertions softly, Endpoint endpoint, String caller,
                                      HttpResponse<String> response, int status) {
        softly.assertThat(response.statusCode()).as("%s %s: %s", describe(endpoint), caller, response.body()).isEqualTo(status);
        softly.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("%s %s content type", describe(endpoint), caller).startsWith("application/problem+json");
        if (status == 401) {
            softly.assertThat(response.headers().firstValue("WWW-Authenticate").orElse(""))
                    .as("%s %s WWW-Authenticate", describe(endpoint), caller).startsWith("Bearer");
        }
    }

    private static HttpResponse<String> call(ApiClient api, Endpoint endpoint, String token) {
        byte[] body = endpoint.body() == null ? null : endpoint.body().getBytes(StandardCharsets.UTF_8);
        return api.send(endpoint.method(), endpoint.path(), token, body == null ? null : "application/json", body, Map.of());
    }

    private static String describe(Endpoint endpoint) {
        return endpoint.method() + " " + endpoint.path();
    }
}
