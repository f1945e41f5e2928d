package org.redciudades.chassis.testing;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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

    public static JsonNode read(String json) {
        return MAPPER.readTree(json);
    }

    /** {@code value} as a tree, to change what a record cannot say (a value of the wrong type, say). */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * A copy of {@code record} with one JSON property changed, for the withers of request records: each
     * names what it varies in one line, and the record stays the one description of the body.
     */
    @SuppressWarnings("unchecked")
    public static <T extends Record> T with(T record, String property, Object value) {
        ObjectNode tree = MAPPER.valueToTree(record);
        tree.set(property, MAPPER.valueToTree(value));
        return (T) MAPPER.treeToValue(tree, record.getClass());
    }
}
