package org.redciudades.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The monitoring files in deploy/observability/, read the way MonitoringReferences reads them. */
class MonitoringReferencesTest {

    private static final Path REPO = Path.of(System.getProperty("repo.dir", "../..")).toAbsolutePath().normalize();

    private static final Set<String> REQUIRED_ALERTS = Set.of("ServiceDown", "ReadinessDown", "ConsumerLagHigh",
            "OutboxAgeHigh", "DeadLettersPresent", "NotificationFailureRateHigh");

    /** The metrics the services (and Prometheus) expose; the rules and dashboards may use no other. */
    private static final Set<String> EXPOSED = Set.of(
            "up", "application_readiness",
            "http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
            "http_server_requests_seconds_sum", "http_server_requests_seconds_max",
            "outbox_backlog", "outbox_oldest_age_seconds", "outbox_published_total", "outbox_publish_failures_total",
            "inbox_events_total", "spring_cloud_stream_binder_kafka_offset",
            "kafka_consumer_fetch_manager_records_lag_max", "kafka_consumer_fetch_manager_records_consumed_rate",
            "kafka_producer_record_send_rate",
            "dead_letters_pending", "dead_letters_received_total", "dead_letter_actions_total",
            "membership_applications_total", "membership_transitions_total",
            "registrations_total", "registration_promotions_total", "registration_cancellations_total",
            "notifications_delivered_total",
            "jvm_memory_used_bytes", "jvm_gc_pause_seconds_count", "jvm_threads_live_threads", "process_cpu_usage",
            "process_uptime_seconds", "hikaricp_connections_active", "hikaricp_connections_pending");

    @Test
    void every_alert_the_issue_asks_for_is_defined_and_has_a_runbook_entry() {
        var anchors = MonitoringReferences.runbookAnchors(REPO);

        assertThat(MonitoringReferences.alertNames(REPO)).containsExactlyInAnyOrderElementsOf(REQUIRED_ALERTS);
        assertThat(anchors).containsAll(REQUIRED_ALERTS.stream().map(String::toLowerCase).toList());
    }

    @Test
    void each_alert_links_to_its_own_section_of_the_runbook() {
        var anchors = MonitoringReferences.runbookAnchors(REPO);

        assertThat(MonitoringReferences.runbookUrls(REPO)).allSatisfy((alert, url) -> {
            assertThat(url).isEqualTo(MonitoringReferences.RUNBOOK + "#" + alert.toLowerCase());
            assertThat(anchors).contains(url.substring(url.indexOf('#') + 1));
        });
    }

    @Test
    void every_alert_waits_before_firing_and_carries_a_severity_summary_and_description() {
        assertThat(MonitoringReferences.rules(REPO)).filteredOn(rule -> rule.get("alert") != null).allSatisfy(rule -> {
            assertThat(String.valueOf(rule.get("for"))).as("for: of %s", rule.get("alert")).matches("\\d+[smh]");
            assertThat(keysOf(rule.get("labels"))).as("labels of %s", rule.get("alert")).contains("severity");
            assertThat(keysOf(rule.get("annotations"))).as("annotations of %s", rule.get("alert"))
                    .contains("summary", "description", "runbook_url");
        });
    }

    private static Set<String> keysOf(Object map) {
        return map instanceof Map<?, ?> m ? m.keySet().stream().map(String::valueOf).collect(Collectors.toSet()) : Set.of();
    }

    @Test
    void metric_names_are_read_from_alert_rules_and_dashboard_panels_without_functions_or_labels() {
        var names = MonitoringReferences.metricNames(REPO);

        assertThat(names).contains(
                // from the alert rules
                "up", "application_readiness", "spring_cloud_stream_binder_kafka_offset",
                "outbox_oldest_age_seconds", "dead_letters_pending", "notifications_delivered_total",
                // from dashboard panels only
                "http_server_requests_seconds_bucket", "http_server_requests_seconds_count",
                "kafka_consumer_fetch_manager_records_lag_max", "jvm_memory_used_bytes", "process_cpu_usage",
                "hikaricp_connections_active", "inbox_events_total", "outbox_backlog");
        assertThat(names).doesNotContain("rate", "increase", "sum", "max", "histogram_quantile", "by", "and", "or",
                "le", "uri", "application", "outcome", "topic", "group", "channel", "email", "failed", "heap",
                "redciudades", "5m", "15m", "0.99");
    }

    @Test
    void every_metric_the_rules_and_dashboards_use_is_one_the_platform_exposes() {
        assertThat(MonitoringReferences.metricNames(REPO)).isSubsetOf(EXPOSED);
    }

