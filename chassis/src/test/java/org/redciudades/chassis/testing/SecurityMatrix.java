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
 * wrong role, a signed-in person with no role, the right caller, an expired token, a token with a bad
 * signature and a token from another issuer. An endpoint that touches one person's data also proves
 * what two strangers get: another person, and staff of another institution. Every refusal is problem+json.
 */
public final class SecurityMatrix {

    public static final List<String> ROLES = List.of("organizer", "ops");
    private static final String SECURITY_REFUSAL = "https://redciudades.org/problems/forbidden";
    private static final String PROBLEMS = "https://redciudades.org/problems/";

    /**
     * The two strangers to every person's data: someone signed in with a verified email who is nobody's
     * contact, and staff of another institution (its primary contact is the strongest case: they may see
     * their own institution's registrations).
     */
    public record Strangers(String otherPerson, String otherInstitutionsStaff) {
    }

    /** What each stranger must get from an endpoint that touches the owner's data. */
    public interface ForStrangers {

        void check(SoftAssertions softly, String description, HttpResponse<String> response);

        /** A refusal with the service's own problem type, e.g. 404 {@code registration-not-found}. */
        static ForStrangers problem(int status, String type) {
            return (softly, description, response) -> {
                softly.assertThat(response.statusCode()).as("%s: %s", description, response.body()).isEqualTo(status);
                softly.assertThat(response.body()).as(description).contains("\"" + PROBLEMS + type + "\"");
            };
        }

        /**
         * An answer about the stranger's own data, or a domain refusal, that shows nothing of the owner's:
         * {@code ownersData} (an id, an address, a value the owner chose) is not in it.
         */
        static ForStrangers nothingOf(String ownersData) {
            return (softly, description, response) -> {
                softly.assertThat(response.statusCode()).as("%s: %s", description, response.body())
                        .isBetween(200, 499).isNotEqualTo(401);
                softly.assertThat(response.body()).as(description).doesNotContain(SECURITY_REFUSAL);
                if (ownersData != null) {
                    softly.assertThat(response.body()).as("%s shows the owner's data", description).doesNotContain(ownersData);
                }
            };
        }
    }

    /**
     * @param path      a concrete path (ids filled in)
     * @param roles     the roles that may call it; empty for a public endpoint or one for anyone signed in
     * @param signedIn  whether any signed-in person may call it, whatever their roles
     * @param owner     for an endpoint that touches one person's data, that person's token; null otherwise
     * @param strangers what the {@link Strangers} get from it, with {@code owner}
     */
    public record Endpoint(String method, String path, String body, List<String> roles, boolean signedIn,
                           String owner, ForStrangers strangers) {

        public static Endpoint open(String method, String path, String body) {
            return new Endpoint(method, path, body, List.of(), false, null, null);
        }

        public static Endpoint forRole(String role, String method, String path, String body) {
            return new Endpoint(method, path, body, List.of(role), false, null, null);
        }

        /** An endpoint that several roles may call; the service may still limit each to its own data. */
        public static Endpoint forRoles(List<String> roles, String method, String path, String body) {
            return new Endpoint(method, path, body, List.copyOf(roles), false, null, null);
        }

        /** An endpoint for anyone signed in, with or without a role; the service decides what each may do. */
        public static Endpoint signedIn(String method, String path, String body) {
            return new Endpoint(method, path, body, List.of(), true, null, null);
        }

        /**
         * The same endpoint, touching the data of the person who holds {@code ownerToken}: the owner gets
         * past security (called last, so a cancellation is proved after the strangers tried it), and each
         * stranger gets what {@code forStrangers} says.
         */
        public Endpoint ownedBy(String ownerToken, ForStrangers forStrangers) {
            return new Endpoint(method, path, body, roles, signedIn, ownerToken, forStrangers);
        }

        boolean open() {
            return roles.isEmpty() && !signedIn;
        }

        String key(Function<String, String> toTemplate) {
            return method + " " + toTemplate.apply(path);
        }
    }

    private SecurityMatrix() {
    }

    /** For a service none of whose endpoints touch one person's data. */
    public static void verify(ApiClient api, List<Endpoint> endpoints) {
        verify(api, endpoints, null);
    }

    public static void verify(ApiClient api, List<Endpoint> endpoints, Strangers strangers) {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            String allowedRole = endpoint.roles().isEmpty() ? "organizer" : endpoint.roles().getFirst();
            String right = endpoint.owner() != null ? endpoint.owner()
                    : endpoint.signedIn() ? TestTokens.forPerson("persona@municipio.example.mx")
                    : TestTokens.withRole(allowedRole);
            String rightCaller = endpoint.owner() != null ? "owner" : endpoint.signedIn() ? "signed-in person" : "right role " + allowedRole;

            HttpResponse<String> anonymous = call(api, endpoint, null);
            if (endpoint.open()) {
                softly.assertThat(anonymous.statusCode()).as("%s anonymous", describe(endpoint)).isBetween(200, 499).isNotIn(401, 403);
            } else {
                expectProblem(softly, endpoint, "anonymous", anonymous, 401);
            }
            if (!endpoint.roles().isEmpty()) {
                ROLES.stream().filter(r -> !endpoint.roles().contains(r)).findFirst().ifPresent(wrongRole ->
                        expectProblem(softly, endpoint, "wrong role " + wrongRole, call(api, endpoint, TestTokens.withRole(wrongRole)), 403));
                expectProblem(softly, endpoint, "signed-in person without a role",
                        call(api, endpoint, TestTokens.forPerson("sin-rol@municipio.example.mx")), 403);
            }
            if (endpoint.owner() != null) {
                softly.assertThat(strangers).as("%s touches one person's data: verify it with the strangers", describe(endpoint))
                        .isNotNull();
                if (strangers != null) {
                    endpoint.strangers().check(softly, describe(endpoint) + " other person",
                            call(api, endpoint, strangers.otherPerson()));
                    endpoint.strangers().check(softly, describe(endpoint) + " other institution's staff",
                            call(api, endpoint, strangers.otherInstitutionsStaff()));
                }
            }
            expectProblem(softly, endpoint, "expired token", call(api, endpoint, TestTokens.expired(allowedRole)), 401);
            expectProblem(softly, endpoint, "bad signature", call(api, endpoint, TestTokens.badSignature(allowedRole)), 401);
            expectProblem(softly, endpoint, "other issuer", call(api, endpoint, TestTokens.otherIssuer(allowedRole)), 401);
            // The right caller gets past security; the domain may still refuse it (its own problem type).
            HttpResponse<String> allowed = call(api, endpoint, right);
            softly.assertThat(allowed.statusCode()).as("%s %s: %s", describe(endpoint), rightCaller, allowed.body())
                    .isBetween(200, 499).isNotEqualTo(401);
            softly.assertThat(allowed.body()).as("%s %s", describe(endpoint), rightCaller).doesNotContain(SECURITY_REFUSAL);
            if (endpoint.owner() != null) {
                softly.assertThat(allowed.statusCode()).as("%s owner: %s", describe(endpoint), allowed.body()).isBetween(200, 299);
            }
        }
        softly.assertAll();
    }

    /** A service's own endpoints plus those every service gets from the chassis (ops: dead letters). */
    public static List<Endpoint> withChassisEndpoints(Endpoint... own) {
        String someId = UUID.randomUUID().toString();
        List<Endpoint> all = new ArrayList<>(List.of(own));
        all.addAll(List.of(
                Endpoint.forRole("ops", "GET", "/api/v1/ops/status", null),
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
