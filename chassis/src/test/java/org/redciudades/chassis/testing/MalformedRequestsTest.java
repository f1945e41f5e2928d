package org.redciudades.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.MalformedRequests.JsonEndpoint;
import org.redciudades.chassis.testing.MalformedRequests.Malformed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;

class MalformedRequestsTest {

    private static final String APPLICATION = """
            {"institution":{"name":"IMPLAN Torreón","kind":"MUNICIPAL_PLANNING_INSTITUTE","country":"MX","region":"Coahuila",\
            "city":"Torreón","website":"https://implan-torreon.example.mx"},"locale":"es-MX","timeZone":"America/Monterrey",\
            "contacts":[{"name":"Mariana Ávila Treviño","email":"mariana.avila@implan-torreon.example.mx","title":"Coordinadora",\
            "locale":"es-MX","primary":true}]}""";
    private static final int LIMIT = 4096;
    private static final JsonEndpoint ENDPOINT = new JsonEndpoint("POST", "/api/v1/applications", APPLICATION,
            Set.of("institution.website", "contacts[].title"));
    private static final JsonMapper JSON = new JsonMapper();
    private static final JsonNode VALID = JSON.readTree(APPLICATION);
    private static final Pattern WRONG_TYPE = Pattern.compile("wrong type: (\\S+) as (number|boolean|object|array)");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final List<Malformed> variants = MalformedRequests.of(ENDPOINT, LIMIT);

    @Test
    void an_application_yields_at_least_a_hundred_variants_all_for_its_endpoint() {
        assertThat(variants).hasSizeGreaterThanOrEqualTo(100)
                .allSatisfy(v -> assertThat(v.method() + " " + v.path()).isEqualTo("POST /api/v1/applications"));
    }

    @Test
    void descriptions_are_unique() {
        assertThat(variants).extracting(Malformed::description).doesNotHaveDuplicates();
    }

    @Test
    void no_variant_is_the_valid_body_sent_as_json_within_the_limit() {
        byte[] valid = APPLICATION.getBytes(StandardCharsets.UTF_8);
        for (Malformed v : variants) {
            if (v.contentType() == null || !v.contentType().startsWith("application/json") || v.body().length > LIMIT) {
                continue;
            }
            assertThat(v.body()).as(v.description()).isNotEqualTo(valid);
            if (parses(v.body())) {
                assertThat(JSON.readTree(v.body())).as(v.description()).isNotEqualTo(VALID);
            }
        }
    }

    @Test
    void every_truncation_syntax_and_encoding_variant_fails_to_parse_even_ignoring_trailing_tokens() {
        List<Malformed> broken = variants.stream()
                .filter(v -> v.description().matches("(truncated at byte|syntax:|encoding:).*"))
                .toList();

        assertThat(broken).extracting(Malformed::description)
                .filteredOn(d -> d.startsWith("truncated")).hasSizeBetween(15, 20);
        assertThat(broken).extracting(Malformed::description)
                .contains("syntax: trailing comma before the last }", "syntax: single quotes instead of double",
                        "syntax: first key unquoted", "syntax: no colon after the first key", "syntax: a // comment",
                        "syntax: opened twice {{", "syntax: institution.name as NaN",
                        "encoding: invalid UTF-8 C3 28 in institution.name");
        assertThat(broken).allSatisfy(v -> {
            assertThat(v.contentType()).isEqualTo("application/json");
            assertThat(parses(v.body())).as(v.description()).isFalse();
            assertThatThrownBy(() -> JSON.readerFor(JsonNode.class)
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(v.body()))
                    .as(v.description()).isInstanceOf(JacksonException.class);
        });
    }

    @Test
    void truncations_are_strict_prefixes_of_the_valid_body() {
        byte[] valid = APPLICATION.getBytes(StandardCharsets.UTF_8);
        assertThat(variants).filteredOn(v -> v.description().startsWith("truncated at byte ")).allSatisfy(v -> {
            int offset = Integer.parseInt(v.description().substring("truncated at byte ".length()));
            assertThat(offset).isBetween(1, valid.length - 1);
            assertThat(v.body()).isEqualTo(Arrays.copyOf(valid, offset));
        });
    }

    @Test
    void wrong_type_variants_change_the_json_type_and_never_put_a_scalar_where_a_scalar_was() {
        List<Malformed> wrongTypes = variants.stream().filter(v -> v.description().startsWith("wrong type: ")).toList();

        assertThat(wrongTypes).extracting(Malformed::description).contains(
                "wrong type: institution as array", "wrong type: institution.country as object",
                "wrong type: contacts as number", "wrong type: contacts[] as boolean",
                "wrong type: contacts[].primary as array");
        assertThat(wrongTypes).allSatisfy(v -> {
            Matcher m = WRONG_TYPE.matcher(v.description());
            assertThat(m.matches()).as(v.description()).isTrue();
            JsonNode before = at(VALID, m.group(1));
            JsonNode after = at(JSON.readTree(v.body()), m.group(1));
            assertThat(before.isMissingNode()).isFalse();
            assertThat(after.getNodeType()).as(v.description())
                    .isNotEqualTo(before.getNodeType())
                    .isEqualTo(JsonNodeType.valueOf(m.group(2).toUpperCase(Locale.ROOT)));
            assertThat(after.isString() || after.isNull()).as(v.description()).isFalse();
            if (before.isValueNode()) {
                assertThat(after.isContainer()).as("%s: a scalar may be coerced from another scalar", v.description()).isTrue();
            }
        });
    }

