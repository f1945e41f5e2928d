package org.redciudades.portal.ops;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ops pages point for more than they show: the dashboards (Grafana's folder of the network's dashboards)
 * and Prometheus (its alerts). A link is shown only when its address is set.
 *
 * @param dashboardsUrl Grafana's dashboards, such as {@code http://localhost:3000/dashboards}
 * @param prometheusUrl Prometheus, such as {@code http://localhost:9090}; the page links to its alerts
 */
@ConfigurationProperties("portal.ops")
public record OpsProperties(URI dashboardsUrl, URI prometheusUrl) {

    /** Prometheus' alerts page, or null. */
    public URI prometheusAlerts() {
        return prometheusUrl == null ? null : URI.create(prometheusUrl.toString().replaceAll("/+$", "") + "/alerts");
    }
}
