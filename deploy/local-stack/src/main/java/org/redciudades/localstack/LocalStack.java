package org.redciudades.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.redciudades.childprocess.ChildProcess;
import org.redciudades.childprocess.KafkaBrokerException;
import org.redciudades.childprocess.KafkaBrokerProcess;
import org.redciudades.identity.client.IdentityProviderProcess;
import org.redciudades.localstack.PostgresInstances.Spec;

/**
 * Starts the whole network on loopback — a Kafka broker, three PostgreSQL servers, a mail sink, the identity provider
 * with the demo people, the three services and the portal — prints where everything is, and stops it all in order on
 * Ctrl-C or SIGTERM.
 * Run from the repository root (deploy/run-local.sh does); state lives in {@code .local-stack/}.
 */
public final class LocalStack {

    static final String HOST = "127.0.0.1";
    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int SMTP_PORT = 2525;
    static final int MAIL_HTTP_PORT = 8025;
    /** The services' application-local.yml names this provider as their issuer. */
    static final int IDENTITY_PORT = 8090;
    static final URI ISSUER = URI.create("http://" + HOST + ":" + IDENTITY_PORT);
    /** Who can sign in: the demo people, with their passwords and roles. */
    static final String DEMO_PEOPLE = "deploy/local-stack/demo-people.yml";

    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration IDENTITY_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /** How long a stop request waits for the startup step in progress to give up before stopping what was started. */
    private static final Duration STARTUP_ABORT_WAIT = Duration.ofSeconds(30);
    /**
     * The services' JVM options, which their AOT caches are trained with too ({@link AotTraining}). The initial heap
     * would otherwise be 1/64 of the machine's memory, all of it touched and resident from the start; the serial
     * collector keeps about 40 MB fewer of its own structures than G1; compact object headers (JEP 519) make the heap
     * and the cache's objects smaller; and the JVM gives the C library's freed memory back every 5 s, which start-up
     * leaves behind (20-40 MB: start-up's malloc peak is 60 MB, 20 MB live once idle). The portal's are the same
     * but for its heap. Figures: StartupBenchmark's README.
     */
    static final List<String> SERVICE_JVM_OPTIONS = springAppJvmOptions("384m");
    /** The portal: its client at the provider is registered for this address ({@code redciudades-portal}). */
    static final int PORTAL_PORT = 8080;
    static final URI PORTAL_URL = URI.create("http://" + HOST + ":" + PORTAL_PORT);
    static final String PORTAL = "portal";
    static final List<String> PORTAL_JVM_OPTIONS = springAppJvmOptions("256m");
    /** The identity provider's own choice: it serves a handful of requests. */
    static final List<String> IDENTITY_JVM_OPTIONS = IdentityProviderProcess.DEFAULT_JVM_OPTIONS;

    record Service(String name, int port, Spec database, boolean sendsMail) {

        URI baseUrl() {
            return URI.create("http://" + HOST + ":" + port);
        }

        URI readinessUrl() {
            return baseUrl().resolve("/actuator/health/readiness");
        }

        URI swaggerUrl() {
            return baseUrl().resolve("/swagger-ui.html");
        }

        Path jar(Path repo) {
            return repo.resolve(name).resolve("target").resolve(name + ".jar");
        }

        List<String> args(String bootstrapServers, String jdbcUrl) {
            return args(port, bootstrapServers, jdbcUrl, ISSUER, SMTP_PORT);
        }

        /** The command line of the service on {@code port}, given where everything it uses is. */
        List<String> args(int port, String bootstrapServers, String jdbcUrl, URI issuer, int smtpPort) {
            var args = new ArrayList<>(List.of(
                    "--server.port=" + port,
                    "--spring.profiles.active=local",
                    "--spring.cloud.stream.kafka.binder.brokers=" + bootstrapServers,
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + PostgresInstances.USER,
                    "--spring.datasource.password=" + PostgresInstances.PASSWORD,
                    "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                    // a Prometheus on this machine scrapes without a token (deploy/observability)
                    "--chassis.security.public-metrics=true"));
            if (sendsMail) {
                args.addAll(List.of("--spring.mail.host=" + HOST, "--spring.mail.port=" + smtpPort));
            }
            return List.copyOf(args);
        }
    }