    @Test
    void missing_field_variants_remove_each_required_field_and_no_optional_one() {
        List<Malformed> missing = variants.stream().filter(v -> v.description().startsWith("missing field: ")).toList();

        assertThat(missing).extracting(v -> v.description().substring("missing field: ".length()))
                .containsExactlyInAnyOrder("institution", "institution.name", "institution.kind", "institution.country",
                        "institution.region", "institution.city", "locale", "timeZone", "contacts", "contacts[].name",
                        "contacts[].email", "contacts[].locale", "contacts[].primary");
        assertThat(missing).allSatisfy(v -> {
            String path = v.description().substring("missing field: ".length());
            assertThat(at(JSON.readTree(v.body()), path).isMissingNode()).as(v.description()).isTrue();
            assertThat(JSON.readTree(v.body()).toString().length()).isLessThan(VALID.toString().length());
        });
    }

    @Test
    void nothing_inside_an_optional_object_counts_as_required() {
        List<Malformed> variants = MalformedRequests.of(new JsonEndpoint("POST", "/x", APPLICATION,
                Set.of("institution", "contacts[].title")), LIMIT);

        assertThat(variants).extracting(Malformed::description)
                .filteredOn(d -> d.startsWith("missing field: institution")).isEmpty();
        assertThat(variants).extracting(Malformed::description).contains("missing field: contacts[].name");
    }

    @Test
    void whole_body_shapes_are_not_a_json_object() {
        List<Malformed> shapes = variants.stream().filter(v -> v.description().startsWith("body: ")).toList();

        assertThat(shapes).extracting(v -> new String(v.body(), StandardCharsets.UTF_8))
                .contains("", "null", "[]", "\"text\"", "42", "true");
        assertThat(shapes).allSatisfy(v -> assertThat(v.body().length == 0 || !JSON.readTree(v.body()).isObject())
                .as(v.description()).isTrue());
    }

    @Test
    void oversized_variants_are_valid_json_over_the_limit() {
        List<Malformed> oversized = variants.stream().filter(v -> v.description().startsWith("oversized: ")).toList();

        assertThat(oversized).extracting(v -> v.body().length).containsExactly(LIMIT + 1024, 4 * LIMIT);
        assertThat(oversized).allSatisfy(v -> {
            assertThat(v.contentType()).isEqualTo("application/json");
            assertThat(JSON.readTree(v.body()).propertyNames()).containsExactlyElementsOf(VALID.propertyNames());
        });
    }

    @Test
    void wrong_content_types_carry_the_valid_body() {
        List<Malformed> contentTypes = variants.stream().filter(v -> v.description().startsWith("content type: ")).toList();

        assertThat(contentTypes).extracting(Malformed::contentType).containsExactly("text/plain", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", null);
        assertThat(contentTypes).allSatisfy(v -> assertThat(v.body()).isEqualTo(APPLICATION.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bodiless_variants_of_a_get_are_only_ids_that_are_not_uuids() {
        List<Malformed> variants = MalformedRequests.withoutBody("GET", "/api/v1/members/{id}", LIMIT);

        assertThat(variants).hasSize(7).allSatisfy(v -> {
            assertThat(v.method()).isEqualTo("GET");
            assertThat(v.path()).startsWith("/api/v1/members/");
            assertThat(UUID.matcher(v.path().substring("/api/v1/members/".length())).matches()).as(v.description()).isFalse();
            assertThat(v.body()).isEmpty();
            assertThat(v.contentType()).isNull();
        });
        assertThat(variants).extracting(Malformed::path)
                .contains("/api/v1/members/not-a-uuid", "/api/v1/members/%00", "/api/v1/members/..%2F..%2Fetc",
                        "/api/v1/members/00000000-0000-0000-0000-00000000000G")
                .anySatisfy(p -> assertThat(p).hasSize("/api/v1/members/".length() + 2000));
        assertThat(variants).extracting(Malformed::description).doesNotHaveDuplicates();
    }

    @Test
    void bodiless_variants_of_a_post_add_an_oversized_and_an_xml_body_for_an_id_that_exists_nowhere() {
        List<Malformed> variants = MalformedRequests.withoutBody("POST", "/api/v1/members/{id}/approval", LIMIT);

        assertThat(variants).hasSize(9).allSatisfy(v -> assertThat(v.path()).endsWith("/approval"));
        Malformed oversized = variants.stream().filter(v -> v.description().startsWith("oversized")).findFirst().orElseThrow();
        assertThat(oversized.body()).hasSize(2 * LIMIT);
        assertThat(JSON.readTree(oversized.body()).isObject()).isTrue();
        Malformed xml = variants.stream().filter(v -> "application/xml".equals(v.contentType())).findFirst().orElseThrow();
        assertThat(xml.body()).isNotEmpty();
        assertThat(List.of(oversized, xml)).allSatisfy(v -> assertThat(
                UUID.matcher(v.path().replace("/api/v1/members/", "").replace("/approval", "")).matches()).isTrue());
    }

    @Test
    void a_template_without_an_id_is_refused() {
        assertThatThrownBy(() -> MalformedRequests.withoutBody("POST", "/api/v1/sync", LIMIT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static boolean parses(byte[] body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The node at a dotted path such as {@code contacts[].name}, "[]" meaning the first element. */
    private static JsonNode at(JsonNode root, String path) {
        JsonNode node = root;
        for (String segment : path.split("\\.")) {
            String name = segment.replace("[]", "");
            if (!name.isEmpty()) {
                node = node.path(name);
            }
            for (int i = name.length(); i < segment.length(); i += 2) {
                node = node.path(0);
            }
        }
        return node;
    }
}
