package org.redciudades.chassis.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ops: this instance at a glance, as the portal's health page shows it: ready or not, the outbox's backlog and the age
 * of its oldest row, each consumer's lag, and the dead letters waiting per topic. Read from the meters Prometheus
 * scrapes (the same numbers as the dashboards), so asking costs nothing.
 */
@Tag(name = "Operations", description = "Ops: this instance's readiness, outbox backlog, consumer lag and pending "
        + "dead letters.")
@RestController
@RequestMapping("/api/v1/ops/status")
public class OpsStatusController {

    @Schema(name = "OpsStatus")
    public record Status(String service, boolean ready, OutboxStatus outbox, List<ConsumerLag> consumers,
                         List<PendingDeadLetters> deadLetters, Instant at) {
    }

    /** @param backlog rows not yet acknowledged by the broker; @param oldestAgeSeconds age of the oldest of them */
    @Schema(name = "OpsOutboxStatus")
    public record OutboxStatus(long backlog, double oldestAgeSeconds) {
    }

    /** @param recordsLagMax the most records any of its partitions is behind (Kafka's records-lag-max) */
    @Schema(name = "OpsConsumerLag")
    public record ConsumerLag(String clientId, long recordsLagMax) {
    }

    @Schema(name = "OpsPendingDeadLetters")
    public record PendingDeadLetters(String topic, long pending) {
    }

    private final MeterRegistry meters;
    private final String service;
    private final Clock clock;

    public OpsStatusController(MeterRegistry meters, @Value("${spring.application.name}") String service, Clock clock) {
        this.meters = meters;
        this.service = service;
        this.clock = clock;
    }

    @Operation(operationId = "getOpsStatus", summary = "Get this instance's status",
            description = "Ops: ready or not (the readiness group: state, database, Kafka binder), the outbox backlog "
                    + "and the age of its oldest row, each Kafka consumer's records-lag-max, and the dead letters "
                    + "pending per dead-letter topic.")
    @GetMapping
    Status status() {
        Gauge backlog = meters.find("outbox.backlog").gauge();
        Gauge oldest = meters.find("outbox.oldest.age").gauge();
        OutboxStatus outbox = backlog == null ? null
                : new OutboxStatus(Math.round(backlog.value()), oldest == null ? 0 : oldest.value());
        List<ConsumerLag> consumers = meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges().stream()
                .map(gauge -> new ConsumerLag(gauge.getId().getTag("client.id"), lag(gauge.value())))
                .sorted(Comparator.comparing(ConsumerLag::clientId, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        List<PendingDeadLetters> deadLetters = meters.find("dead.letters.pending").gauges().stream()
                .map(gauge -> new PendingDeadLetters(gauge.getId().getTag("topic"), Math.round(gauge.value())))
                .sorted(Comparator.comparing(PendingDeadLetters::topic))
                .toList();
        Gauge readiness = meters.find("application.readiness").gauge();
        return new Status(service, readiness != null && readiness.value() == 1, outbox, consumers, deadLetters,
                clock.instant());
    }

    /** Kafka reports NaN until a consumer has fetched; nothing fetched is nothing behind. */
    private static long lag(double value) {
        return Double.isNaN(value) ? 0 : Math.round(value);
    }
}
