package org.redciudades.events;

import java.util.List;
import java.util.UUID;
import org.redciudades.chassis.testing.Contracts;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What events-service published about one event, read from its outbox in publication order. Every
 * payload read is first checked against its schema in {@code contracts/}.
 */
public record PublishedFacts(JdbcClient jdbc, JsonMapper json) {

    public static final String PREFIX = "org.redciudades.events.";

    /** Payloads of {@code type} (e.g. {@code "registration.confirmed"}, version 1) about the event. */
    public List<JsonNode> of(UUID eventId, String type) {
        String fullType = PREFIX + type + ".v1";
        return jdbc.sql("select payload::text from outbox_event where aggregate_id = :e and event_type = :t order by position")
                .param("e", eventId.toString()).param("t", fullType).query(String.class).list().stream()
                .map(payload -> {
                    Contracts.assertConforms(fullType, payload);
                    return json.readTree(payload);
                })
                .toList();
    }

    /** Every payload published about the event, in order, each checked against its type's schema. */
    public List<JsonNode> all(UUID eventId) {
        return jdbc.sql("select event_type, payload::text as payload from outbox_event where aggregate_id = :e order by position")
                .param("e", eventId.toString())
                .query((rs, n) -> {
                    Contracts.assertConforms(rs.getString("event_type"), rs.getString("payload"));
                    return json.readTree(rs.getString("payload"));
                })
                .list();
    }

    /** The types published about the event, in order, without prefix or version. */
    public List<String> types(UUID eventId) {
        return jdbc.sql("select event_type from outbox_event where aggregate_id = :e order by position")
                .param("e", eventId.toString()).query(String.class).list().stream()
                .map(type -> type.substring(PREFIX.length(), type.lastIndexOf(".v")))
                .toList();
    }
}
