package org.redciudades.chassis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.redciudades.chassis.testing.MalformedRequests.Malformed;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sends malformed requests and checks that each is refused with a 4xx problem+json, and that none of
 * them wrote anything: every table has the same rows afterwards.
 */
public final class HarmlessRejection {

    private HarmlessRejection() {
    }

    /**
     * @param token          the caller's token, so that requests reach validation rather than stop at 401
     * @param consumerTables tables that the service's Kafka consumers may write meanwhile, left out of the check
     */
    public static void assertRejectedWithoutEffect(ApiClient api, String token, List<Malformed> requests,
                                                   JdbcClient jdbc, Set<String> consumerTables) {
        Map<String, Long> before = rowCounts(jdbc, consumerTables);
        SoftAssertions softly = new SoftAssertions();
        for (Malformed request : requests) {
            HttpResponse<String> response = api.send(request.method(), request.path(), token, request.contentType(),
                    request.body(), Map.of());
            softly.assertThat(response.statusCode()).as("%s: %s", request.description(), response.body()).isBetween(400, 499);
            softly.assertThat(response.headers().firstValue("Content-Type").orElse(""))
                    .as("%s content type", request.description()).startsWith("application/problem+json");
            softly.assertThat(response.body()).as("%s body", request.description())
                    .contains("\"type\":\"https://redciudades.org/problems/");
        }
        softly.assertAll();
        assertThat(rowCounts(jdbc, consumerTables)).as("rows per table after %d malformed requests", requests.size())
                .isEqualTo(before);
    }

    private static Map<String, Long> rowCounts(JdbcClient jdbc, Set<String> excluded) {
        List<String> tables = jdbc.sql("""
                select table_name from information_schema.tables
                where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'flyway_schema_history'
                """).query(String.class).list();
        Map<String, Long> counts = new TreeMap<>();
        for (String table : tables) {
            if (!excluded.contains(table)) {
                counts.put(table, jdbc.sql("select count(*) from \"" + table + "\"").query(Long.class).single());
            }
        }
        return counts;
    }
}
