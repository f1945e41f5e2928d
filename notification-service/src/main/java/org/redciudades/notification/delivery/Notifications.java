package org.redciudades.notification.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.redciudades.chassis.support.AfterCommit;
import org.redciudades.chassis.tracing.Traces;
import org.redciudades.notification.inbox.Inbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.util.HtmlUtils;

/**
 * The delivery log. A message is queued in the transaction of the event that caused it, at most once
 * per (source event, recipient, template), and the {@link MailDispatcher} sends it afterwards.
 */
@Repository
public class Notifications {

    /**
     * {@code calendar}: an iCalendar invitation to attach, or null. {@code unsubscribe}: the one-click
     * unsubscribe URL of a message people may opt out of, or null. {@code qrCode}: what the QR code shown
     * in the HTML part encodes (drawn when the message is sent, {@link QrCodes}), or null.
     */
    public record RenderedMessage(String recipient, String template, String locale, String subject, String text,
                                  String html, String calendar, String unsubscribe, String qrCode) {

        public RenderedMessage withCalendar(String invitation) {
            return new RenderedMessage(recipient, template, locale, subject, text, html, invitation, unsubscribe, qrCode);
        }

        public RenderedMessage withUnsubscribe(String url) {
            return new RenderedMessage(recipient, template, locale, subject, text, html, calendar, url, qrCode);
        }

        /**
         * The same message with a QR code of {@code content} in its HTML part, an inline image described by
         * {@code alt}, right after the paragraph that contains {@code after} (else at the end of the body).
         */
        public RenderedMessage withQrCode(String content, String alt, String after) {
            String image = "\n<p><img src=\"cid:" + QrCodes.CONTENT_ID + "\" alt=\"" + HtmlUtils.htmlEscape(alt, "UTF-8")
                    + "\" width=\"" + QrCodes.SIZE + "\" height=\"" + QrCodes.SIZE + "\"></p>";
            int paragraph = html.indexOf(HtmlUtils.htmlEscape(after, "UTF-8"));
            int at = paragraph < 0 ? html.lastIndexOf("\n</body>") : html.indexOf("</p>", paragraph) + "</p>".length();
            return new RenderedMessage(recipient, template, locale, subject, text,
                    html.substring(0, at) + image + html.substring(at), calendar, unsubscribe, content);
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Traces traces;
    private final Inbox inbox;
    private final MailDispatcher dispatcher;

    Notifications(JdbcClient jdbc, Clock clock, Traces traces, Inbox inbox, MailDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.traces = traces;
        this.inbox = inbox;
        this.dispatcher = dispatcher;
    }

    /**
     * Queues the email and puts the message in the person's in-app inbox; once the transaction commits, the
     * dispatcher is woken to send it. Returns false if this message was already queued for this source event.
     */
    public boolean queue(String sourceEventId, RenderedMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("queue must run in the transaction of the source event");
        }
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(clock.instant());
        boolean queued = jdbc.sql("""
                insert into notification (id, source_event_id, recipient, template, locale, subject, body_text,
                                          body_html, calendar, list_unsubscribe, qr_code, status, attempts,
                                          created_at, next_attempt_at, traceparent)
                values (:id, :source, :recipient, :template, :locale, :subject, :text, :html, :calendar, :unsubscribe,
                        :qrCode, 'PENDING', 0, :now, :now, :traceparent)
                on conflict (source_event_id, recipient, template) do nothing
                """)
                .param("id", id)
                .param("source", sourceEventId)
                .param("recipient", message.recipient())
                .param("template", message.template())
                .param("locale", message.locale())
                .param("subject", message.subject())
                .param("text", message.text())
                .param("html", message.html())
                .param("calendar", message.calendar())
                .param("unsubscribe", message.unsubscribe())
                .param("qrCode", message.qrCode())
                .param("now", now)
                .param("traceparent", traces.currentTraceparent())
                .update() == 1;
        if (queued) {
            inbox.put(id, message.recipient(), message.template(), message.subject(), message.text(), now.toInstant());
            AfterCommit.run(dispatcher::wakeUp);
        }
        return queued;
    }
}
