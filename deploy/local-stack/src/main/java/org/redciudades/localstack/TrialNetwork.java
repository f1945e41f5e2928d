package org.redciudades.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redciudades.childprocess.KafkaBrokerProcess;
import org.redciudades.localstack.LocalStack.Service;
import org.redciudades.localstack.PostgresInstances.Instance;
import org.redciudades.localstack.PostgresInstances.Spec;

/**
 * What the applications use — a Kafka broker, a PostgreSQL server per service, a mail sink and, once
 * {@link #startIdentityProvider started}, the identity provider — on free loopback ports and in a fresh directory, so
 * that the AOT training runs ({@link AotTraining}) and the start-up benchmark can run beside a local stack.
 */
final class TrialNetwork implements AutoCloseable {

    static final String HOST = LocalStack.HOST;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Path repo;
    private final Path dir;
    private final Path logs;
    private KafkaBrokerProcess kafka;
    private PostgresInstances postgres;
    private final Map<Service, Instance> databases = new LinkedHashMap<>();
    private MailSink mail;
    private ServiceProcess identity;
    private URI issuer;

    private TrialNetwork(Path repo, Path dir) {
        this.repo = repo;
        this.dir = dir;
        this.logs = dir.resolve("logs");
    }

    /** Starts the broker, the databases and the mail sink in {@code dir}, which is emptied first. */
    static TrialNetwork start(Path repo, Path dir) throws IOException, SQLException, InterruptedException {
        deleteRecursively(dir);
        var network = new TrialNetwork(repo, dir);
        try {
            network.kafka = new KafkaBrokerProcess(dir.resolve("kafka"), HOST, freePort(), freePort(),
                    network.logs.resolve("kafka.log")).start();
            network.postgres = new PostgresInstances(dir.resolve("pg"), network.logs);
            for (var service : LocalStack.SERVICES) {
                var spec = new Spec(service.database().name(), freePort(), service.database().database());
                network.databases.put(service, network.postgres.start(spec));
            }
            network.mail = MailSink.start(HOST, freePort(), freePort());
            network.kafka.awaitReady(READY_TIMEOUT);
            return network;
        } catch (IOException | SQLException | InterruptedException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    /** The identity provider with the demo people, started as {@code launch} says; the portal needs it to start. */
    ServiceProcess startIdentityProvider(AotCache.Launch launch) throws IOException, InterruptedException {
        int port = freePort();
        issuer = URI.create("http://" + HOST + ":" + port);
        identity = ServiceProcess.start("identity-provider", launch.jar(), launch.jvmOptions(),
                identityProviderArgs(port), Map.of(), repo, logs.resolve("identity-provider.log"));
        identity.awaitOk(issuer.resolve("/.well-known/openid-configuration"), READY_TIMEOUT);
        return identity;
    }

    /** The identity provider's command line on {@code port}, with its state in this network's directory. */
    List<String> identityProviderArgs(int port) {
        var args = new ArrayList<>(List.of("--server.address=" + HOST, "--server.port=" + port));
        args.addAll(LocalStack.identityArgs(repo, URI.create("http://" + HOST + ":" + port), dir.resolve("identity")));
        return List.copyOf(args);
    }

    List<String> serviceArgs(Service service, int port) {
        return service.args(port, kafka.bootstrapServers(), databases.get(service).jdbcUrl(), issuer(),
                mail.smtpPort());
    }

    List<String> portalArgs(int port, Map<Service, URI> services) {
        return LocalStack.portalArgs(port, issuer(), services);
    }

    /** Where the identity provider is; before it is started, an address where nothing answers (services ask lazily). */
    URI issuer() {
        return issuer != null ? issuer : URI.create("http://" + HOST + ":9");
    }

    Path logs() {
        return logs;
    }

    Instance database(Service service) {
        return databases.get(service);
    }

    @Override
    public void close() {
        if (identity != null) {
            identity.stop(Duration.ofSeconds(30));
        }
        if (kafka != null) {
            kafka.stop(Duration.ofSeconds(30));
        }
        if (postgres != null) {
            postgres.close();
        }
        if (mail != null) {
            mail.close();
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (var path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
