package org.redciudades.notification.delivery;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sender       the From address of every email; its domain ends each message's stable Message-ID
 * @param pollInterval pause between dispatcher passes when nothing is due (a newly queued message wakes the
 *                     dispatcher at once)
 * @param maxAttempts  attempts before a transient failure is given up as FAILED
 * @param firstRetry   delay before the first retry; each later retry waits twice as long
 * @param maxRetry     longest delay between retries
 * @param senders      SMTP connections used in parallel; the messages to one recipient always take the same one,
 *                     in the order they were queued
 * @param batchSize    messages one instance claims at a time
 * @param claimLease   how long a claimed message is withheld from other instances; if the instance that claimed
 *                     it stops before recording the outcome, the message is sent again (same Message-ID) after this
 */
@ConfigurationProperties("notification.mail")
public record MailProperties(
        @DefaultValue("Red de Ciudades Inteligentes <no-reply@redciudades.org>") String sender,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry,
        @DefaultValue("4") int senders,
        @DefaultValue("100") int batchSize,
        @DefaultValue("2m") Duration claimLease) {

    /** The sender's bare address ({@code no-reply@redciudades.org}), without its display name. */
    public String senderAddress() {
        try {
            return new InternetAddress(sender).getAddress();
        } catch (AddressException e) {
            throw new IllegalArgumentException("notification.mail.sender is not an email address: " + sender, e);
        }
    }
}
