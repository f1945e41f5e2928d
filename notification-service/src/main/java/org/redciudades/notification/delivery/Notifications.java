package org.redciudades.notification.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The delivery log. A message is queued in the transaction of the event that caused it, at most once
 * per (source event, recipient, template), and the {@link MailDispatcher} sends it afterwards.
 */
@Repository
public class Notifications {

    /** {@code calendar}: an iCalendar invitation to attach, or null. */
    public record RenderedMessage(String recipient, String template, String locale, String subject, String text,
                                  String html, String calendar) {

        public RenderedMessage withCalendar(String invitation) {
            return new RenderedMessage(recipient, template, locale, subject, text, html, invitation);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Notifications(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Returns false if this message was already queued for this source event. */
    public boolean queue(String sourceEventId, RenderedMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("queue must run in the transaction of the source event");
        }
        return jdbc.sql("""
                insert into notification (id, source_event_id, recipient, template, locale, subject, body_text,
                                          body_html, calendar, status, attempts, created_at, next_attempt_at)
                values (:id, :source, :recipient, :template, :locale, :subject, :text, :html, :calendar, 'PENDING', 0,
                        :now, :now)
                on conflict (source_event_id, recipient, template) do nothing
                """)
                .param("id", UUID.randomUUID())
                .param("source", sourceEventId)
                .param("recipient", message.recipient())
                .param("template", message.template())
                .param("locale", message.locale())
                .param("subject", message.subject())
                .param("text", message.text())
                .param("html", message.html())
                .param("calendar", message.calendar())
                .param("now", Timestamp.from(clock.instant()))
                .update() == 1;
    }
}
