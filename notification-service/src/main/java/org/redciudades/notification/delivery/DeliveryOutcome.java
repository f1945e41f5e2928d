package org.redciudades.notification.delivery;

import java.time.Instant;
import java.util.UUID;
import org.redciudades.chassis.envelope.EventType;

/**
 * What became of a message, published on {@link #TOPIC} keyed by notification id, in the transaction
 * that records it in the delivery log. Schemas: {@code contracts/schemas/<type>.schema.json}.
 */
public sealed interface DeliveryOutcome {

    String TOPIC = "notification.delivery";

    UUID notificationId();

    /** The SMTP server accepted the message. */
    @EventType("org.redciudades.notification.delivery.sent.v1")
    record DeliverySent(UUID notificationId, String sourceEventId, String template, String channel, String recipient,
                        String locale, int attempts, Instant sentAt) implements DeliveryOutcome {
    }

    /**
     * Given up: the server refused the address ({@code permanent}), or every attempt failed. Not retried
     * again; ops see it in the delivery log.
     */
    @EventType("org.redciudades.notification.delivery.failed.v1")
    record DeliveryFailed(UUID notificationId, String sourceEventId, String template, String channel, String recipient,
                          String locale, int attempts, boolean permanent, String error, Instant failedAt)
            implements DeliveryOutcome {
    }
}
