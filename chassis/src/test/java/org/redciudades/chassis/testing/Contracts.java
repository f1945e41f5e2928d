package org.redciudades.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event catalogue in {@code contracts/}: producers' tests check that what they emit validates
 * against the schema of its type, and consumers' tests feed the example payloads.
 */
public final class Contracts {

    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();
    /** Draft 2020-12 only, with {@code format} asserted (2020-12 makes it an annotation by default). */
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDialect(Dialects.getDraft202012(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

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
        Schema schema = SCHEMAS.computeIfAbsent(type,
                t -> REGISTRY.getSchema(read("schemas/" + t + ".schema.json"), InputFormat.JSON));
        assertThat(schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList())
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
