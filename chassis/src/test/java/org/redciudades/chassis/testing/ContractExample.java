package org.redciudades.chassis.testing;

import static org.redciudades.chassis.testing.KafkaTopics.cloudEvent;
import static org.redciudades.chassis.testing.KafkaTopics.write;

import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The example payload of an event type in {@code contracts/}, with fields changed by JSON Pointer
 * ({@code /attendee/email}, {@code /contacts/0/locale}), so a test says which facts it varies instead of
 * replacing text inside JSON. What it gives out always conforms to the type's schema.
 */
public final class ContractExample {

    private final String type;
    private final ObjectNode payload;

    private ContractExample(String type, ObjectNode payload) {
        this.type = type;
        this.payload = payload;
    }

    /** {@code type} in full, e.g. {@code org.redciudades.events.registration.confirmed.v1}. */
    public static ContractExample of(String type) {
        return new ContractExample(type, (ObjectNode) TestJson.read(Contracts.example(type)));
    }

    /** A copy with the field at {@code pointer} set to {@code value} (a string, number, boolean, UUID, Instant or record). */
    public ContractExample with(String pointer, Object value) {
        return new ContractExample(type, (ObjectNode) TestJson.set(payload.deepCopy(), pointer, value));
    }

    public String type() {
        return type;
    }

    /** Whether the payload has a field at {@code pointer}. */
    public boolean has(String pointer) {
        return !payload.at(pointer).isMissingNode();
    }

    /** The value at {@code pointer}, as text. */
    public String text(String pointer) {
        return payload.at(pointer).asString();
    }

    public JsonNode tree() {
        return payload.deepCopy();
    }

    /** The payload, after checking it against the schema of its type. */
    public String json() {
        String json = TestJson.write(payload);
        Contracts.assertConforms(type, json);
        return json;
    }

    /** Writes the payload to {@code topic} as a CloudEvent with a new id, as its producer would. */
    public void publish(String topic, String key) {
        publish(topic, key, UUID.randomUUID().toString());
    }

    /** Writes it with the given CloudEvent id: the same id twice is a redelivery. */
    public void publish(String topic, String key, String eventId) {
        write(RealInfrastructure.kafkaBrokers(), cloudEvent(topic, key, eventId, type, json()));
    }
}
