package org.redciudades.chassis.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval   pause between relay passes when the outbox is drained
 * @param batchSize      rows published per database transaction
 * @param retention      how long sent rows are kept for diagnosis before they are deleted
 * @param enabled        whether this instance runs a relay at all
 */
@ConfigurationProperties("chassis.outbox")
public record OutboxProperties(
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("true") boolean enabled) {
}
