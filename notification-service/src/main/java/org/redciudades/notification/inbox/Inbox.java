package org.redciudades.notification.inbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
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

/** Each person's in-app inbox: every message queued for them, newest first, read or unread. */
@Repository
public class Inbox {

    @Schema(name = "InboxItem")
    public record Item(UUID id, String template, String subject, String text, Instant createdAt, Instant readAt) {
    }

    private static final String ITEM = "notification_id as id, template, subject, body_text as text, created_at, read_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    Inbox(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Puts a message just queued for {@code recipient} in their inbox, unread. */
    public void put(UUID notificationId, String recipient, String template, String subject, String text, Instant at) {
        jdbc.sql("""
                insert into inbox_item (notification_id, recipient, template, subject, body_text, created_at)
                values (:id, :recipient, :template, :subject, :text, :at)
                """)
                .param("id", notificationId).param("recipient", EmailAddresses.normalized(recipient))
                .param("template", template).param("subject", subject).param("text", text)
                .param("at", Timestamp.from(at)).update();
    }

    public PageQuery.Page<Item> of(String email, boolean unreadOnly, PageQuery page) {
        return PagedQuery.of(jdbc, "inbox_item", Map.of("createdAt", "created_at"), "notification_id")
                .where("recipient = :email", "email", email)
                .filter(unreadOnly, "read_at is null")
                .page(page, ITEM, Item.class);
    }

    public long unread(String email) {
        return jdbc.sql("select count(*) from inbox_item where recipient = :email and read_at is null")
                .param("email", email).query(Long.class).single();
    }

    /** Marks one of the person's items read; marking it again changes nothing. Someone else's is not found. */
    public Item markRead(String email, UUID id) {
        jdbc.sql("update inbox_item set read_at = :now where notification_id = :id and recipient = :email and read_at is null")
                .param("now", Timestamp.from(clock.instant())).param("id", id).param("email", email).update();
        return jdbc.sql("select " + ITEM + " from inbox_item where notification_id = :id and recipient = :email")
                .param("id", id).param("email", email).query(Item.class).optional()
                .orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "inbox-item-not-found", id));
    }
}