    static final List<Service> SERVICES = List.of(
            new Service("membership-service", 8081, new Spec("membership", 15432, "membership"), false),
            new Service("events-service", 8082, new Spec("events", 15433, "events"), false),
            new Service("notification-service", 8083, new Spec("notification", 15434, "notification"), true));

    /** The portal's command line, on {@code port}, given the provider and the services' addresses. */
    static List<String> portalArgs(int port, URI issuer, Map<Service, URI> services) {
        var args = new ArrayList<>(List.of("--server.port=" + port, "--portal.cookies.secure=false",
                "--spring.security.oauth2.client.provider.redciudades.issuer-uri=" + issuer));
        services.forEach((service, url) ->
                args.add("--portal.services." + service.name().replace("-service", "") + "=" + url));
        return List.copyOf(args);
    }

    /** The identity provider's command line, with its state in {@code stateDir}. */
    static List<String> identityArgs(Path repo, URI issuer, Path stateDir) {
        return List.of("--identity.issuer=" + issuer, "--identity.state-dir=" + stateDir,
                "--spring.config.additional-location=file:" + repo.resolve(DEMO_PEOPLE));
    }

    static Path identityJar(Path repo) {
        return repo.resolve(IdentityProviderProcess.EXEC_JAR);
    }

    static Path portalJar(Path repo) {
        return repo.resolve(PORTAL).resolve("target").resolve(PORTAL + ".jar");
    }

    /** Each Java application's AOT cache, for the JVM options the stack starts it with (what the training uses). */
    static AotCache identityCache(Path repo) {
        return new AotCache(identityJar(repo), IDENTITY_JVM_OPTIONS);
    }

    static AotCache serviceCache(Service service, Path repo) {
        return new AotCache(service.jar(repo), SERVICE_JVM_OPTIONS);
    }

    static AotCache portalCache(Path repo) {
        return new AotCache(portalJar(repo), PORTAL_JVM_OPTIONS);
    }

    /** Every application's cache: the identity provider's, the services' in order, the portal's. */
    static List<AotCache> allCaches(Path repo) {
        var caches = new ArrayList<>(List.of(identityCache(repo)));
        SERVICES.forEach(service -> caches.add(serviceCache(service, repo)));
        caches.add(portalCache(repo));
        return List.copyOf(caches);
    }

