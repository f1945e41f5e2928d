package org.redciudades.kubernetes;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Schemas in {@code deploy/kubernetes/schemas/}, one per apiVersion and kind, named as kubeconform names
 * them: {@code <kind>-<first part of the group>-<version>.json}, lower case ({@code deployment-apps-v1.json},
 * {@code kafka-kafka-v1.json}, {@code service-v1.json}).
 */
final class ManifestSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getDraft202012());

    private final Path dir;
    private final Map<String, Optional<Schema>> schemas = new HashMap<>();

    ManifestSchemas(Path dir) {
        this.dir = dir;
    }

    static String fileName(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        String groupPart = group.isEmpty() ? "" : "-" + group.split("\\.")[0];
        return kind.toLowerCase() + groupPart + "-" + version + ".json";
    }

    /** What is wrong with {@code document} against its kind's schema: nothing, or each violation, or "no schema". */
    List<String> violations(JsonNode document) {
        String apiVersion = document.path("apiVersion").asString("");
        String kind = document.path("kind").asString("");
        Optional<Schema> schema = schemas.computeIfAbsent(fileName(apiVersion, kind), this::load);
        if (schema.isEmpty()) {
            return List.of("no schema for apiVersion " + apiVersion + ", kind " + kind + " (no " + dir.getFileName()
                    + "/" + fileName(apiVersion, kind) + "): an unknown kind, or one whose schema was not committed");
        }
        return schema.get().validate(document).stream().map(error -> error.toString()).toList();
    }

    private Optional<Schema> load(String fileName) {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(REGISTRY.getSchema(Kustomize.YAML.readTree(Files.readString(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
