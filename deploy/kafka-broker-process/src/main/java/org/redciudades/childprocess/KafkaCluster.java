package org.redciudades.childprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A KRaft cluster of child JVMs on one host: every node a broker and a voter of a static controller quorum, each node
 * a {@link KafkaBrokerProcess} with its state in {@code dir/node-<id>}, kept across restarts. Every topic has three
 * replicas and {@code min.insync.replicas} 2 (so one node may be down and producers with {@code acks=all} go on), and
 * {@code unclean.leader.election.enable} is off: a node that comes back never takes the lead with fewer records.
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int REPLICATION_FACTOR = 3;
    public static final int MIN_INSYNC_REPLICAS = 2;

    /** A node's id and ports: clients on {@code port}, the controller quorum on {@code controllerPort}. */
    public record Node(int id, int port, int controllerPort) {
    }

    private final String host;
    private final List<KafkaBrokerProcess> brokers;

    /** A cluster of {@code nodes} (their ids 1, 2, 3...); nothing runs until {@link #start()}. */
    public KafkaCluster(Path dir, String host, List<Node> nodes, Path logsDir) throws IOException {
        this.host = host;
        var voters = nodes.stream().map(node -> node.id() + "@" + host + ":" + node.controllerPort())
                .collect(Collectors.joining(","));
        var clusterId = KafkaBrokerProcess.clusterIdIn(dir);
        var list = new ArrayList<KafkaBrokerProcess>();
        for (var node : nodes) {
            var nodeDir = dir.resolve("node-" + node.id());
            Files.createDirectories(nodeDir);
            Files.writeString(nodeDir.resolve("cluster.id"), clusterId + System.lineSeparator(), StandardCharsets.UTF_8);
            list.add(new KafkaBrokerProcess(nodeDir, node.id(), voters, host, node.port(), node.controllerPort(),
                    logsDir.resolve("kafka-" + node.id() + ".log")));
        }
        this.brokers = List.copyOf(list);
    }

    /** Starts every node, then waits until each answers (a node cannot, until a majority of the quorum runs). */
    public KafkaCluster start(Duration timeout) throws IOException, InterruptedException {
        for (var broker : brokers) {
            broker.start();
        }
        for (var broker : brokers) {
            broker.awaitReady(timeout);
        }
        return this;
    }

    public List<KafkaBrokerProcess> brokers() {
        return brokers;
    }

    public KafkaBrokerProcess broker(int nodeId) {
        return brokers.stream().filter(broker -> broker.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    /** Every node's client address, comma-separated. */
    public String bootstrapServers() {
        return brokers.stream().map(KafkaBrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    /** An admin client of the cluster; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    /**
     * Creates each topic (name → partitions) with three replicas and {@code min.insync.replicas} 2, unless it exists.
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) throws InterruptedException {
        try (var admin = admin()) {
            for (var topic : partitionsByTopic.entrySet()) {
                var newTopic = new NewTopic(topic.getKey(), topic.getValue(), (short) REPLICATION_FACTOR)
                        .configs(Map.of("min.insync.replicas", String.valueOf(MIN_INSYNC_REPLICAS)));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new KafkaBrokerException("creating " + topic.getKey() + " failed: " + e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw new KafkaBrokerException("creating " + topic.getKey() + " timed out");
                }
            }
        }
    }

    /** The node that leads {@code topic}'s {@code partition} now. */
    public int leaderOf(String topic, int partition) throws InterruptedException {
        try (var admin = admin()) {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
                    .get(topic);
            return description.partitions().get(partition).leader().id();
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaBrokerException("describing " + topic + " failed: " + e);
        }
    }

    /** Stops every node, the last one first (SIGTERM, then SIGKILL after 30 s). */
    @Override
    public void close() {
        for (var broker : brokers.reversed()) {
            broker.stop();
        }
    }

    public String host() {
        return host;
    }
}
