package org.redciudades.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.chassis.support.AfterCommit;
import org.redciudades.chassis.support.PollingWorker;
import org.redciudades.chassis.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued messages over SMTP. Each pass claims due rows with {@code FOR UPDATE SKIP LOCKED}, so
 * several instances never send the same row. A transient failure is retried with exponential backoff;
 * a refused recipient is a permanent failure and is not retried. Each final outcome is published
 * ({@link DeliveryOutcome}) in the transaction that records it.
 */
@Component
public class MailDispatcher extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    static {
        // Unless this names it, jakarta.mail looks its StreamProvider up through the ServiceLoader for every
        // message; in the benchmark that lookup cost a third of the dispatcher's throughput.
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final JavaMailSender mail;
    private final MailProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Outbox outbox;
    private final Traces traces;

    MailDispatcher(JdbcClient jdbc, TransactionTemplate transactions, JavaMailSender mail, MailProperties properties,
                   Clock clock, MeterRegistry meters, Outbox outbox, Traces traces) {
        super("mail-dispatcher", properties.pollInterval());
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.mail = mail;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.outbox = outbox;
        this.traces = traces;
        for (String outcome : List.of("sent", "failed", "retrying")) {
            meters.counter("notifications.delivered", "channel", "email", "outcome", outcome);
        }
    }

    private record Due(UUID id, String sourceEventId, String template, String locale, String recipient,
                       String subject, String text, String html, String calendar, String unsubscribe, String qrCode,
                       int attempts, String traceparent) {
    }

    /** Sends the messages that are due. Returns how many were handled (sent or failed). */
    public int dispatchDue() {
        Integer handled = transactions.execute(status -> {
            List<Due> due = jdbc.sql("""
                    select id, source_event_id, template, locale, recipient, subject, body_text as text, body_html as html,
                           calendar, list_unsubscribe as unsubscribe, qr_code, attempts, traceparent
                    from notification
                    where status = 'PENDING' and next_attempt_at <= :now
                    order by next_attempt_at limit :limit for update skip locked
                    """)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("limit", BATCH)
                    .query(Due.class)
                    .list();
            Map<Due, Exception> failures = sendAll(due);
            due.forEach(message -> traces.continueTrace(message.traceparent(), "email delivery", Span.Kind.CLIENT,
                    Map.of("notification.template", message.template()), () -> record(message, failures.get(message))));
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    /**
     * Sends the batch over one SMTP connection (a new connection per email cost three times as long in
     * the benchmark) and returns the messages that failed, each with its own error.
     */
    private Map<Due, Exception> sendAll(List<Due> due) {
        Map<Due, Exception> failures = new HashMap<>();
        Map<Due, MimeMessage> built = new LinkedHashMap<>();
        for (Due message : due) {
            try {
                built.put(message, mime(message));
            } catch (MessagingException e) {
                failures.put(message, e);
            }
        }
        if (built.isEmpty()) {
            return failures;
        }
        try {
            mail.send(built.values().toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            built.forEach((message, mime) -> {
                Exception failure = e.getFailedMessages().get(mime);
                if (failure != null || e.getFailedMessages().isEmpty()) {
                    failures.put(message, failure != null ? failure : e);
                }
            });
        } catch (MailException e) {
            built.keySet().forEach(message -> failures.put(message, e));   // e.g. the server refused our login
        }
        return failures;
    }

    /** Records one message's outcome: sent, to be retried, or failed for good. */
    private void record(Due message, Exception failure) {
        int attempts = message.attempts() + 1;
        if (failure == null) {
            Instant now = clock.instant();
            jdbc.sql("update notification set status = 'SENT', attempts = :attempts, sent_at = :now, last_error = null where id = :id")
                    .param("attempts", attempts).param("now", Timestamp.from(now)).param("id", message.id())
                    .update();
            publish(new DeliveryOutcome.DeliverySent(message.id(), message.sourceEventId(), message.template(), "email",
                    message.recipient(), message.locale(), attempts, now));
            count("sent");
            log.info("Email {} ({}, {}) sent at attempt {}", message.id(), message.template(), message.locale(), attempts);
        } else {
            Exception e = failure;
            boolean permanent = isPermanent(e) || attempts >= properties.maxAttempts();
            Instant retryAt = clock.instant().plus(backoff(attempts));
            jdbc.sql("""
                    update notification set status = :status, attempts = :attempts, last_error = :error,
                                            next_attempt_at = :retryAt where id = :id
                    """)
                    .param("status", permanent ? "FAILED" : "PENDING").param("attempts", attempts)
                    .param("error", describe(e)).param("retryAt", Timestamp.from(retryAt))
                    .param("id", message.id())
                    .update();
            if (permanent) {
                publish(new DeliveryOutcome.DeliveryFailed(message.id(), message.sourceEventId(), message.template(),
                        "email", message.recipient(), message.locale(), attempts, isPermanent(e),
                        describe(e), clock.instant()));
            }
            count(permanent ? "failed" : "retrying");
            log.warn("Email {} attempt {} failed ({}): {}", message.id(), attempts,
                    permanent ? "permanent" : "will retry", e.getMessage());
        }
    }

    private void publish(DeliveryOutcome outcome) {
        outbox.append(DeliveryOutcome.TOPIC, outcome.notificationId().toString(), outcome);
    }

    private MimeMessage mime(Due message) throws MessagingException {
        MimeMessage mime = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(mime, true, "UTF-8");
        helper.setFrom(properties.sender());
        helper.setTo(message.recipient());
        helper.setSubject(message.subject());
        helper.setText(message.text(), message.html());
        if (message.qrCode() != null) {
            // inline (multipart/related), named by the Content-ID the HTML part's <img src="cid:..."> uses
            helper.addInline(QrCodes.CONTENT_ID, new ByteArrayResource(QrCodes.png(message.qrCode())), "image/png");
        }
        if (message.unsubscribe() != null) {
            // RFC 8058 one-click unsubscribe: the client POSTs "List-Unsubscribe=One-Click" to the URL
            mime.setHeader("List-Unsubscribe", "<" + message.unsubscribe() + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        if (message.calendar() != null) {
            // the METHOD (REQUEST or CANCEL) in the content type lets mail clients offer to update the calendar
            String method = message.calendar().contains("METHOD:CANCEL") ? "CANCEL" : "REQUEST";
            helper.addAttachment("invitacion.ics",
                    new ByteArrayResource(message.calendar().getBytes(StandardCharsets.UTF_8)),
                    "text/calendar; charset=UTF-8; method=" + method);
        }
        return mime;
    }

    private Duration backoff(int attempts) {
        Duration delay = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : delay;
    }

    /** The error and what it wraps, such as the server's reply to one recipient ("550 5.1.1 ..."). */
    private static String describe(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable next = e instanceof MessagingException messaging ? messaging.getNextException() : e.getCause();
        for (int depth = 0; next != null && depth < 5; depth++) {
            text.append("; ").append(next.getMessage());
            next = next instanceof MessagingException messaging ? messaging.getNextException() : next.getCause();
        }
        return text.toString();
    }

    /** The server refused the recipient address itself: retrying cannot help. */
    private static boolean isPermanent(Exception e) {
        return e instanceof SendFailedException;
    }

    private void count(String outcome) {
        AfterCommit.increment(meters, "notifications.delivered", "channel", "email", "outcome", outcome);
    }

    @Override
    protected void pass() {
        while (dispatchDue() == BATCH && isRunning()) {
            // keep draining while full batches come back
        }
    }
}
