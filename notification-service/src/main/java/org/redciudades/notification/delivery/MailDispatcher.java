package org.redciudades.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.redciudades.chassis.outbox.Outbox;
import org.redciudades.chassis.support.AfterCommit;
import org.redciudades.chassis.support.PollingWorker;
import org.redciudades.chassis.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends queued messages over SMTP, each once.
 *
 * <p>A pass <em>claims</em> a batch of due messages ({@code FOR UPDATE SKIP LOCKED}, so instances never claim
 * the same one) and commits the claim before sending: the attempt is counted, and the message is withheld for
 * the claim's lease. The batch goes out over several SMTP connections in parallel; the messages to one
 * recipient share a connection and keep their order. Each outcome is recorded as it arrives, the outcomes
 * that arrived together in one transaction, so a crash can send a message twice only if it falls between the
 * server's {@code 250 OK} and that commit: milliseconds. A message whose instance stopped in that window is
 * sent again when the lease ends, with the same {@code Message-ID}, which mail systems use to drop the copy.
 *
 * <p>A transient failure is retried with exponential backoff; a refused recipient is a permanent failure and
 * is not retried. Each final outcome is published ({@link DeliveryOutcome}) in the transaction that records it.
 */
@Component
public class MailDispatcher extends PollingWorker {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
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
    private final JavaMailSenderImpl mail;
    private final MailProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Outbox outbox;
    private final Traces traces;
    private final String messageIdDomain;

    MailDispatcher(JdbcClient jdbc, TransactionTemplate transactions, JavaMailSenderImpl mail, MailProperties properties,
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
        String sender = properties.senderAddress();
        this.messageIdDomain = sender.substring(sender.indexOf('@') + 1);
        for (String outcome : List.of("sent", "failed", "retrying")) {
            meters.counter("notifications.delivered", "channel", "email", "outcome", outcome);
        }
        meters.counter("notifications.resent.after.interruption", "channel", "email");
    }

    /** A claimed message; {@code interruptedSince} is set when an earlier claim's outcome was never recorded. */
    private record Due(UUID id, String sourceEventId, String template, String locale, String recipient,
                       String subject, String text, String html, String calendar, String unsubscribe, String qrCode,
                       int attempts, String traceparent, Instant createdAt, Instant interruptedSince) {
    }

    /** What became of one claimed message; {@code traceparent} is its delivery span's, which its outcome continues. */
    private sealed interface Outcome {
        Due message();
    }

    private record Sent(Due message, Instant at, String traceparent) implements Outcome {
    }

    private record Failed(Due message, Exception error, String traceparent) implements Outcome {
    }

    /** Not attempted (the dispatcher is stopping, or the lease is half gone): given back to the queue. */
    private record Released(Due message) implements Outcome {
    }

