package org.redciudades.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * A single-node KRaft broker as a separate JVM on a fixed port, with its log dir kept across restarts,
 * so a test can really stop the broker and bring the same one back.
 */
public final class KafkaBrokerProcess {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    public KafkaBrokerProcess(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized void start() {
        try {
            Path config = dir.resolve("server.properties");
            if (!Files.exists(config)) {
                Files.createDirectories(dir);
                Files.writeString(config, """
                        node.id=1
                        process.roles=broker,controller
                        listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                        advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                        controller.listener.names=CONTROLLER
                        controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                        log.dirs=%3$s
                        num.partitions=3
                        offsets.topic.replication.factor=1
                        transaction.state.log.replication.factor=1
                        transaction.state.log.min.isr=1
                        share.coordinator.state.topic.replication.factor=1
                        group.initial.rebalance.delay.ms=0
                        """.formatted(port, controllerPort, dir.resolve("data")));
                int formatted = java("kafka.tools.StorageTool", "format", "--cluster-id", Uuid.randomUuid().toString(),
                        "--config", config.toString(), "--standalone").waitFor();
                if (formatted != 0) {
                    throw new IllegalStateException("Formatting the broker's storage failed; see " + dir.resolve("broker.log"));
                }
            }
            process = java("kafka.Kafka", config.toString());
            awaitReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the broker the way an operator would, with SIGTERM, and waits for the process to end. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty());
        }
    }

    private Process java(String mainClass, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()))
                .start();
    }
}