    private static List<String> springAppJvmOptions(String maxHeap) {
        return List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx" + maxHeap, "-XX:+UseCompactObjectHeaders",
                "-XX:TrimNativeHeapInterval=5000", "-XX:+ExitOnOutOfMemoryError");
    }

    private final long startNanos;
    private final Path repo;
    private final Path stateDir;
    private final Path logsDir;
    private final boolean onlyInfra;
    private final boolean demoData;
    private final boolean useAotCache;
    private final Thread mainThread = Thread.currentThread();
    private final CountDownLatch startupEnded = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopRequested;

    private volatile MailSink mail;
    private volatile IdentityProviderProcess identity;
    private volatile KafkaBrokerProcess kafka;
    private volatile PostgresInstances postgres;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private volatile ServiceProcess portal;

    private LocalStack(long startNanos, Path repo, boolean onlyInfra, boolean demoData, boolean useAotCache) {
        this.startNanos = startNanos;
        this.repo = repo;
        this.stateDir = repo.resolve(".local-stack");
        this.logsDir = stateDir.resolve("logs");
        this.onlyInfra = onlyInfra;
        this.demoData = demoData;
        this.useAotCache = useAotCache;
    }

    public static void main(String[] args) {
        long startNanos = System.nanoTime();
        boolean onlyInfra = false;
        boolean demoData = false;
        boolean useAotCache = true;
        for (var arg : args) {
            switch (arg) {
                case "--only-infra" -> onlyInfra = true;
                case "--demo-data" -> demoData = true;
                case "--no-aot-cache" -> useAotCache = false;
                case "-h", "--help" -> {
                    System.out.println("""
                            Usage: deploy/run-local.sh [--only-infra | --demo-data] [--no-aot-cache]
                              --only-infra  start Kafka, PostgreSQL, the mail sink and the identity provider, but not the services
                                          or the portal
                              --demo-data   once the services are ready, load a small fictitious roster of members through
                                            membership-service's API; institutions already there are left as they are
                              --no-aot-cache start the Java applications from their jars, without the AOT caches that
                                            the build's training runs made (./mvnw -Paot-cache package)""");
                    return;
                }
                default -> {
                    System.err.println("Unknown argument: " + arg + " (try --help)");
                    System.exit(2);
                }
            }
        }
        if (onlyInfra && demoData) {
            System.err.println("--demo-data needs the services, which --only-infra does not start (try --help)");
            System.exit(2);
        }
        var stack = new LocalStack(startNanos, Path.of("").toAbsolutePath(), onlyInfra, demoData,
                useAotCache);
        // Ctrl-C (SIGINT), SIGTERM, SIGHUP and System.exit all run it; it is the only shutdown hook (zonky's are off).
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stopOnRequest, "local-stack-shutdown"));

        boolean started = false;
        try {
            stack.start();
            started = true;
        } catch (InterruptedException e) {
            // stopped while starting: the shutdown hook stops what was started
        } catch (IOException | SQLException | RuntimeException e) {
            if (!stack.stopRequested) {
                report(e);
            }
        } finally {
            stack.startupEnded.countDown();
        }
        if (started) {
            stack.printSummary();
        } else if (!stack.stopRequested) {
            stack.stop();
            System.exit(1);
        }
        stack.awaitStop();
    }

    private static void report(Exception e) {
        System.err.println();
        if (e instanceof StackException || e instanceof KafkaBrokerException) {
            System.err.println("ERROR: " + e.getMessage());
        } else {
            System.err.print("ERROR: unexpected failure while starting: ");
            e.printStackTrace();
        }
    }

    private void start() throws IOException, SQLException, InterruptedException {
        if (!Files.isRegularFile(repo.resolve("pom.xml"))) {
            throw new StackException(repo + " is not the repository root: run ./deploy/run-local.sh");
        }
        requireJars();
        requireFreePorts();
        Files.createDirectories(logsDir);
        clearOldLogs();
        say("state in " + stateDir + (onlyInfra ? " (--only-infra: not starting the services)" : ""));

        // The broker JVM takes longest to boot, so the in-process pieces start while it does.
        kafka = new KafkaBrokerProcess(stateDir.resolve("kafka"), HOST, KAFKA_PORT, KAFKA_CONTROLLER_PORT,
                logsDir.resolve("kafka.log")).start();
        say("Kafka broker starting (pid " + kafka.pid() + ")");
        watchForUnexpectedExit(kafka.process());

        postgres = new PostgresInstances(stateDir.resolve("pg"), logsDir);
        for (var service : SERVICES) {
            checkStopRequested();
            var instance = postgres.start(service.database());
            say("PostgreSQL %s ready on %s:%d, database %s %s".formatted(service.database().name(), HOST,
                    service.database().port(), service.database().database(),
                    instance.createdDatabase() ? "created" : "exists"));
        }

        checkStopRequested();
        mail = MailSink.start(HOST, SMTP_PORT, MAIL_HTTP_PORT);
        say("mail sink ready: SMTP " + HOST + ":" + mail.smtpPort() + ", web " + mail.httpUrl());

        checkStopRequested();
        // Its state (signing keys, people added through its admin API) survives restarts, so tokens do too.
        var identityLaunch = launch(identityCache(repo));
        identity = IdentityProviderProcess.start(identityLaunch.jar(), IDENTITY_PORT,
                logsDir.resolve("identity-provider.log"), identityLaunch.jvmOptions(),
                identityArgs(repo, ISSUER, stateDir.resolve("identity")));
        say("identity provider starting (pid " + identity.pid() + cacheNote(identityLaunch) + ")");
        identity.awaitReady(IDENTITY_READY_TIMEOUT);
        say("identity provider ready on " + ISSUER + " (people in " + DEMO_PEOPLE + ")");

        kafka.awaitReady(KAFKA_READY_TIMEOUT);
        say("Kafka broker ready on " + kafka.bootstrapServers());

        if (!onlyInfra) {
            // The portal is only a client of the services: it starts with them, not after them.
            startServices();
            startPortal();
            awaitServicesReady();
            awaitPortalReady();
        }
        if (demoData) {
            loadDemoRoster();
        }
    }

    /** {@code --demo-data}: a fictitious roster, through membership-service's API (see {@link DemoRoster}). */
    private void loadDemoRoster() throws InterruptedException {
        checkStopRequested();
        var membership = SERVICES.stream().filter(service -> service.name().equals("membership-service"))
                .findFirst().orElseThrow();
        say("loading the demo roster (fictitious; see deploy/local-stack/README.md) into " + membership.name());
        DemoRoster.load(membership.baseUrl(), SignIn.demoPerson(ISSUER, "organizer").accessToken(), System.out);
        say("demo roster loaded");
    }

    private void requireJars() {
        var jars = Stream.concat(Stream.of(identityJar(repo)),
                onlyInfra ? Stream.empty() : Stream.concat(SERVICES.stream().map(service -> service.jar(repo)),
                        Stream.of(portalJar(repo))));
        var missing = jars.filter(jar -> !Files.isRegularFile(jar)).map(repo::relativize).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new StackException("missing " + String.join(", ", missing)
                    + ": build first with ./mvnw -B -DskipTests package (./deploy/run-local.sh does)");
        }
    }

    private void requireFreePorts() {
        Ports.requireFree(HOST, KAFKA_PORT, "Kafka broker");
        Ports.requireFree(HOST, KAFKA_CONTROLLER_PORT, "Kafka controller");
        for (var service : SERVICES) {
            Ports.requireFree(HOST, service.database().port(), "PostgreSQL " + service.database().name());
        }
        Ports.requireFree(HOST, SMTP_PORT, "mail sink SMTP");
        Ports.requireFree(HOST, MAIL_HTTP_PORT, "mail sink web");
        Ports.requireFree(HOST, IDENTITY_PORT, "identity provider");
        if (!onlyInfra) {
            for (var service : SERVICES) {
                Ports.requireFree(HOST, service.port(), service.name());
            }
            Ports.requireFree(HOST, PORTAL_PORT, PORTAL);
        }
    }

    /** Each run's logs replace the previous run's. */
    private void clearOldLogs() throws IOException {
        try (var logs = Files.list(logsDir)) {
            for (var log : logs.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
        }
    }

    private void startServices() throws IOException, InterruptedException {
        for (var service : SERVICES) {
            var jdbcUrl = postgres.instances().stream()
                    .filter(instance -> instance.spec().equals(service.database()))
                    .findFirst().orElseThrow().jdbcUrl();
            var launch = launch(serviceCache(service, repo));
            var process = ServiceProcess.start(service.name(), launch.jar(), launch.jvmOptions(),
                    service.args(kafka.bootstrapServers(), jdbcUrl), Map.of(), repo,
                    logsDir.resolve(service.name() + ".log"));
            services.add(process);
            say(service.name() + " starting (pid " + process.pid() + cacheNote(launch) + ")");
        }
    }

    /**
     * From the extracted jar with its AOT cache when the build made a current one (and {@code --no-aot-cache} is not
     * given), from the executable jar otherwise.
     */
    private AotCache.Launch launch(AotCache cache) {
        var launch = cache.launch(useAotCache);
        if (useAotCache && !launch.cached()) {
            say("no current AOT cache for " + repo.relativize(cache.executableJar()) + ": starting it without one, more slowly (build"
                    + " with ./mvnw -B -DskipTests -Paot-cache package, as ./deploy/run-local.sh does)");
        }
        return launch;
    }

    private static String cacheNote(AotCache.Launch launch) {
        return launch.cached() ? ", with its AOT cache" : "";
    }

    /**
     * The portal, given the services' addresses. The stack is plain HTTP, so its cookies go without
     * {@code Secure} (a browser sends a Secure cookie over HTTPS only; over http://127.0.0.1 only some do).
     */
    private void startPortal() throws IOException, InterruptedException {
        checkStopRequested();
        var serviceUrls = new LinkedHashMap<Service, URI>();
        SERVICES.forEach(service -> serviceUrls.put(service, service.baseUrl()));
        var launch = launch(portalCache(repo));
        portal = ServiceProcess.start(PORTAL, launch.jar(), launch.jvmOptions(),
                portalArgs(PORTAL_PORT, ISSUER, serviceUrls), Map.of(), repo, logsDir.resolve(PORTAL + ".log"));
        say(PORTAL + " starting (pid " + portal.pid() + cacheNote(launch) + ")");
    }

    private void awaitPortalReady() throws InterruptedException {
        portal.awaitReady(PORTAL_URL.resolve("/actuator/health/readiness"), SERVICE_READY_TIMEOUT);
        say(PORTAL + " ready on " + PORTAL_URL);
        watchForUnexpectedExit(portal.process());
    }

    /** Waits for the services in parallel, reporting each as it becomes ready; fails as soon as one fails. */
    private void awaitServicesReady() throws InterruptedException {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var readiness = new ExecutorCompletionService<Service>(executor);
            for (int i = 0; i < SERVICES.size(); i++) {
                var service = SERVICES.get(i);
                var process = services.get(i);
                readiness.submit(() -> {
                    process.awaitReady(service.readinessUrl(), SERVICE_READY_TIMEOUT);
                    return service;
                });
            }
            try {
                for (int i = 0; i < SERVICES.size(); i++) {
                    var service = readiness.take().get();
                    say(service.name() + " ready on " + service.baseUrl());
                    watchForUnexpectedExit(services.get(SERVICES.indexOf(service)).process());
                }
            } catch (ExecutionException e) {
                throw e.getCause() instanceof StackException stackException ? stackException
                        : new StackException("waiting for the services failed: " + e.getCause(), e.getCause());
            } finally {
                executor.shutdownNow();
            }
        }
    }

    private void watchForUnexpectedExit(ChildProcess process) {
        process.onExit().thenAccept(exited -> {
            if (!stopRequested) {
                say("WARNING: " + process.name() + " exited unexpectedly with code " + exited.exitValue()
                        + "; see " + process.logFile());
            }
        });
    }

    private void printSummary() {
        var out = new StringBuilder();
        out.append("%nLocal stack ready in %.1f s%n%n".formatted(elapsedSeconds()));
        if (!onlyInfra) {
            row(out, PORTAL, PORTAL_URL + "  (sign in as a person of " + DEMO_PEOPLE + ")");
            for (var service : SERVICES) {
                row(out, service.name(), service.baseUrl());
                row(out, "  readiness", service.readinessUrl());
                row(out, "  swagger ui", service.swaggerUrl());
            }
        }
        row(out, "Kafka bootstrap", kafka.bootstrapServers());
        row(out, "mail sink", mail.httpUrl() + "  (SMTP " + HOST + ":" + mail.smtpPort() + ")");
        row(out, "identity provider", ISSUER + "  (people and passwords: " + DEMO_PEOPLE + ")");
        row(out, "  a token", "./deploy/token.sh organizer   (or ops, or a person's email)");
        for (var instance : postgres.instances()) {
            row(out, "PostgreSQL " + instance.spec().name(), instance.jdbcUrl() + "  (user "
                    + PostgresInstances.USER + ", password " + PostgresInstances.PASSWORD + ")");
        }
        row(out, "logs", logsDir);
        row(out, "state", stateDir + "  (delete it to start from scratch)");

        out.append("%n  %-24s %8s %9s %9s%n".formatted("process", "pid", "RSS", "PSS*"));
        long launcher = ProcessHandle.current().pid();
        var totalPssKb = memoryRow(out, "launcher (mail sink)", launcher, ProcessMemory.pssKb(launcher));
        totalPssKb += memoryRow(out, "identity provider", identity.pid(), ProcessMemory.pssKb(identity.pid()));
        totalPssKb += memoryRow(out, "kafka", kafka.pid(), ProcessMemory.pssKb(kafka.pid()));
        for (var instance : postgres.instances()) {
            long postmaster = instance.postmasterPid();
            totalPssKb += memoryRow(out, "postgres " + instance.spec().name(), postmaster,
                    ProcessMemory.treePssKb(postmaster));
        }
        for (var service : services) {
            totalPssKb += memoryRow(out, service.name(), service.pid(), ProcessMemory.pssKb(service.pid()));
        }
        if (portal != null) {
            totalPssKb += memoryRow(out, PORTAL, portal.pid(), ProcessMemory.pssKb(portal.pid()));
        }
        out.append("  %-24s %8s %9s %6d MB%n".formatted("total", "", "", totalPssKb / 1024));
        out.append("  RSS is each process's VmRSS. * PSS splits shared pages among the processes sharing them, so it%n"
                .formatted());
        out.append("    adds up; for PostgreSQL it covers the postmaster and its worker processes.%n".formatted());
        out.append("%nPress Ctrl-C to stop.%n".formatted());
        System.out.print(out);
        System.out.flush();
    }

    private static void row(StringBuilder out, String label, Object value) {
        out.append("  %-24s %s%n".formatted(label, value));
    }

    /** Appends a row and returns the PSS it shows, in KiB. */
    private static long memoryRow(StringBuilder out, String label, long pid, long pssKb) {
        out.append("  %-24s %8d %6d MB %6d MB%n".formatted(label, pid, ProcessMemory.rssKb(pid) / 1024, pssKb / 1024));
        return pssKb;
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The shutdown hook. The JVM halts once it returns, so a startup in progress (on the main thread) is first asked
     * to give up at its next step and given time to do so: whatever it has started by then is stopped too.
     */
    private void stopOnRequest() {
        stopRequested = true;
        if (startupEnded.getCount() > 0) {
            mainThread.interrupt();
            try {
                startupEnded.await(STARTUP_ABORT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop();
    }

    /**
     * Stops everything that was started, users before what they use: the portal, the services, then the identity
     * provider, Kafka, PostgreSQL and the mail sink.
     */
    private synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        stopRequested = true; // from here on, children exit as expected
        if (kafka != null || postgres != null || mail != null || identity != null) {
            System.out.println(); // after the terminal's ^C
            say("stopping");
        }
        if (portal != null && portal.isAlive()) {
            say(portal.stop(STOP_GRACE) ? "stopped " + PORTAL
                    : "killed " + PORTAL + " (did not stop within " + STOP_GRACE.toSeconds() + " s)");
        }
        stopServices();
        if (identity != null) {
            identity.stop();
            say("stopped identity provider");
        }
        if (kafka != null) {
            say(kafka.stop(STOP_GRACE) ? "stopped Kafka broker" : "killed Kafka broker (did not stop in time)");
        }
        if (postgres != null) {
            var names = postgres.instances().stream().map(instance -> instance.spec().name()).toList();
            postgres.close();
            if (!names.isEmpty()) {
                say("stopped PostgreSQL " + String.join(", ", names));
            }
        }
        if (mail != null) {
            mail.close();
            say("stopped mail sink");
        }
        stopped.countDown();
    }

    private void stopServices() {
        var stopping = new ArrayList<Thread>();
        for (var service : services) {
            if (!service.isAlive()) {
                continue;
            }
            stopping.add(Thread.ofVirtual().start(() -> say(service.stop(STOP_GRACE)
                    ? "stopped " + service.name()
                    : "killed " + service.name() + " (did not stop within " + STOP_GRACE.toSeconds() + " s)")));
        }
        for (var thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Between startup steps, since not every step notices an interrupt. */
    private void checkStopRequested() throws InterruptedException {
        if (stopRequested) {
            throw new InterruptedException("stop requested");
        }
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void say(String message) {
        System.out.printf("[%6.1fs] %s%n", elapsedSeconds(), message);
    }
}