    @Override
    protected void pass() {
        while (isRunning()) {
            Instant claimedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);   // as the database keeps it
            List<Due> batch = claim(claimedAt);
            if (batch.isEmpty()) {
                return;
            }
            sendAndRecord(batch, claimedAt);
            if (batch.size() < properties.batchSize()) {
                return;
            }
        }
    }

    private List<Due> claim(Instant claimedAt) {
        List<Due> batch = new ArrayList<>(jdbc.sql("""
                with due as (
                    select id, sending_since from notification
                    where status = 'PENDING' and next_attempt_at <= :now
                    order by next_attempt_at limit :limit for update skip locked)
                update notification n set attempts = n.attempts + 1, sending_since = :now, next_attempt_at = :leaseEnd
                from due where n.id = due.id
                returning n.id, n.source_event_id, n.template, n.locale, n.recipient, n.subject, n.body_text as text,
                          n.body_html as html, n.calendar, n.list_unsubscribe as unsubscribe, n.qr_code, n.attempts,
                          n.traceparent, n.created_at, due.sending_since as interrupted_since
                """)
                .param("now", Timestamp.from(claimedAt))
                .param("leaseEnd", Timestamp.from(claimedAt.plus(properties.claimLease())))
                .param("limit", properties.batchSize())
                .query(Due.class)
                .list());
        batch.sort(Comparator.comparing(Due::createdAt).thenComparing(Due::id));
        for (Due message : batch) {
            if (message.interruptedSince() != null) {
                meters.counter("notifications.resent.after.interruption", "channel", "email").increment();
                log.warn("Email {} ({}) is sent again: the attempt begun at {} stopped before its outcome was recorded, "
                                + "so it may have reached the server; the copy keeps its Message-ID",
                        message.id(), message.template(), message.interruptedSince());
            }
        }
        return batch;
    }

    /**
     * Sends the batch over up to {@code senders} connections at once, one per lane of recipients, and records
     * the outcomes as they come, until every message has one.
     */
    private void sendAndRecord(List<Due> batch, Instant claimedAt) {
        Map<Integer, List<Due>> lanes = new LinkedHashMap<>();
        for (Due message : batch) {
            int lane = Math.floorMod(message.recipient().toLowerCase(Locale.ROOT).hashCode(), properties.senders());
            lanes.computeIfAbsent(lane, key -> new ArrayList<>()).add(message);
        }
        BlockingQueue<Outcome> outcomes = new LinkedBlockingQueue<>();
        Instant sendBefore = claimedAt.plus(properties.claimLease().dividedBy(2));
        lanes.forEach((lane, messages) -> Thread.ofVirtual().name("mail-sender-" + lane)
                .start(() -> sendLane(messages, sendBefore, outcomes)));
        int remaining = batch.size();
        while (remaining > 0) {
            List<Outcome> arrived = new ArrayList<>();
            arrived.add(next(outcomes));
            outcomes.drainTo(arrived);
            record(arrived, claimedAt);
            remaining -= arrived.size();
        }
    }

    /** Sends one lane's messages in order over one connection; reports an outcome for every message. */
    private void sendLane(List<Due> messages, Instant sendBefore, BlockingQueue<Outcome> outcomes) {
        int reported = 0;
        try (SmtpConnection connection = new SmtpConnection()) {
            for (Due message : messages) {
                if (!isRunning() || clock.instant().isAfter(sendBefore)) {
                    outcomes.add(new Released(message));
                } else {
                    outcomes.add(traces.continueTrace(message.traceparent(), "email delivery", Span.Kind.CLIENT,
                            Map.of("notification.template", message.template()), () -> send(message, connection)));
                }
                reported++;
            }
        } catch (RuntimeException | Error e) {
            log.error("Mail sender lane failed; its unsent messages go back to the queue", e);
        } finally {
            messages.subList(reported, messages.size()).forEach(message -> outcomes.add(new Released(message)));
        }
    }

    /** Sends one message in its delivery span, and says so in that span's log line. */
    private Outcome send(Due message, SmtpConnection connection) {
        try {
            connection.send(mime(message));
            log.info("Email {} ({}, {}) sent at attempt {}", message.id(), message.template(), message.locale(),
                    message.attempts());
            return new Sent(message, clock.instant(), traces.currentTraceparent());
        } catch (MessagingException e) {
            log.warn("Email {} attempt {} failed ({}): {}", message.id(), message.attempts(),
                    isFinal(e, message) ? "permanent" : "will retry", describe(e));
            return new Failed(message, e, traces.currentTraceparent());
        }
    }

    private boolean isFinal(Exception e, Due message) {
        return isPermanent(e) || message.attempts() >= properties.maxAttempts();
    }

    private static Outcome next(BlockingQueue<Outcome> outcomes) {
        try {
            Outcome outcome;
            do {
                outcome = outcomes.poll(1, TimeUnit.SECONDS);
            } while (outcome == null);
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while messages were being sent", e);
        }
    }

    /**
     * Records outcomes in one transaction. While the database does not answer it tries again, for as long as
     * the claim's lease allows; past that the messages are sent again when their lease ends.
     */
    private void record(List<Outcome> arrived, Instant claimedAt) {
        Instant giveUp = claimedAt.plus(properties.claimLease());
        while (true) {
            try {
                transactions.executeWithoutResult(status -> arrived.forEach(outcome -> record(outcome, claimedAt)));
                return;
            } catch (DataAccessException e) {
                if (clock.instant().isAfter(giveUp) || !isRunning()) {
                    throw e;
                }
                log.warn("Recording {} email outcomes failed; trying again: {}", arrived.size(), e.getMessage());
                pause();
            }
        }
    }

    /** Records one outcome, unless the claim is no longer this pass's (erased, or claimed again after its lease). */
    private void record(Outcome outcome, Instant claimedAt) {
        Due message = outcome.message();
        switch (outcome) {
            case Sent sent -> {
                boolean recorded = claimed(jdbc.sql("""
                        update notification set status = 'SENT', sent_at = :at, last_error = null, sending_since = null
                        where id = :id and status = 'PENDING' and sending_since = :claimedAt
                        """).param("at", Timestamp.from(sent.at())), message, claimedAt);
                if (recorded) {
                    publish(new DeliveryOutcome.DeliverySent(message.id(), message.sourceEventId(), message.template(),
                            "email", message.recipient(), message.locale(), message.attempts(), sent.at()),
                            sent.traceparent());
                    count("sent");
                }
            }
            case Failed failed -> {
                Exception e = failed.error();
                boolean permanent = isFinal(e, message);
                boolean recorded = claimed(jdbc.sql("""
                        update notification set status = :status, last_error = :error, next_attempt_at = :retryAt,
                                                sending_since = null
                        where id = :id and status = 'PENDING' and sending_since = :claimedAt
                        """)
                        .param("status", permanent ? "FAILED" : "PENDING")
                        .param("error", describe(e))
                        .param("retryAt", Timestamp.from(clock.instant().plus(backoff(message.attempts())))),
                        message, claimedAt);
                if (recorded) {
                    if (permanent) {
                        publish(new DeliveryOutcome.DeliveryFailed(message.id(), message.sourceEventId(),
                                message.template(), "email", message.recipient(), message.locale(), message.attempts(),
                                isPermanent(e), describe(e), clock.instant()), failed.traceparent());
                    }
                    count(permanent ? "failed" : "retrying");
                }
            }
            case Released released -> claimed(jdbc.sql("""
                    update notification set attempts = attempts - 1, next_attempt_at = :now, sending_since = null
                    where id = :id and status = 'PENDING' and sending_since = :claimedAt
                    """).param("now", Timestamp.from(clock.instant())), message, claimedAt);
        }
    }

    private static boolean claimed(JdbcClient.StatementSpec update, Due message, Instant claimedAt) {
        return update.param("id", message.id()).param("claimedAt", Timestamp.from(claimedAt)).update() == 1;
    }

    /** Publishes an outcome as part of the trace of the delivery it reports on. */
    private void publish(DeliveryOutcome outcome, String traceparent) {
        outbox.append(DeliveryOutcome.TOPIC, outcome.notificationId().toString(), outcome, traceparent);
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
        mime.setSentDate(Date.from(clock.instant()));
        mime.saveChanges();
        // After saveChanges, which makes up a Message-ID: the notification's own, so that a copy sent again is
        // recognisably the same message.
        mime.setHeader("Message-ID", "<" + message.id() + "@" + messageIdDomain + ">");
        return mime;
    }

    /**
     * One SMTP connection, opened for its lane's first message and again after a send that broke it. A failed
     * connect fails the rest of the lane at once (they are retried later) instead of timing out once each.
     */
    private final class SmtpConnection implements AutoCloseable {

        private Transport transport;
        private MessagingException connectFailure;

        void send(MimeMessage mime) throws MessagingException {
            if (connectFailure != null) {
                throw connectFailure;
            }
            if (transport == null) {
                try {
                    transport = mail.getSession().getTransport(mail.getProtocol() == null ? "smtp" : mail.getProtocol());
                    transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
                } catch (MessagingException e) {
                    connectFailure = e;
                    transport = null;
                    throw e;
                }
            }
            try {
                transport.sendMessage(mime, mime.getAllRecipients());
            } catch (MessagingException e) {
                // A refused recipient or message leaves the conversation open for the next one; anything else,
                // or a refusal after which the server hung up, starts the next message on a new connection.
                if (!(e instanceof SendFailedException) || !transport.isConnected()) {
                    close();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    log.debug("Closing an SMTP connection failed: {}", e.getMessage());
                }
                transport = null;
            }
        }
    }

    private Duration backoff(int attempts) {
        Duration delay = properties.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : delay;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /**
     * Whether retrying cannot help, as RFC 5321 says: the server answered with a permanent (5xx) reply, to the
     * recipient ({@code RCPT TO}: the address is among the invalid ones) or to the message itself, or the address
     * cannot be written at all. A transient (4xx) reply, such as greylisting or a full mailbox queue, and a
     * connection lost in mid-conversation (reply code -1) are retried.
     */
    static boolean isPermanent(Exception e) {
        return switch (e) {
            case SMTPSendFailedException refused -> refused.getReturnCode() >= 500;
            case SendFailedException refused ->
                    refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0;
            case AddressException unwritable -> true;
            default -> false;
        };
    }

    private void count(String outcome) {
        AfterCommit.increment(meters, "notifications.delivered", "channel", "email", "outcome", outcome);
    }
}
