package org.redciudades.portal.testing;

import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.FreePorts.freePort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.awaitility.core.ConditionTimeoutException;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.TestSecrets;
import org.redciudades.chassis.testing.TestTokens;
import org.redciudades.childprocess.ChildProcess;
import org.redciudades.childprocess.Jvm;

/**
 * The services the portal calls, as they run in production: their packaged jars as child JVMs, each with its own
 * database on the test JVM's embedded PostgreSQL, on the test JVM's embedded Kafka broker, trusting the test JVM's
 * identity provider (as deploy/local-stack's ThinSliceIT runs them). The jars exist after the {@code package} phase, so
 * the tests that use this are failsafe's ({@code *IT}).
 */
public final class ServiceJvms implements AutoCloseable {

    static final Path REPO = Path.of(System.getProperty("repo.dir", "..")).toAbsolutePath().normalize();
    static final Path LOGS = Path.of("target", "services").toAbsolutePath();
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** The services' JVM options: small and quick to start for tests (C1 only); a benchmark sets its own. */
    static final List<String> JVM_OPTIONS = List.of(
            System.getProperty("services.jvm.options", "-Xmx256m -XX:TieredStopAtLevel=1").split("\\s+"));

    private final Map<String, Integer> ports;
    private final List<ChildProcess> processes;

    private ServiceJvms(Map<String, Integer> ports, List<ChildProcess> processes) {
        this.ports = ports;
        this.processes = processes;
    }

    /**
     * Starts the services (such as "membership-service") in parallel, each with its ports chosen up front and its own
     * extra arguments, which may name the others' addresses; waits until each is ready.
     */
    public static ServiceJvms start(List<String> services, Function<Map<String, Integer>, Map<String, List<String>>> extraArgs) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach(service -> ports.put(service, freePort()));
        Map<String, List<String>> extra = extraArgs.apply(Map.copyOf(ports));
        List<CompletableFuture<ChildProcess>> starting = services.stream()
                .map(service -> CompletableFuture.supplyAsync(
                        () -> start(service, ports.get(service), extra.getOrDefault(service, List.of())))).toList();
        List<ChildProcess> processes = new ArrayList<>(starting.stream().map(CompletableFuture::join).toList());
        ServiceJvms jvms = new ServiceJvms(ports, processes);
        Runtime.getRuntime().addShutdownHook(new Thread(jvms::close));
        try {
            for (ChildProcess process : processes) {
                awaitReady(process, URI.create(jvms.baseUrl(process.name()) + "/actuator/health/readiness"));
            }
        } catch (RuntimeException e) {
            jvms.close();
            throw e;
        }
        return jvms;
    }

    public String baseUrl(String service) {
        return "http://127.0.0.1:" + port(service);
    }

    public int port(String service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalArgumentException(service + " was not started");
        }
        return port;
    }

    /** The process id of {@code service}'s JVM, for a benchmark that counts the CPU it uses. */
    public long pid(String service) {
        return processes.stream().filter(process -> process.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(service + " was not started")).pid();
    }

    @Override
    public void close() {
        processes.forEach(process -> process.stop(STOP_GRACE));
    }

    /** The JDBC address of each service's database on the test JVM's embedded PostgreSQL (user and password postgres). */
    private static final Map<String, String> DATABASES = new ConcurrentHashMap<>();

    private static String database(String service) {
        String url = RealInfrastructure.createDatabase("portal_" + service.replace("-service", ""));
        DATABASES.put(service, url);
        return url;
    }

    /** The JDBC address of {@code service}'s database, for a test that has to reach behind the service's API. */
    public String jdbcUrl(String service) {
        port(service);
        return DATABASES.get(service);
    }

    private static ChildProcess start(String service, int port, List<String> extraArgs) {
        Path jar = REPO.resolve(service).resolve("target").resolve(service + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: the portal's journeys run the service jars. Build "
                    + "them first (./mvnw -B -pl membership-service,events-service,notification-service -am -DskipTests package), or run "
                    + "the whole build (./mvnw -B verify), which packages them before the portal.");
        }
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + database(service),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.cloud.stream.kafka.binder.brokers=" + RealInfrastructure.kafkaBrokers()));
        args.addAll(TestSecrets.arguments());
        TestTokens.properties().forEach(property -> args.add("--" + property));
        args.addAll(extraArgs);
        try {
            Files.createDirectories(LOGS);
            Path log = LOGS.resolve(service + ".log");
            Files.deleteIfExists(log);
            return ChildProcess.start(service,
                    Jvm.jarCommand(JVM_OPTIONS, jar, args), LOGS, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(ChildProcess process, URI readiness) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).build();
        try {
            await(process.name() + " ready").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited with " + process.exitValue()
                            + " while starting; the end of " + process.logFile() + ":\n" + process.logTail(40));
                }
                try {
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(process.name() + " was not ready after " + READY_TIMEOUT.toSeconds()
                    + " s; the end of " + process.logFile() + ":\n" + process.logTail(40), e);
        }
    }
}
