package org.redciudades.chassis.testing.benchmark;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * When the SMTP server accepted each email, per envelope recipient. GreenMail hands every message it
 * receives to its {@link MessageDeliveryHandler} once the client has sent the whole message (after the
 * final {@code <CRLF>.<CRLF>} of DATA), stores it in the mailbox the handler returns, and only then answers
 * {@code 250 OK}; the recording handler notes the instant first, so an acceptance is stamped when the
 * server has the whole message, a mailbox store before its reply (well under a millisecond with the
 * benchmark's one mailbox; see {@link BenchmarkSmtp}).
 */
public final class SmtpAcceptances {

    /** The emails one recipient received: how many, and when the first was accepted. */
    public record Acceptance(Instant first, int count) {
    }

    private final Map<String, Acceptance> byRecipient = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byDomain = new ConcurrentHashMap<>();

    /** Wraps GreenMail's delivery: records the email, then lets {@code delivery} choose its mailbox. */
    public MessageDeliveryHandler recording(MessageDeliveryHandler delivery) {
        return (message, address) -> {
            Instant now = Instant.now();
            String recipient = address.getEmail().toLowerCase(Locale.ROOT);
            byRecipient.merge(recipient, new Acceptance(now, 1),
                    (known, again) -> new Acceptance(known.first(), known.count() + 1));
            byDomain.computeIfAbsent(recipient.substring(recipient.indexOf('@') + 1), d -> new LongAdder()).increment();
            return delivery.handle(message, address);
        };
    }

    /** Emails accepted for recipients at {@code domain}, counting repeats. */
    public long acceptedAt(String domain) {
        LongAdder count = byDomain.get(domain);
        return count == null ? 0 : count.sum();
    }

    public Acceptance of(String recipient) {
        return byRecipient.get(recipient);
    }

    /** Every recipient at {@code domain} with what they received. */
    public Map<String, Acceptance> recipientsAt(String domain) {
        Map<String, Acceptance> found = new HashMap<>();
        byRecipient.forEach((recipient, acceptance) -> {
            if (recipient.endsWith("@" + domain)) {
                found.put(recipient, acceptance);
            }
        });
        return found;
    }
}
