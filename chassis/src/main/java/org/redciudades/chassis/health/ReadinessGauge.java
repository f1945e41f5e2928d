package org.redciudades.chassis.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * Exposes the readiness group (readiness state, database, Kafka binder) as the gauge
 * {@code application_readiness}: 1 when ready, 0 when not, so an alert sees what a load balancer sees.
 * Each scrape reads the checks' last results ({@link BackgroundHealthChecks}), so it costs nothing.
 */
public class ReadinessGauge implements MeterBinder {

    private final ObjectProvider<HealthEndpoint> health;

    public ReadinessGauge(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("application.readiness", this, ReadinessGauge::ready)
                .description("1 when the readiness group (state, database, Kafka binder) is UP, else 0")
                .register(meters);
    }

    private double ready() {
        try {
            HealthEndpoint endpoint = health.getIfAvailable();
            HealthDescriptor readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
            return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
