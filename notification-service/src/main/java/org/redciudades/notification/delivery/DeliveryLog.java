package org.redciudades.notification.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.redciudades.chassis.privacy.EmailAddresses;
import org.redciudades.chassis.web.PageQuery;
import org.redciudades.chassis.web.PagedQuery;
import org.redciudades.chassis.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The delivery log as ops read it: why did this person (not) get this message? */
@Repository
public class DeliveryLog {

    /** One message: its status, attempts and last error; the body is not shown. */
    @Schema(name = "Delivery")
    public record Entry(UUID id, String sourceEventId, String recipient, String template, String locale, String subject,
                        String status, int attempts, String lastError, boolean calendarAttached, Instant createdAt,
                        Instant nextAttemptAt, Instant sentAt) {
    }

    public record Filter(String recipient, String status, String template, String sourceEventId) {
    }

    /** The columns of an entry: everything but the message itself, and whether an invitation went with it. */
    private static final String ENTRY = """
            id, source_event_id, recipient, template, locale, subject, status, attempts, last_error,
            calendar is not null as calendar_attached, created_at, next_attempt_at, sent_at""";

    private final JdbcClient jdbc;

    DeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public PageQuery.Page<Entry> find(Filter filter, PageQuery page) {
        String recipient = filter.recipient() == null ? null : EmailAddresses.normalized(filter.recipient());
        return PagedQuery.of(jdbc, "notification", Map.of("createdAt", "created_at"), "id")
                .filter("lower(recipient) = :recipient", "recipient", recipient)
                .filter("status = :status", "status", filter.status())
                .filter("template = :template", "template", filter.template())
                .filter("source_event_id = :source", "source", filter.sourceEventId())
                .page(page, ENTRY, Entry.class);
    }

    public Entry get(UUID id) {
        return jdbc.sql("select " + ENTRY + " from notification where id = :id").param("id", id)
                .query(Entry.class).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "notification-not-found", id));
    }
}
