package org.redciudades.localstack;

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
 * A single-node KRaft Kafka broker (combined broker and controller) running as a child JVM on this JVM's classpath.
 * Its state lives in one directory, which survives restarts:
 * {@code server.properties}, {@code cluster.id} and {@code data/} (the log dir, formatted on first start).
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final List<String> BROKER_JVM_OPTIONS = List.of("-Xmx512m");
    private static final List<String> TOOL_JVM_OPTIONS = List.of("-Xmx256m");
    /** Kafka logs through SLF4J; slf4j-simple is on the classpath and writes to stderr, which goes to the log file. */
    private static final List<String> LOGGING_OPTIONS = List.of(
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn");
    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final String host;
    private final int port;
    private final ChildProcess process;

    private KafkaBrokerProcess(String host, int port, ChildProcess process) {
        this.host = host;
        this.port = port;
        this.process = process;
    }

    /**
     * Writes {@code server.properties} into {@code dir}, formats {@code dir/data} if it is not yet formatted,
     * and starts the broker. Call {@link #awaitReady(Duration)} before using it.
     */
    public static KafkaBrokerProcess start(Path dir, String host, int port, int controllerPort, Path logFile)
            throws IOException, InterruptedException {
        var dataDir = dir.resolve("data").toAbsolutePath();
        var config = dir.resolve("server.properties").toAbsolutePath();
        Files.createDirectories(dataDir);
        Files.writeString(config, serverProperties(host, port, controllerPort, dataDir));

        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format(dir, config, clusterId(dir), logFile);
        }
        var command = Jvm.mainClassCommand(concat(BROKER_JVM_OPTIONS, LOGGING_OPTIONS), "kafka.Kafka",
                List.of(config.toString()));
        return new KafkaBrokerProcess(host, port, ChildProcess.start("kafka", command, dir, logFile));
    }

    private static String serverProperties(String host, int port, int controllerPort, Path dataDir) {
        return """
                # Written by the local-stack launcher at every start: edit LocalStack/KafkaBrokerProcess instead.
                node.id=1
                process.roles=broker,controller
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT
                controller.listener.names=CONTROLLER
                controller.quorum.bootstrap.servers=%1$s:%3$d
                log.dirs=%4$s
                num.partitions=3
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(host, port, controllerPort, dataDir);
    }

    /** The cluster id is kept in {@code dir/cluster.id} so that a reformat (after deleting data/) keeps it. */
    private static String clusterId(Path dir) throws IOException {
        var file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        var id = Uuid.randomUuid().toString();
        Files.writeString(file, id + System.lineSeparator(), StandardCharsets.UTF_8);
        return id;
    }

    /** {@code kafka-storage.sh format --standalone}: a single-voter dynamic KRaft quorum. */
    private static void format(Path dir, Path config, String clusterId, Path logFile)
            throws IOException, InterruptedException {
        var command = Jvm.mainClassCommand(concat(TOOL_JVM_OPTIONS, LOGGING_OPTIONS), "kafka.tools.StorageTool",
                List.of("format", "--cluster-id", clusterId, "--config", config.toString(), "--standalone"));
        var tool = ChildProcess.start("kafka-storage-format", command, dir, logFile);
        try {
            int exit = tool.waitFor();
            if (exit != 0) {
                throw new StackException("Formatting the Kafka log dir failed (exit " + exit + "). Last lines of "
                        + logFile + ":\n" + tool.logTail(LOG_TAIL_LINES));
            }
        } finally {
            tool.stop(Duration.ZERO);
        }
    }

    /**
     * Waits until the broker accepts TCP connections and answers an Admin describeCluster.
     *
     * @throws StackException if the broker exits first or the timeout passes
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!acceptsConnections()) {
            checkAliveAndInTime(deadline, timeout);
            Thread.sleep(200);
        }
        try (var admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    checkAliveAndInTime(deadline, timeout);
                    Thread.sleep(200);
                }
            }
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

    private void checkAliveAndInTime(long deadline, Duration timeout) {
        if (!process.isAlive()) {
            throw new StackException("The Kafka broker exited with code " + process.exitValue()
                    + " while starting. Last lines of " + logFile() + ":\n" + process.logTail(LOG_TAIL_LINES));
        }
        if (System.nanoTime() > deadline) {
            throw new StackException("The Kafka broker was not ready after " + timeout.toSeconds()
                    + " s. Last lines of " + logFile() + ":\n" + process.logTail(LOG_TAIL_LINES));
        }
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** SIGTERM (a clean, controlled shutdown), then SIGKILL after {@code grace}; true if it ended in time. */
    public boolean stop(Duration grace) {
        return process.stop(grace);
    }

    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
    }

    public long pid() {
        return process.pid();
    }

    public long rssKb() {
        return process.rssKb();
    }

    public Path logFile() {
        return process.logFile();
    }

    public ChildProcess process() {
        return process;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
