package org.redciudades.chassis.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests a service must refuse without writing anything, derived from one valid request. Each variant is
 * invalid whatever the endpoint's own validation rules are, provided the service reads JSON with Jackson's
 * default features: strict syntax, and no single value taken as an array or an array unwrapped to a value.
 *
 * <p>Paths are already percent-encoded: send them as they are.
 */
public final class MalformedRequests {

    /** A request to send; body may be empty; contentType null means no Content-Type header. */
    public record Malformed(String description, String method, String path, String contentType, byte[] body) {

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * An endpoint that takes a JSON body, given by a valid sample body. {@code optionalFields} are the dotted
     * paths of fields that may be absent or null, e.g. {@code institution.website}, {@code contacts[].title}.
     */
    public record JsonEndpoint(String method, String path, String validBody, Set<String> optionalFields) {

        public JsonEndpoint {
            optionalFields = Set.copyOf(optionalFields);
        }
    }

    private static final String JSON = "application/json";
    private static final int TRUNCATIONS = 20;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    // A parser may stop reading after the first complete value, so trailing garbage proves nothing.
    private static final ObjectReader FIRST_VALUE = MAPPER.readerFor(JsonNode.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARK = "~malformed-requests-mark~";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}/]+}");
    // Well-formed, so only the other placeholder is wrong; random, so no test data has it.
    private static final String UNKNOWN_ID = "3f2b8c1e-9d4a-4e6b-8a1f-5c7d9e0b2a64";

    private MalformedRequests() {
    }

    /** All malformed variants of one JSON endpoint, for a body size limit in bytes. */
    public static List<Malformed> of(JsonEndpoint endpoint, int bodyLimitBytes) {
        byte[] validBytes = endpoint.validBody().getBytes(StandardCharsets.UTF_8);
        JsonNode valid = MAPPER.readTree(validBytes);
        if (!valid.isContainer()) {
            throw new IllegalArgumentException("The valid body must be a JSON object or array: " + endpoint.validBody());
        }
        if (validBytes.length > bodyLimitBytes) {
            throw new IllegalArgumentException("The valid body is over the limit of " + bodyLimitBytes + " bytes");
        }
        if (endpoint.validBody().contains(MARK)) {
            throw new IllegalArgumentException("The valid body contains " + MARK);
        }
        List<Field> fields = new ArrayList<>();
        collect(valid, List.of(), fields);

        Variants out = new Variants(endpoint.method(), endpoint.path());
        truncations(validBytes, out);
        syntax(valid, fields, out);
        wrongTypes(valid, fields, out);
        missingFields(valid, fields, endpoint.optionalFields(), out);
        shapes(valid, out);
        oversized(valid, fields, bodyLimitBytes + 1024, out);
        oversized(valid, fields, 4 * bodyLimitBytes, out);
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream")) {
            out.add("content type: " + type, type, validBytes);
        }
        out.add("content type: none", null, validBytes);
        encodings(valid, fields, out);
        return out.list;
    }

    /**
     * Variants for an endpoint without a body (GET/DELETE, or a POST with an empty body), whose template has
     * {@code {id}}-style placeholders. Each is an error whatever the service does with the body: the ids are not
     * UUIDs, and the bodies sent to POST/PUT/PATCH go to a well-formed id that does not exist (so 413 or 415,
     * or at worst 404).
     */
    public static List<Malformed> withoutBody(String method, String pathTemplate, int bodyLimitBytes) {
        List<MatchResult> placeholders = PLACEHOLDER.matcher(pathTemplate).results().toList();
        if (placeholders.isEmpty()) {
            throw new IllegalArgumentException("Without an {id} in " + pathTemplate + " no request is sure to fail");
        }
        Map<String, String> badIds = new LinkedHashMap<>();
        badIds.put("not-a-uuid", "not-a-uuid");
        badIds.put("123", "123");
        badIds.put("%00", "%00");
        badIds.put("..%2F..%2Fetc", "..%2F..%2Fetc");
        badIds.put("a 40-character hex string", "0123456789abcdef0123456789abcdef01234567");
        badIds.put("00000000-0000-0000-0000-00000000000G", "00000000-0000-0000-0000-00000000000G");
        badIds.put("a 2000-character string", "a".repeat(2000));

        Variants out = new Variants(method, pathTemplate);
        for (int i = 0; i < placeholders.size(); i++) {
            for (Map.Entry<String, String> bad : badIds.entrySet()) {
                out.addAt(placeholders.get(i).group() + " = " + bad.getKey(), fill(pathTemplate, placeholders, i, bad.getValue()),
                        null, new byte[0]);
            }
        }
        if (Set.of("POST", "PUT", "PATCH").contains(method.toUpperCase(Locale.ROOT))) {
            String path = fill(pathTemplate, placeholders, -1, null);
            String prefix = "{\"padding\":\"";
            int size = 2 * bodyLimitBytes;
            String padded = prefix + "x".repeat(Math.max(0, size - prefix.length() - 2)) + "\"}";
            out.addAt("oversized: " + padded.length() + " bytes", path, JSON, padded.getBytes(StandardCharsets.UTF_8));
            out.addAt("content type: application/xml", path, "application/xml",
                    "<request/>".getBytes(StandardCharsets.UTF_8));
        }
        return out.list;
    }

    private static String fill(String template, List<MatchResult> placeholders, int index, String value) {
        StringBuilder path = new StringBuilder();
        int from = 0;
        for (int i = 0; i < placeholders.size(); i++) {
            MatchResult placeholder = placeholders.get(i);
            path.append(template, from, placeholder.start()).append(i == index ? value : UNKNOWN_ID);
            from = placeholder.end();
        }
        return path.append(template.substring(from)).toString();
    }

    private static void truncations(byte[] valid, Variants out) {
        Set<Integer> offsets = new LinkedHashSet<>();
        for (int i = 1; i <= TRUNCATIONS; i++) {
            offsets.add(Math.clamp((long) valid.length * i / (TRUNCATIONS + 1), 1, valid.length - 1));
        }
        for (int offset : offsets) {
            byte[] cut = Arrays.copyOf(valid, offset);
            if (!parses(cut)) {
                out.add("truncated at byte " + offset, JSON, cut);
            }
        }
    }

    private static void syntax(JsonNode valid, List<Field> fields, Variants out) {
        String compact = MAPPER.writeValueAsString(valid);
        char open = compact.charAt(0);
        char close = compact.charAt(compact.length() - 1);
        String inner = compact.substring(1, compact.length() - 1);
        Map<String, byte[]> texts = new LinkedHashMap<>();
        texts.put("trailing comma before the last " + close, utf8(open + inner + "," + close));
        texts.put("single quotes instead of double", utf8(compact.replace('"', '\'')));
        texts.put("no closing " + close, utf8(open + inner));
        texts.put("closed with the wrong bracket", utf8(open + inner + (close == '}' ? ']' : '}')));
        texts.put("opened twice " + open + open, utf8(open + compact));
        texts.put("a // comment", utf8(open + "// comment\n" + inner + close));
        texts.put("a /* comment */", utf8(open + "/* comment */" + inner + close));
        texts.put("a # comment", utf8(open + "# comment\n" + inner + close));
        texts.put("text before the body", utf8("body=" + compact));
        if (valid.isObject() && !valid.isEmpty()) {
            Map.Entry<String, JsonNode> first = valid.properties().iterator().next();
            String key = MAPPER.writeValueAsString(first.getKey());
            String afterColon = compact.substring(1 + key.length() + 1);
            texts.put("first key unquoted", utf8("{" + first.getKey() + ":" + afterColon));
            texts.put("no colon after the first key", utf8("{" + key + afterColon));
            texts.put("= instead of : after the first key", utf8("{" + key + "=" + afterColon));
            String head = "{" + key + ":" + MAPPER.writeValueAsString(first.getValue());
            if (valid.size() > 1 && compact.startsWith(head + ",")) {
                String tail = compact.substring(head.length() + 1);
                texts.put("no comma between the first two fields", utf8(head + tail));
                texts.put("two commas between the first two fields", utf8(head + ",," + tail));
            }
        }
        fields.stream().filter(f -> f.value().isValueNode() && !f.value().isNull()).findFirst().ifPresent(leaf -> {
            Map<String, byte[]> values = new LinkedHashMap<>();
            values.put("NaN", utf8("NaN"));
            values.put("Infinity", utf8("Infinity"));
            values.put("undefined", utf8("undefined"));
            values.put("True", utf8("True"));
            values.put("a hex number", utf8("0x1F"));
            values.put("a number with a leading zero", utf8("0123"));
            values.put("a number with a leading +", utf8("+1"));
            values.put("a number starting with .", utf8(".5"));
            values.put("a number ending with .", utf8("1."));
            values.put("a single-quoted string", utf8("'text'"));
            values.put("an unquoted string", utf8("some text"));
            values.put("an unterminated string", utf8("\"text"));
            values.put("a string with a raw tab", utf8("\"a\tb\""));
            values.put("a string with a raw newline", utf8("\"a\nb\""));
            values.put("a string with the escape \\x41", utf8("\"\\x41\""));
            values.put("a string with a short \\u escape", utf8("\"\\u12\""));
            values.forEach((what, raw) -> texts.put(leaf.path() + " as " + what, splice(valid, leaf.steps(), raw)));
        });
        texts.forEach((what, body) -> {
            if (!parses(body)) {
                out.add("syntax: " + what, JSON, body);
            }
        });
    }

    // Only containers replace a scalar: Jackson coerces scalars to each other (12345 binds to a String as "12345",
    // to a boolean as true, to a LocalDate as an epoch day), so a number or boolean might still be valid.
    private static void wrongTypes(JsonNode valid, List<Field> fields, Variants out) {
        for (Field field : fields) {
            JsonNode value = field.value();
            if (value.isNull()) {
                continue; // its type is unknown, so nothing is sure to be wrong for it
            }
            Map<String, JsonNode> replacements = new LinkedHashMap<>();
            if (value.isContainer()) {
                replacements.put("number", NODES.numberNode(12345));
                replacements.put("boolean", NODES.booleanNode(true));
            }
            if (!value.isObject()) {
                replacements.put("object", NODES.objectNode().put("x", 1));
            }
            if (!value.isArray()) {
                // Two elements, so not even unwrapping a single-element array makes it a value.
                replacements.put("array", NODES.arrayNode().add(1).add(2));
            }
            replacements.forEach((type, replacement) -> out.add("wrong type: " + field.path() + " as " + type, JSON,
                    MAPPER.writeValueAsBytes(replaced(valid, field.steps(), replacement))));
        }
    }

    private static void missingFields(JsonNode valid, List<Field> fields, Set<String> optional, Variants out) {
        for (Field field : fields) {
            // A field that is null in the valid body is as good as absent.
            if (!field.isProperty() || field.value().isNull() || optional.contains(field.path())
                    || field.ancestors().stream().anyMatch(optional::contains)) {
                continue;
            }
            out.add("missing field: " + field.path(), JSON, MAPPER.writeValueAsBytes(replaced(valid, field.steps(), null)));
        }
    }

    private static void shapes(JsonNode valid, Variants out) {
        String compact = MAPPER.writeValueAsString(valid);
        Map<String, String> shapes = new LinkedHashMap<>();
        shapes.put("empty", "");
        shapes.put("null", "null");
        shapes.put("a string", "\"text\"");
        shapes.put("a number", "42");
        shapes.put("a boolean", "true");
        if (valid.isObject()) {
            shapes.put("an empty array", "[]");
            shapes.put("the valid body in an array", "[" + compact + "]");
        } else {
            shapes.put("an empty object", "{}");
            shapes.put("the valid body in an object", "{\"items\":" + compact + "}");
        }
        shapes.forEach((what, body) -> out.add("body: " + what, JSON, utf8(body)));
    }

    private static void oversized(JsonNode valid, List<Field> fields, int size, Variants out) {
        int base = MAPPER.writeValueAsBytes(valid).length;
        String padding = "x".repeat(Math.max(0, size - base));
        fields.stream().filter(f -> f.value().isString()).findFirst().ifPresentOrElse(
                field -> out.add("oversized: " + size + " bytes, " + field.path() + " padded", JSON, MAPPER.writeValueAsBytes(
                        replaced(valid, field.steps(), NODES.stringNode(field.value().stringValue() + padding)))),
                () -> {
                    String compact = MAPPER.writeValueAsString(valid);
                    String spaces = padding.replace('x', ' ');
                    out.add("oversized: " + size + " bytes, whitespace padded", JSON,
                            utf8(compact.charAt(0) + spaces + compact.substring(1)));
                });
    }

    private static void encodings(JsonNode valid, List<Field> fields, Variants out) {
        fields.stream().filter(f -> f.value().isString()).findFirst().ifPresent(field -> {
            Map<String, byte[]> sequences = new LinkedHashMap<>();
            sequences.put("C3 28", new byte[] {(byte) 0xC3, 0x28});
            sequences.put("FF", new byte[] {(byte) 0xFF});
            sequences.forEach((hex, bytes) -> {
                byte[] raw = new byte[bytes.length + 2];
                raw[0] = '"';
                System.arraycopy(bytes, 0, raw, 1, bytes.length);
                raw[raw.length - 1] = '"';
                byte[] body = splice(valid, field.steps(), raw);
                if (!parses(body)) {
                    out.add("encoding: invalid UTF-8 " + hex + " in " + field.path(), JSON, body);
                }
            });
        });
    }

    private static boolean parses(byte[] body) {
        try {
            FIRST_VALUE.readTree(body);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The valid body with the value at {@code steps} replaced by raw bytes, which need not be JSON. */
    private static byte[] splice(JsonNode valid, List<Object> steps, byte[] raw) {
        byte[] marked = MAPPER.writeValueAsBytes(replaced(valid, steps, NODES.stringNode(MARK)));
        byte[] mark = utf8("\"" + MARK + "\"");
        int at = indexOf(marked, mark);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(marked, 0, at);
        body.writeBytes(raw);
        body.write(marked, at + mark.length, marked.length - at - mark.length);
        return body.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new IllegalStateException("No mark in " + new String(haystack, StandardCharsets.UTF_8));
    }

    /** A copy of the valid body with the value at {@code steps} replaced, or removed when {@code replacement} is null. */
    private static JsonNode replaced(JsonNode valid, List<Object> steps, JsonNode replacement) {
        JsonNode copy = valid.deepCopy();
        JsonNode parent = copy;
        for (Object step : steps.subList(0, steps.size() - 1)) {
            parent = step instanceof String name ? parent.get(name) : parent.get((Integer) step);
        }
        if (steps.getLast() instanceof String name) {
            if (replacement == null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ObjectNode) parent).set(name, replacement);
            }
        } else {
            ((ArrayNode) parent).set((Integer) steps.getLast(), replacement);
        }
        return copy;
    }

    /** Every property, and the first element of every array, depth first. */
    private static void collect(JsonNode node, List<Object> steps, List<Field> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                descend(property.getValue(), steps, property.getKey(), out);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            descend(node.get(0), steps, 0, out);
        }
    }

    private static void descend(JsonNode value, List<Object> steps, Object step, List<Field> out) {
        List<Object> child = new ArrayList<>(steps);
        child.add(step);
        out.add(new Field(List.copyOf(child), value));
        collect(value, child, out);
    }

    /** A place in the body: property names, and 0 for the first element of an array. */
    private record Field(List<Object> steps, JsonNode value) {

        String path() {
            return path(steps);
        }

        boolean isProperty() {
            return steps.getLast() instanceof String;
        }

        List<String> ancestors() {
            List<String> ancestors = new ArrayList<>();
            for (int i = 1; i < steps.size(); i++) {
                ancestors.add(path(steps.subList(0, i)));
            }
            return ancestors;
        }

        private static String path(List<Object> steps) {
            StringBuilder path = new StringBuilder();
            for (Object step : steps) {
                if (step instanceof String name) {
                    path.append(path.isEmpty() ? "" : ".").append(name);
                } else {
                    path.append("[]");
                }
            }
            return path.toString();
        }
    }

    private static final class Variants {

        private final String method;
        private final String path;
        private final List<Malformed> list = new ArrayList<>();

        Variants(String method, String path) {
            this.method = method;
            this.path = path;
        }

        void add(String description, String contentType, byte[] body) {
            addAt(description, path, contentType, body);
        }

        void addAt(String description, String path, String contentType, byte[] body) {
            list.add(new Malformed(description, method, path, contentType, body));
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
