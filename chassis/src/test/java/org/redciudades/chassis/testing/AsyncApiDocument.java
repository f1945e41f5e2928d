package org.redciudades.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * {@code contracts/asyncapi.yaml}, parsed: its messages and its operations, with the document's own
 * {@code $ref}s followed, so tests can compare it with the schemas and with what the services do.
 */
public final class AsyncApiDocument {

    /**
     * A message of {@code components/messages}: {@code type} is its name (the CloudEvents type),
     * {@code payload} the reference to its schema file, {@code headerType} the {@code ce_type} its headers
     * require, and {@code exampleTypes} the {@code ce_type} of each of its examples.
     */
    public record Message(String id, String type, String payload, String headerType, List<String> exampleTypes) {
    }

    /**
     * An operation: {@code action} is send or receive, {@code service} its {@code x-service}, {@code address}
     * the topic of its channel, and {@code types} the CloudEvents types of its messages.
     */
    public record Operation(String id, String action, String service, String address, SortedSet<String> types) {
    }

    private final JsonNode root;

    private AsyncApiDocument(JsonNode root) {
        this.root = root;
    }

    public static AsyncApiDocument read() {
        try {
            return new AsyncApiDocument(new YAMLMapper().readTree(
                    Files.readString(Contracts.directory().resolve("asyncapi.yaml"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.path("components").path("messages").properties()) {
            JsonNode message = resolve(entry.getValue());
            String headerType = message.path("headers").findValues("ce_type").stream()
                    .map(property -> text(property.path("const"))).filter(Objects::nonNull).findFirst().orElse(null);
            List<String> exampleTypes = message.path("examples").valueStream()
                    .map(example -> text(example.path("headers").path("ce_type"))).toList();
            messages.add(new Message(entry.getKey(), text(message.path("name")),
                    text(message.path("payload").path("$ref")), headerType, exampleTypes));
        }
        return messages;
    }

    public List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.path("operations").properties()) {
            JsonNode operation = entry.getValue();
            SortedSet<String> types = new TreeSet<>();
            operation.path("messages").forEach(message -> types.add(Objects.toString(text(resolve(message).path("name")), "(a message without a name)")));
            operations.add(new Operation(entry.getKey(), text(operation.path("action")),
                    text(operation.path("x-service")), text(resolve(operation.path("channel")).path("address")), types));
        }
        return operations;
    }

    /** The node a local {@code $ref} points to, following chains of them. */
    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            String ref = text(current.get("$ref"));
            if (ref == null || !ref.startsWith("#/") || hops > 10) {
                throw new IllegalArgumentException("asyncapi.yaml: cannot follow $ref " + ref);
            }
            current = root.at(ref.substring(1));
            if (current.isMissingNode()) {
                throw new IllegalArgumentException("asyncapi.yaml: $ref " + ref + " points to nothing");
            }
        }
        return current;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }
}