    @Test
    void the_tokenizer_keeps_metric_names_and_drops_strings_label_matchers_ranges_numbers_and_functions() {
        assertThat(MonitoringReferences.metricNamesIn("up{job=\"redciudades\"} == 0")).containsExactly("up");
        assertThat(MonitoringReferences.metricNamesIn(
                "histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket"
                        + "{application=\"events-service\", uri=~\"/api/v1/{id}\"}[5m])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(MonitoringReferences.metricNamesIn("""
                (
                    sum by (application) (increase(notifications_delivered_total{outcome="failed"}[15m]))
                  /
                    sum by (application) (increase(notifications_delivered_total{outcome=~"sent|failed"}[15m]))
                ) > 0.05
                and sum(rate(outbox_published_total[1h:5m] offset 1d)) > 1e-9
                """)).containsExactly("notifications_delivered_total", "outbox_published_total");
        assertThat(MonitoringReferences.metricNamesIn(
                "label_replace(max_over_time(outbox_backlog[10m]), \"svc\", \"$1\", \"application\", \"(.*)-service\")"
                        + " or vector(0) or clamp_min(absent(dead_letters_pending), 1)"))
                .containsExactly("outbox_backlog", "dead_letters_pending");
    }

    @Test
    void grouping_label_lists_and_unknown_functions_are_not_taken_for_metric_names() {
        assertThat(MonitoringReferences.metricNamesIn("sum(jvm_memory_used_bytes) without (instance, id)"))
                .containsExactly("jvm_memory_used_bytes");
        assertThat(MonitoringReferences.metricNamesIn(
                "dead_letters_pending * on (application) group_left (topic) outbox_backlog"
                        + " / ignoring (topic) process_cpu_usage > bool 0"))
                .containsExactly("dead_letters_pending", "outbox_backlog", "process_cpu_usage");
        assertThat(MonitoringReferences.metricNamesIn("some_future_function(process_uptime_seconds, 2)"))
                .containsExactly("process_uptime_seconds");
        assertThat(MonitoringReferences.metricNamesIn("rate(http_server_requests_seconds_count[$__rate_interval])"
                        + " * $scale + recording:rule_name"))
                .containsExactly("http_server_requests_seconds_count", "recording:rule_name");
    }

    @Test
    void every_dashboard_panel_queries_the_provisioned_prometheus_datasource() {
        var dashboards = MonitoringReferences.dashboards(REPO);

        assertThat(dashboards.keySet()).containsExactlyInAnyOrder("overview.json", "membership-service.json",
                "events-service.json", "notification-service.json");
        assertThat(dashboards).allSatisfy((file, dashboard) -> {
            assertThat(dashboard.path("schemaVersion").asInt()).as(file).isBetween(36, 41);
            assertThat(dashboard.path("panels")).as(file).isNotEmpty().allSatisfy(panel -> {
                var title = file + ": " + panel.path("title").asString();
                assertThat(panel.path("datasource").path("uid").asString()).as(title).isEqualTo("prometheus");
                assertThat(panel.path("targets")).as(title).isNotEmpty().allSatisfy(target ->
                        assertThat(target.path("expr").asString()).as(title).isNotBlank());
            });
        });
        assertThat(dashboards.values().stream().map(d -> d.path("uid").asString()).distinct()).hasSize(4);
    }

    @Test
    void each_service_dashboard_shows_only_its_own_service() {
        var dashboards = MonitoringReferences.dashboards(REPO);

        for (var service : Set.of("membership-service", "events-service", "notification-service")) {
            JsonNode dashboard = dashboards.get(service + ".json");
            assertThat(dashboard.path("panels")).allSatisfy(panel -> panel.path("targets").forEach(target ->
                    assertThat(target.path("expr").asString()).as(service + ": " + panel.path("title").asString())
                            .contains("application=\"" + service + "\"")));
        }
    }

    @Test
    void runbook_anchors_are_the_ones_github_gives_its_headings(@TempDir Path repo) throws IOException {
        var runbook = repo.resolve(MonitoringReferences.RUNBOOK);
        Files.createDirectories(runbook.getParent());
        Files.writeString(runbook, """
                # Runbook: Red de Ciudades alerts
                ## Before you start
                ```bash
                # not a heading, a shell comment
                ```
                ## ServiceDown
                ### Check
                ### Check
                #NotAHeading
                """);

        assertThat(MonitoringReferences.runbookAnchors(repo)).containsExactly(
                "runbook-red-de-ciudades-alerts", "before-you-start", "servicedown", "check", "check-1");
    }
}
