package org.redciudades.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The event catalogue in {@code contracts/}: producers' tests check that what they emit validates
 * against the schema of its type, and consumers' tests feed the example payloads.
 */
public final class Contracts {

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private Contracts() {
    }

    public static Path directory() {
        String configured = System.getProperty("contracts.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "contracts");
        if (!Files.isDirectory(dir.resolve("schemas"))) {
            throw new IllegalStateException("No contracts at " + dir.toAbsolutePath());
        }
        return dir;
    }

    /** Fails the test, naming each violation, unless {@code json} validates against the schema of {@code type}. */
    public static void assertConforms(String type, String json) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(type, t -> FACTORY.getSchema(read("schemas/" + t + ".schema.json"), CONFIG));
        Set<ValidationMessage> errors = schema.validate(json, com.networknt.schema.InputFormat.JSON);
        assertThat(errors.stream().map(ValidationMessage::getMessage).collect(Collectors.toList()))
                .as("%s payload %s violates its contract", type, json)
                .isEmpty();
    }

    /** The example payload of {@code type}, which its schema accepts. */
    public static String example(String type) {
        return read("examples/" + type + ".json");
    }

    private static String read(String relative) {
        try {
            return Files.readString(directory().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
