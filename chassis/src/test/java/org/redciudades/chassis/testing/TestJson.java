package org.redciudades.chassis.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON for tests, written the way a client would: records become request bodies, and a field left null
 * is left out, as a caller who does not send it.
 */
public final class TestJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private TestJson() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /**
     * {@code value} written with the field at {@code pointer} (e.g. {@code /contacts/0/primary}) set to
     * {@code replacement}: a body no record can express, such as a value of the wrong type.
     */
    public static String write(Object value, String pointer, Object replacement) {
        return write(set(MAPPER.valueToTree(value), pointer, replacement));
    }

    public static JsonNode read(String json) {
        return MAPPER.readTree(json);
    }

    /**
     * A copy of {@code record} with one JSON property changed, for the withers of request records: each
     * names what it varies in one line, and the record stays the one description of the body.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Record> T with(T record, String property, Object value) {
        return (T) MAPPER.treeToValue(set(MAPPER.valueToTree(record), "/" + property, value), record.getClass());
    }

    /** Sets the field or array element at {@code pointer} in {@code root}, and returns {@code root}. */
    static JsonNode set(JsonNode root, String pointer, Object value) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode node = MAPPER.valueToTree(value);
        switch (root.at(path.head())) {
            case ObjectNode object -> object.set(path.last().getMatchingProperty(), node);
            case ArrayNode array -> array.set(path.last().getMatchingIndex(), node);
            default -> throw new IllegalArgumentException("No object or array holds " + pointer + " in " + root);
        }
        return root;
    }
}
