package org.redciudades.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redciudades.childprocess.Jvm;
import org.redciudades.localstack.LocalStack.Service;

/**
 * The AOT caches' training runs, at build time ({@code ./mvnw -B -DskipTests -Paot-cache package}; run from the
 * repository root): for the identity provider, each service and the portal whose cache is not
 * {@linkplain AotCache#isCurrent() current}, extracts the executable jar and runs it with {@code -XX:AOTCacheOutput}
 * and the very JVM options the local stack uses, then stops it; the JVM writes the cache as it exits.
 *
 * <p>Spring Boot's documented training run stops once the context is refreshed ({@code -Dspring.context.exit=onRefresh}):
 * it needs the database, since Flyway migrates during the refresh, but records nothing of what happens after it — the
 * Kafka binder and its consumers, Tomcat, the first requests. So each application here starts for real, on a
 * {@link TrialNetwork} of its own (a broker, fresh databases, the identity provider), becomes ready, answers a short
 * workload of requests (whose method profiles JEP 515 keeps in the cache), and is then stopped. It takes about 20 s per
 * application on 2 cores.
 */
public final class AotTraining {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    /** Graceful shutdown (up to 20 s), then the JVM writes the cache (a few seconds). */
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);
    /** Requests of the workload: enough for the request path's methods to be profiled, not to wait for C2. */
    static final int WORKLOAD_REQUESTS = 300;
    static final String REGISTRATIONS_SERVICE = "events-service";
    static final int TRAINING_REGISTRATIONS = 2000;
    static final int TRAINING_REGISTRATION_ROUNDS = 2;

    private final Path repo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private AotTraining(Path repo) {
        this.repo = repo;
    }

    public static void main(String[] args) throws Exception {
        boolean force = List.of(args).contains("--force");
        var repo = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(repo.resolve("pom.xml"))) {
            System.err.println(repo + " is not the repository root");
            System.exit(2);
        }
        try {
            new AotTraining(repo).train(force);
        } catch (StackException e) {
            System.err.println("[aot-training] ERROR: " + e.getMessage());
            System.exit(1);
        }
    }

    private void train(boolean force) throws IOException, SQLException, InterruptedException {
        var identity = LocalStack.identityCache(repo);
        var services = new LinkedHashMap<Service, AotCache>();
        LocalStack.SERVICES.forEach(service -> services.put(service, LocalStack.serviceCache(service, repo)));
        var portal = LocalStack.portalCache(repo);

        var all = LocalStack.allCaches(repo);
        var stale = all.stream().filter(cache -> force || !cache.isCurrent()).toList();
        if (stale.isEmpty()) {
            say("AOT caches are current for " + all.stream().map(AotCache::name).toList());
            return;
        }
        var missing = stale.stream().map(AotCache::executableJar).filter(jar -> !Files.isRegularFile(jar)).toList();
        if (!missing.isEmpty()) {
            throw new StackException("missing " + missing + ": the training runs need every application's jar; build"
                    + " the whole reactor: ./mvnw -B -DskipTests -Paot-cache package");
        }
        say("training AOT caches for " + stale.stream().map(AotCache::name).toList());
        long start = System.nanoTime();
        try (var network = TrialNetwork.start(repo, repo.resolve("deploy/local-stack/target/aot-training"))) {
            if (stale.contains(identity)) {
                int port = TrialNetwork.freePort();
                var issuer = URI.create("http://" + TrialNetwork.HOST + ":" + port);
                train(identity, network.identityProviderArgs(port), network,
                        process -> process.awaitOk(issuer.resolve("/.well-known/openid-configuration"), READY_TIMEOUT),
                        () -> {
                            for (int i = 0; i < 10; i++) {
                                SignIn.demoPerson(issuer, "organizer");
                            }
                        });
            }
            network.startIdentityProvider(identity.launch(true));
            var token = SignIn.demoPerson(network.issuer(), "organizer").accessToken();
            for (var entry : services.entrySet()) {
                var service = entry.getKey();
                if (!stale.contains(entry.getValue())) {
                    continue;
                }
                int port = TrialNetwork.freePort();
                var base = URI.create("http://" + TrialNetwork.HOST + ":" + port);
                boolean registrations = service.name().equals(REGISTRATIONS_SERVICE);
                var args = new ArrayList<>(network.serviceArgs(service, port));
                if (registrations) {
                    args.addAll(RegistrationLoad.SERVICE_ARGS);
                }
                train(entry.getValue(), args, network,
                        process -> process.awaitReady(base.resolve("/actuator/health/readiness"), READY_TIMEOUT),
                        () -> {
                            workload(base, token, apiPath(service));
                            if (registrations) {
                                registrations(new RegistrationLoad(base, token));
                            }
                        });
            }
            if (stale.contains(portal)) {
                int port = TrialNetwork.freePort();
                var base = URI.create("http://" + TrialNetwork.HOST + ":" + port);
                // The services are not running: the portal's pages say so, as they do when one is down.
                var nowhere = new LinkedHashMap<Service, URI>();
                LocalStack.SERVICES.forEach(service -> nowhere.put(service, network.issuer().resolve("/nowhere")));
                train(portal, network.portalArgs(port, nowhere), network,
                        process -> process.awaitReady(base.resolve("/actuator/health/readiness"), READY_TIMEOUT),
                        () -> workload(base, null, "/"));
            }
        }
        say("AOT caches trained in %.0f s".formatted((System.nanoTime() - start) / 1e9));
    }

    /**
     * Registrations, the path that has to be fast from a new instance's first minute: with their method profiles in
     * the cache (JEP 515), its JIT can compile them sooner. The start-up benchmark's {@code --load} measures it.
     */
    private static void registrations(RegistrationLoad load) throws IOException, InterruptedException {
        for (int round = 0; round < TRAINING_REGISTRATION_ROUNDS; round++) {
            var result = load.registrations(TRAINING_REGISTRATIONS, 16);
            if (!result.allAnswered()) {
                throw new StackException("training registrations were answered " + result.statuses());
            }
        }
    }

    /** An API list that the organizer may read, so the requests go through security, the database and JSON. */
    private static String apiPath(Service service) {
        return switch (service.name()) {
            case "membership-service" -> "/api/v1/members";
            case "events-service" -> "/api/v1/events";
            default -> "/api/v1/deliveries";
        };
    }

    private interface Step {
        void run() throws IOException, InterruptedException;
    }

    private interface Readiness {
        void await(ServiceProcess process) throws InterruptedException;
    }

    private void train(AotCache cache, List<String> args, TrialNetwork network, Readiness readiness, Step workload)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        extract(cache, network.logs().resolve(cache.name() + "-extract.log"));
        var options = new ArrayList<>(cache.jvmOptions());
        options.add("-XX:AOTCacheOutput=" + cache.file());
        var log = network.logs().resolve(cache.name() + ".log");
        try (var process = ServiceProcess.start(cache.name(), cache.extractedJar(), options, args, Map.of(), repo,
                log)) {
            readiness.await(process);
            workload.run();
            if (!process.stop(STOP_TIMEOUT)) {
                throw new StackException(cache.name() + " did not stop within " + STOP_TIMEOUT.toSeconds()
                        + " s; see " + log);
            }
        }
        if (!Files.isRegularFile(cache.file())) {
            throw new StackException("the training run of " + cache.name() + " wrote no AOT cache; see " + log);
        }
        cache.markCurrent();
        say("%s: %s (%d MB) in %.0f s".formatted(cache.name(), repo.relativize(cache.file()),
                Files.size(cache.file()) / (1024 * 1024), (System.nanoTime() - start) / 1e9));
    }

    /** {@code java -Djarmode=tools -jar app.jar extract --destination target/aot}, into an emptied directory. */
    private void extract(AotCache cache, Path log) throws IOException, InterruptedException {
        TrialNetwork.deleteRecursively(cache.directory());
        var command = List.of(Jvm.javaExecutable().toString(), "-Djarmode=tools", "-jar",
                cache.executableJar().toString(), "extract", "--destination", cache.directory().toString());
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        if (process.waitFor() != 0 || !Files.isRegularFile(cache.extractedJar())) {
            throw new StackException("could not extract " + cache.executableJar() + "; see " + log);
        }
    }

    private void workload(URI base, String token, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var built = request.build();
        for (int i = 0; i < WORKLOAD_REQUESTS; i++) {
            http.send(built, HttpResponse.BodyHandlers.discarding());
        }
    }

    private static void say(String message) {
        System.out.println("[aot-training] " + message);
    }
}
