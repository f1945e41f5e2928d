package org.redciudades.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * deploy/kubernetes rendered as {@code kubectl apply -k} would send it, base and every overlay, with no cluster:
 * every document validates against the JSON Schema of its kind (deploy/kubernetes/schemas, an unknown kind fails),
 * and the platform's rules hold (probes, resources, disruption budgets, network policies, topics, alert rules).
 */
class KubernetesManifestsTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path REPOSITORY = MODULE.resolve("../..").normalize();
    private static final List<String> SERVICES = List.of("membership-service", "events-service", "notification-service");

    /** Each kustomization (base, overlays/...) and what it renders. */
    private static final Map<String, List<JsonNode>> RENDERED = new LinkedHashMap<>();

    @BeforeAll
    static void render() throws IOException {
        Kustomize kustomize = Kustomize.find();
        RENDERED.put("base", kustomize.render(MODULE.resolve("base")));
        try (Stream<Path> overlays = Files.list(MODULE.resolve("overlays"))) {
            for (Path overlay : overlays.filter(Files::isDirectory).sorted().toList()) {
                RENDERED.put("overlays/" + overlay.getFileName(), kustomize.render(overlay));
            }
        }
        assertThat(RENDERED).containsKeys("overlays/demo", "overlays/production");
    }

    @Test
    void everyRenderedDocumentValidatesAgainstTheSchemaOfItsKind() {
        ManifestSchemas schemas = new ManifestSchemas(MODULE.resolve("schemas"));
        List<String> violations = new ArrayList<>();
        int documents = 0;
        for (var rendered : RENDERED.entrySet()) {
            for (JsonNode document : rendered.getValue()) {
                documents++;
                schemas.violations(document).forEach(v -> violations.add(rendered.getKey() + " " + name(document) + ": " + v));
            }
        }
        assertThat(violations).as("schema violations").isEmpty();
        assertThat(documents).isGreaterThan(100);
    }

    @Test
    void everyDeploymentRunsAsNonRootWithTheThreeProbesAndResources() {
        List<String> violations = new ArrayList<>();
        forEachDeployment((where, deployment) -> {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            for (JsonNode container : pod.path("containers")) {
                String it = where + " container " + container.path("name").asString();
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    if (container.path(probe).isMissingNode()) {
                        violations.add(it + " has no " + probe);
                    }
                }
                JsonNode resources = container.path("resources");
                for (String needed : List.of("requests/cpu", "requests/memory", "limits/memory")) {
                    if (resources.at("/" + needed).isMissingNode()) {
                        violations.add(it + " has no resources " + needed.replace('/', '.'));
                    }
                }
                boolean nonRoot = container.at("/securityContext/runAsNonRoot").asBoolean(false)
                        || pod.at("/securityContext/runAsNonRoot").asBoolean(false);
                if (!nonRoot) {
                    violations.add(it + " may run as root (no runAsNonRoot: true)");
                }
                if (!container.at("/securityContext/allowPrivilegeEscalation").isBoolean()
                        || container.at("/securityContext/allowPrivilegeEscalation").asBoolean()) {
                    violations.add(it + " does not set allowPrivilegeEscalation: false");
                }
                String image = container.path("image").asString();
                if (!image.contains(":") || image.endsWith(":latest")) {
                    violations.add(it + " has no pinned tag on its image " + image);
                }
            }
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void everyDeploymentHasADisruptionBudgetAndANetworkPolicyInBothDirections() {
        List<String> violations = new ArrayList<>();
        forEachDeployment((where, deployment) -> {
            String overlay = where.substring(0, where.indexOf(' '));
            JsonNode labels = deployment.at("/spec/template/metadata/labels");
            boolean budget = kind(overlay, "PodDisruptionBudget")
                    .anyMatch(pdb -> selects(pdb.at("/spec/selector"), labels));
            if (!budget) {
                violations.add(where + " has no PodDisruptionBudget");
            }
            boolean policy = kind(overlay, "NetworkPolicy")
                    .filter(p -> types(p).containsAll(Set.of("Ingress", "Egress")))
                    .anyMatch(p -> selects(p.at("/spec/podSelector"), labels));
            if (!policy) {
                violations.add(where + " has no NetworkPolicy that selects it for both Ingress and Egress");
            }
        });
        assertThat(violations).isEmpty();
    }

    @Test
    void everyServiceAndThePortalScaleWithAHorizontalPodAutoscalerOfAtLeastTwo() {
        for (String overlay : RENDERED.keySet()) {
            for (String name : Stream.concat(SERVICES.stream(), Stream.of("portal")).toList()) {
                JsonNode autoscaler = kind(overlay, "HorizontalPodAutoscaler")
                        .filter(h -> h.at("/spec/scaleTargetRef/name").asString().equals(name))
                        .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no autoscaler for " + name));
                assertThat(autoscaler.at("/apiVersion").asString()).isEqualTo("autoscaling/v2");
                assertThat(autoscaler.at("/spec/minReplicas").asInt()).as(overlay + " " + name).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void everyTopicTheServicesUseIsAKafkaTopicWithReplicationFactorThreeAndMinInsyncTwo() throws IOException {
        Set<String> expected = new TreeSet<>();
        JsonNode asyncApi = Kustomize.YAML.readTree(Files.readString(REPOSITORY.resolve("contracts/asyncapi.yaml")));
        asyncApi.path("channels").forEach(channel -> expected.add(channel.path("address").asString()));
        for (String service : SERVICES) {
            JsonNode bindings = Kustomize.YAML.readTree(Files.readString(
                    REPOSITORY.resolve(service + "/src/main/resources/application.yml"))).at("/spring/cloud/stream/bindings");
            // The binder's dead-letter topic of a consumer binding: error.<destination>.<group>.
            bindings.forEach(binding -> {
                if (binding.has("group")) {
                    expected.add("error." + binding.path("destination").asString() + "." + binding.path("group").asString());
                }
            });
        }
        assertThat(expected).contains("membership.member", "events.event", "error.membership.member.events-service");
        for (String overlay : RENDERED.keySet()) {
            List<JsonNode> topics = kind(overlay, "KafkaTopic").toList();
            assertThat(topics).extracting(t -> t.at("/spec/topicName").asString()).as(overlay)
                    .containsExactlyInAnyOrderElementsOf(expected);
            for (JsonNode topic : topics) {
                String it = overlay + " topic " + topic.at("/spec/topicName").asString();
                assertThat(topic.at("/spec/replicas").asInt()).as(it + " replicas").isEqualTo(3);
                assertThat(topic.at("/spec/partitions").asInt()).as(it + " partitions").isGreaterThanOrEqualTo(3);
                assertThat(topic.at("/spec/config/min.insync.replicas").asString()).as(it + " min.insync.replicas").isEqualTo("2");
            }
            JsonNode kafka = kind(overlay, "Kafka").findFirst().orElseThrow();
            assertThat(kafka.at("/spec/kafka/config/default.replication.factor").asString()).isEqualTo("3");
            assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asString()).isEqualTo("2");
            assertThat(kafka.at("/metadata/annotations/strimzi.io~1kraft").asString()).isEqualTo("enabled");
            assertThat(kafka.at("/metadata/annotations/strimzi.io~1node-pools").asString()).isEqualTo("enabled");
        }
    }

    @Test
    void eachServiceReadsTheSaslSettingsOfItsOwnKafkaUser() {
        for (String overlay : RENDERED.keySet()) {
            Set<String> users = new TreeSet<>(kind(overlay, "KafkaUser").map(u -> u.at("/metadata/name").asString()).toList());
            for (String service : SERVICES) {
                JsonNode deployment = named(overlay, "Deployment", service);
                List<String> jaasSecrets = new ArrayList<>();
                deployment.at("/spec/template/spec/containers/0/env").forEach(env -> {
                    if (env.at("/valueFrom/secretKeyRef/key").asString("").equals("sasl.jaas.config")) {
                        jaasSecrets.add(env.at("/valueFrom/secretKeyRef/name").asString());
                    }
                });
                assertThat(jaasSecrets).as(overlay + " " + service).containsExactly(service);
            }
            assertThat(users).as(overlay).containsAll(SERVICES);
        }
    }

    @Test
    void thePrometheusRuleHasExactlyTheGroupsOfAlertsYml() throws IOException {
        JsonNode alerts = Kustomize.YAML.readTree(Files.readString(
                REPOSITORY.resolve("deploy/observability/prometheus/alerts.yml")));
        assertThat(alerts.path("groups").size()).isPositive();
        for (String overlay : RENDERED.keySet()) {
            List<JsonNode> rules = kind(overlay, "PrometheusRule").toList();
            assertThat(rules).as(overlay).hasSize(1);
            assertThat(rules.getFirst().at("/spec/groups"))
                    .as("%s: the PrometheusRule's groups differ from deploy/observability/prometheus/alerts.yml; "
                            + "copy alerts.yml's groups into deploy/kubernetes/base/prometheus-rule.yaml", overlay)
                    .isEqualTo(alerts.path("groups"));
        }
    }

    @Test
    void theServiceMonitorScrapesEveryServiceAsJobRedciudades() {
        for (String overlay : RENDERED.keySet()) {
            JsonNode monitor = kind(overlay, "ServiceMonitor").findFirst().orElseThrow();
            String jobLabel = monitor.at("/spec/jobLabel").asString();
            for (String service : SERVICES) {
                JsonNode labels = named(overlay, "Service", service).at("/metadata/labels");
                assertThat(selects(monitor.at("/spec/selector"), labels)).as(overlay + " " + service + " scraped").isTrue();
                assertThat(labels.path(jobLabel).asString()).as(overlay + " " + service + " job").isEqualTo("redciudades");
            }
        }
    }

    @Test
    void noSecretValueIsCommitted() {
        for (var rendered : RENDERED.entrySet()) {
            assertThat(rendered.getValue()).as(rendered.getKey())
                    .noneMatch(document -> document.path("kind").asString().equals("Secret"));
        }
    }

    @Test
    void theDemoPeopleAreTheLocalStacksPeople() throws IOException {
        assertThat(Files.readString(MODULE.resolve("overlays/demo/demo-people.yml")))
                .as("overlays/demo/demo-people.yml is a copy of deploy/local-stack/demo-people.yml")
                .isEqualTo(Files.readString(REPOSITORY.resolve("deploy/local-stack/demo-people.yml")));
    }

    private interface DeploymentCheck {
        void check(String where, JsonNode deployment);
    }

    private static void forEachDeployment(DeploymentCheck check) {
        List<String> seen = new ArrayList<>();
        for (String overlay : RENDERED.keySet()) {
            kind(overlay, "Deployment").forEach(d -> {
                seen.add(overlay + " " + name(d));
                check.check(overlay + " " + name(d), d);
            });
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(4 * RENDERED.size());
    }

    private static Stream<JsonNode> kind(String overlay, String kind) {
        return RENDERED.get(overlay).stream().filter(d -> d.path("kind").asString().equals(kind));
    }

    private static JsonNode named(String overlay, String kind, String name) {
        return kind(overlay, kind).filter(d -> d.at("/metadata/name").asString().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " " + name));
    }

    private static String name(JsonNode document) {
        return document.path("kind").asString() + "/" + document.at("/metadata/name").asString();
    }

    private static Set<String> types(JsonNode policy) {
        Set<String> types = new TreeSet<>();
        policy.at("/spec/policyTypes").forEach(t -> types.add(t.asString()));
        return types;
    }

    /** Whether a label selector (matchLabels, matchExpressions with In) selects these labels; an empty one selects all. */
    private static boolean selects(JsonNode selector, JsonNode labels) {
        for (var entry : selector.path("matchLabels").properties()) {
            if (!labels.path(entry.getKey()).asString("").equals(entry.getValue().asString())) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asString()).asString(null);
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asString()));
            boolean matches = switch (expression.path("operator").asString()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
