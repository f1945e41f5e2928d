package org.redciudades.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's OpenAPI document, committed as {@code openapi.yaml} in the service's directory, checked
 * against the one the running service serves at {@code /v3/api-docs.yaml}, so that the file never drifts
 * from the code. When they differ the test fails; to regenerate the file, run the service's
 * {@code ApiDescriptionsTest} with {@code -Dopenapi.write=true}, which writes the served document to the
 * file instead, then review the diff and commit it:
 * <pre>
 * ./mvnw -B -pl events-service -am verify -Dtest=ApiDescriptionsTest -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.write=true
 * </pre>
 */
public final class OpenApiDocument {

    /** The system property that writes the served document to the committed file. */
    public static final String WRITE = "openapi.write";
    /** Surefire runs each module's tests in the module's directory. */
    private static final Path COMMITTED = Path.of("openapi.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private OpenApiDocument() {
    }

    /** Fails, showing the first line that differs, unless {@code openapi.yaml} is what the service serves. */
    /** The local stack's identity provider, the issuer under the {@code local} profile. */
    static final String LOCAL_ISSUER = "http://127.0.0.1:8090";

    public static void assertCommittedIsServed(ApiClient api) {
        HttpResponse<String> response = api.get("/v3/api-docs.yaml", null);
        assertThat(response.statusCode()).as("GET /v3/api-docs.yaml: %s", response.body()).isEqualTo(200);
        // The test JVM's provider listens on a port of its own; the committed document names the local stack's.
        String served = response.body().replace(TestIdentityProvider.get().issuer(), LOCAL_ISSUER);
        if (Boolean.getBoolean(WRITE)) {
            write(served);
            return;
        }
        String committed = Files.exists(COMMITTED) ? read() : null;
        if (committed == null) {
            fail("%s is missing. %s", COMMITTED.toAbsolutePath(), regenerate());
        }
        if (!committed.equals(served)) {
            fail("%s differs from the document the service serves; %s%n%s",
                    COMMITTED.toAbsolutePath(), firstDifference(committed, served), regenerate());
        }
    }

    /**
     * Every operation has a meaningful operationId (not one springdoc made unique with a {@code _1}
     * suffix), a summary, a description and a tag.
     */
    public static void assertEveryOperationIsDescribed(ApiClient api) {
        List<String> missing = new ArrayList<>();
        operations(document(api)).forEach(operation -> {
            JsonNode node = operation.node();
            String id = node.path("operationId").asString("");
            if (id.isEmpty() || id.matches(".*_\\d+")) {
                missing.add(operation + ": operationId '" + id + "'");
            }
            for (String field : List.of("summary", "description")) {
                if (node.path(field).asString("").isBlank()) {
                    missing.add(operation + ": no " + field);
                }
            }
            if (node.path("tags").isEmpty()) {
                missing.add(operation + ": no tag");
            }
        });
        assertThat(missing).as("operations not fully described").isEmpty();
    }

    /**
     * The document tells the truth about security: an operation it marks as public (a security
     * requirement of {@code {}}, from {@code @PublicOperation}) answers a caller without a token, and every
     * other answers 401. Each is called once with random ids and no body, which changes nothing.
     */
    public static void assertPublicOperationsAreExactlyThoseOpenToAnyone(ApiClient api) {
        JsonNode document = document(api);
        List<String> wrong = new ArrayList<>();
        operations(document).forEach(operation -> {
            JsonNode security = operation.node().has("security") ? operation.node().get("security") : document.path("security");
            boolean documentedPublic = security.isEmpty();
            for (JsonNode requirement : security) {
                documentedPublic |= requirement.isEmpty();
            }
            String path = operation.path().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            int status = api.send(operation.method().toUpperCase(), path, null, null, null, Map.of()).statusCode();
            if (documentedPublic == (status == 401)) {
                wrong.add(operation + " is documented as " + (documentedPublic ? "public" : "needing a token")
                        + " but answered " + status + " without one");
            }
        });
        assertThat(wrong).as("security in the OpenAPI document").isEmpty();
    }

    record Operation(String method, String path, JsonNode node) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.add(new Operation(method.getKey(), path.getKey(), method.getValue()));
            }
        }));
        assertThat(operations).as("operations in the OpenAPI document").isNotEmpty();
        return operations;
    }

    private static JsonNode document(ApiClient api) {
        HttpResponse<String> response = api.get("/v3/api-docs", null);
        assertThat(response.statusCode()).as("GET /v3/api-docs: %s", response.body()).isEqualTo(200);
        return JsonMapper.shared().readTree(response.body());
    }

    private static String firstDifference(String committed, String served) {
        List<String> left = committed.lines().toList();
        List<String> right = served.lines().toList();
        int line = 0;
        while (line < left.size() && line < right.size() && left.get(line).equals(right.get(line))) {
            line++;
        }
        return "first difference at line %d:%n  committed: %s%n  served:    %s".formatted(line + 1,
                line < left.size() ? left.get(line) : "(end of file)",
                line < right.size() ? right.get(line) : "(end of document)");
    }

    private static String regenerate() {
        String module = Path.of("").toAbsolutePath().getFileName().toString();
        return "To accept the served document, run%n  ./mvnw -B -pl %s -am verify -Dtest=ApiDescriptionsTest "
                .formatted(module) + "-Dsurefire.failIfNoSpecifiedTests=false -D" + WRITE + "=true\nand commit the diff.";
    }

    private static String read() {
        try {
            return Files.readString(COMMITTED, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String served) {
        try {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
