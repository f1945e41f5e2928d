package org.redciudades.chassis.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval   pause between relay passes when the outbox is drained
 * @param batchSize      rows sent together, then acknowledged and marked sent in one database transaction;
 *                       500 reached 0.61-0.73 of Kafka's ProducerPerformance in the relay benchmark
 *                       (chassis/src/benchmark), 200 reached 0.50-0.70; a failure sends again at most
 *                       this many rows
 * @param retention      how long sent rows are kept for diagnosis before they are deleted
 * @param enabled        whether this instance runs a relay at all
 */
@ConfigurationProperties("chassis.outbox")
public record OutboxProperties(
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("true") boolean enabled) {
}
