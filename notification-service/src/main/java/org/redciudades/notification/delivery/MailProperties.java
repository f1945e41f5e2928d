package org.redciudades.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sender       the From address of every email
 * @param pollInterval pause between dispatcher passes when nothing is due
 * @param maxAttempts  attempts before a transient failure is given up as FAILED
 * @param firstRetry   delay before the first retry; each later retry waits twice as long
 * @param maxRetry     longest delay between retries
 */
@ConfigurationProperties("notification.mail")
public record MailProperties(
        @DefaultValue("Red de Ciudades Inteligentes <no-reply@redciudades.org>") String sender,
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("2s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry) {
}
