package org.redciudades.notification.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.redciudades.chassis.support.AfterCommit;
import org.redciudades.chassis.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ops retry a message that failed for good (a mailbox that did not exist yet, a server that refused it until its
 * filter was fixed): the message goes back in the queue with a fresh set of attempts, and the dispatcher sends it like
 * any other. Only a FAILED message can be retried, decided by one conditional update, so two ops pressing the button at
 * once put it back once; the dispatcher's claim ({@code for update skip locked}) then sends it once. Each retry is kept
 * with who asked, why, and the attempts and error it replaced.
 */
@Component
public class DeliveryRetries {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRetries.class);

    /** One retry, as ops see it in the message's history. */
    @Schema(name = "DeliveryRetry")
    public record Retry(UUID id, String requestedBy, String reason, int previousAttempts, String previousError,
                        Instant requestedAt) {
    }

    private final JdbcClient jdbc;
    private final DeliveryLog deliveryLog;
    private final Clock clock;
    private final MailDispatcher dispatcher;

    DeliveryRetries(JdbcClient jdbc, DeliveryLog deliveryLog, Clock clock, MailDispatcher dispatcher) {
        this.jdbc = jdbc;
        this.deliveryLog = deliveryLog;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    /**
     * Puts the FAILED message {@code id} back in the queue; 404 for no such message, 409 {@code delivery-not-failed}
     * for one that is pending, sent or dropped.
     */
    @Transactional
    public DeliveryLog.Entry retry(UUID id, String requestedBy, String reason) {
        Instant now = clock.instant();
        var previous = jdbc.sql("""
                        with failed as (select id, attempts, last_error from notification
                                        where id = :id and status = 'FAILED' for update)
                        update notification n set status = 'PENDING', attempts = 0, next_attempt_at = :now
                        from failed where n.id = failed.id
                        returning failed.attempts, failed.last_error
                        """)
                .param("id", id).param("now", Timestamp.from(now))
                .query((row, i) -> new Previous(row.getInt("attempts"), row.getString("last_error")))
                .optional();
        if (previous.isEmpty()) {
            DeliveryLog.Entry entry = deliveryLog.get(id);   // 404 when there is no such message
            throw new ProblemException(HttpStatus.CONFLICT, "delivery-not-failed", id, entry.status());
        }
        jdbc.sql("""
                        insert into delivery_retry (id, notification_id, requested_by, reason, previous_attempts,
                                                    previous_error, requested_at)
                        values (:retry, :id, :by, :reason, :attempts, :error, :now)
                        """)
                .param("retry", UUID.randomUUID()).param("id", id).param("by", requestedBy)
                .param("reason", reason.strip()).param("attempts", previous.get().attempts())
                .param("error", previous.get().error()).param("now", Timestamp.from(now))
                .update();
        log.info("Email {} put back in the queue by {} after {} failed attempts", id, requestedBy,
                previous.get().attempts());
        AfterCommit.run(dispatcher::wakeUp);
        return deliveryLog.get(id);
    }

    /** The retries of message {@code id}, oldest first; 404 for no such message. */
    public List<Retry> of(UUID id) {
        deliveryLog.get(id);
        return jdbc.sql("""
                        select id, requested_by, reason, previous_attempts, previous_error, requested_at
                        from delivery_retry where notification_id = :id order by requested_at, id
                        """)
                .param("id", id).query(Retry.class).list();
    }

    private record Previous(int attempts, String error) {
    }
}
