package org.redciudades.childprocess;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (combined broker and controller) running as a child JVM on this JVM's classpath,
 * which must hold kafka_2.13 and an SLF4J provider. Its state lives in one directory, kept across restarts:
 * {@code server.properties} (rewritten at every start), {@code cluster.id} and {@code data/} (the log dir, formatted
 * on first start). The broker's output goes to a log file, not to this JVM's console.
 *
 * <p>{@link #stop()} and {@link #start()} again take the broker away for real and bring the same one back, on the
 * same ports and with the same records.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final List<String> BROKER_JVM_OPTIONS = List.of("-Xmx512m");
    private static final List<String> TOOL_JVM_OPTIONS = List.of("-Xmx256m");
    /**
     * For slf4j-simple, which writes to stderr and so to the log file. A classpath with Logback instead (a Spring
     * test's) ignores these and reads its own {@code logback-test.xml}.
     */
    private static final List<String> LOGGING_OPTIONS = List.of(
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn");
    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration ADMIN_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 40;

    private final Path dir;
    private final int nodeId;
    /** The other members of a static quorum ({@link KafkaCluster}), as {@code id@host:port,...}; null for one node. */
    private final String voters;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final Path logFile;
    private volatile ChildProcess process;

    /**
     * A broker listening on {@code host:port} (clients) and {@code host:controllerPort} (its KRaft controller), with
     * its state in {@code dir} and its output appended to {@code logFile}. Nothing runs until {@link #start()}.
     */
    public KafkaBrokerProcess(Path dir, String host, int port, int controllerPort, Path logFile) {
        this(dir, 1, null, host, port, controllerPort, logFile);
    }

    /** One node of a {@link KafkaCluster}: node {@code nodeId} of the static quorum {@code voters}. */
    KafkaBrokerProcess(Path dir, int nodeId, String voters, String host, int port, int controllerPort, Path logFile) {
        this.dir = dir.toAbsolutePath().normalize();
        this.nodeId = nodeId;
        this.voters = voters;
        this.host = host;
        this.port = port;
        this.controllerPort = controllerPort;
        this.logFile = logFile.toAbsolutePath().normalize();
    }

    /**
     * Writes {@code server.properties}, formats {@code data/} if it is not yet formatted, and starts the broker without
     * waiting for it: call {@link #awaitReady(Duration)} before using it.
     *
     * @throws KafkaBrokerException if formatting fails
     * @throws IllegalStateException if it is running already
     */
    public synchronized KafkaBrokerProcess start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("The Kafka broker is running already (pid " + process.pid() + ")");
        }
        var dataDir = dir.resolve("data");
        var config = dir.resolve("server.properties");
        Files.createDirectories(dataDir);
        Files.writeString(config, serverProperties(dataDir));
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(config, clusterIdIn(dir));
        }
        var command = Jvm.mainClassCommand(concat(BROKER_JVM_OPTIONS, LOGGING_OPTIONS), "kafka.Kafka",
                List.of(config.toString()));
        process = ChildProcess.start("kafka", command, dir, logFile);
        return this;
    }

    /**
     * One node alone (one replica of everything), or a node of a three-node cluster: every node a broker and a voter of
     * the static quorum, every topic, the internal ones included, with three replicas, of which two must have a record
     * before it is acknowledged, and no unclean leader election.
     */
    private String serverProperties(Path dataDir) {
        boolean cluster = voters != null;
        int replicas = cluster ? KafkaCluster.REPLICATION_FACTOR : 1;
        int minInsync = cluster ? KafkaCluster.MIN_INSYNC_REPLICAS : 1;
        String quorum = cluster ? "controller.quorum.voters=" + voters
                : "controller.quorum.bootstrap.servers=" + host + ":" + controllerPort;
        String clusterOnly = cluster ? """
                default.replication.factor=%d
                min.insync.replicas=%d
                unclean.leader.election.enable=false
                """.formatted(replicas, minInsync) : "";
        return """
                # Written by KafkaBrokerProcess at every start: edits here are lost.
                node.id=%5$d
                process.roles=broker,controller
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                controller.listener.names=CONTROLLER
                %6$s
                log.dirs=%4$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=%7$d
                transaction.state.log.replication.factor=%7$d
                transaction.state.log.min.isr=%8$d
                share.coordinator.state.topic.replication.factor=%7$d
                share.coordinator.state.topic.min.isr=%8$d
                group.initial.rebalance.delay.ms=0
                %9$s""".formatted(host, port, controllerPort, dataDir, nodeId, quorum, replicas, minInsync, clusterOnly);
    }

    /**
     * The cluster id kept in {@code dir/cluster.id}, made there on first use, so that a reformat (after deleting data/)
     * keeps it; a {@link KafkaCluster} keeps one for all its nodes the same way.
     */
    static String clusterIdIn(Path dir) throws IOException {
        Files.createDirectories(dir);
        var file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        var id = Uuid.randomUuid().toString();
        Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
        return id;
    }

    /**
     * {@code kafka-storage.sh format --standalone}: a single-voter dynamic KRaft quorum; for a cluster's node, the
     * static quorum its configuration names, under the cluster's id.
     */
    private void format(Path config, String clusterId) throws IOException, InterruptedException {
        var args = new java.util.ArrayList<>(List.of("format", "--cluster-id", clusterId, "--config", config.toString()));
        if (voters == null) {
            args.add("--standalone");
        }
        var command = Jvm.mainClassCommand(concat(TOOL_JVM_OPTIONS, LOGGING_OPTIONS), "kafka.tools.StorageTool",
                args);
        var tool = ChildProcess.start("kafka-storage-format", command, dir, logFile);
        try {
            int exit = tool.waitFor();
            if (exit != 0) {
                throw new KafkaBrokerException("Formatting the Kafka log dir failed (exit " + exit + "). Last lines of "
                        + logFile + ":\n" + tool.logTail(LOG_TAIL_LINES));
            }
        } finally {
            tool.stop(Duration.ZERO);
        }
    }

    /**
     * Waits until the broker accepts TCP connections and answers an Admin describeCluster.
     *
     * @throws KafkaBrokerException if the broker exits first or the timeout passes; the message has the tail of its log
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        var running = running();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acceptsConnections()) {
            checkAliveAndInTime(running, deadline, timeout);
            Thread.sleep(POLL_INTERVAL);
        }
        var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
        try {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    checkAliveAndInTime(running, deadline, timeout);
                    Thread.sleep(POLL_INTERVAL);
                }
            }
        } finally {
            // Not close(): it waits without limit for calls in flight, and a peer that accepted the connection but
            // never answers (not a broker, or one that died) holds them for ever.
            admin.close(ADMIN_CLOSE_TIMEOUT);
        }
    }

    private boolean acceptsConnections() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAliveAndInTime(ChildProcess running, long deadline, Duration timeout) {
        if (!running.isAlive()) {
            throw new KafkaBrokerException("The Kafka broker exited with code " + running.exitValue()
                    + " while starting. Last lines of " + logFile + ":\n" + running.logTail(LOG_TAIL_LINES));
        }
        if (System.nanoTime() > deadline) {
            throw new KafkaBrokerException("The Kafka broker was not ready after " + timeout.toSeconds()
                    + " s. Last lines of " + logFile + ":\n" + running.logTail(LOG_TAIL_LINES));
        }
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    /**
     * SIGTERM (a clean, controlled shutdown), then SIGKILL after {@code grace}.
     *
     * @return true if it ended in time, or was not running
     */
    public synchronized boolean stop(Duration grace) {
        return process == null || process.stop(grace);
    }

    /** {@link #stop(Duration)} with 30 s of grace. */
    public boolean stop() {
        return stop(DEFAULT_STOP_GRACE);
    }

    /** SIGKILL ({@code kill -9}), then waits until the process is gone; nothing if it is not running. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.kill();
        }
    }

    public boolean isRunning() {
        var current = process;
        return current != null && current.isAlive();
    }

    public int nodeId() {
        return nodeId;
    }

    @Override
    public void close() {
        stop();
    }

    public long pid() {
        return running().pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** The broker's process, since the last {@link #start()}. */
    public ChildProcess process() {
        return running();
    }

    private ChildProcess running() {
        var current = process;
        if (current == null) {
            throw new IllegalStateException("The Kafka broker has not been started");
        }
        return current;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
