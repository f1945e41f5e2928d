package org.redciudades.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.redciudades.childprocess.ChildProcess;
import org.redciudades.childprocess.Jvm;
import org.redciudades.childprocess.KafkaCluster;
import org.redciudades.localstack.PostgresInstances;
import org.redciudades.localstack.ServiceProcess;

/**
 * Everything the fault suite runs, each in its own process on loopback: a three-node Kafka cluster with the services'
 * topics and dead-letter topics created before the services start, a PostgreSQL server per service, a real SMTP server
 * ({@link MailServer}) and two instances of each service from its packaged jar, in the same consumer groups.
 */
public final class Platform implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    /** The services' JVM options: small, the serial collector, as the local stack runs them. */
    static final List<String> SERVICE_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    static final List<String> SERVICES = List.of("membership", "events", "notification");
    /** The topics, three partitions each (the binder's minimum), and the consumers' dead-letter topics. */
    static final Map<String, Integer> TOPICS = Map.of(
            "membership.member", 3, "events.event", 3, "notification.delivery", 3,
            "error.membership.member.events-service", 3,
            "error.membership.member.notification-service", 3,
            "error.events.event.notification-service", 3);
    /** Which group reads which topics, for quiescence. */
    static final Map<String, List<String>> GROUPS = Map.of(
            "events-service", List.of("membership.member"),
            "notification-service", List.of("membership.member", "events.event"));

    /** One instance of a service: its process, port and command line, so that it can be started again. */
    public static final class Instance {
        final String service;
        final int index;
        final int port;
        final List<String> args;
        final Path jar;
        final Path logFile;
        volatile ServiceProcess process;

        Instance(String service, int index, int port, List<String> args, Path jar, Path logFile) {
            this.service = service;
            this.index = index;
            this.port = port;
            this.args = args;
            this.jar = jar;
            this.logFile = logFile;
        }

        public String name() {
            return service + "-service-" + index;
        }

        public URI baseUrl() {
            return URI.create("http://" + HOST + ":" + port);
        }

        void start(Path workDir) throws IOException {
            process = ServiceProcess.start(name(), jar, SERVICE_JVM_OPTIONS, args, Map.of(), workDir, logFile);
        }

        void awaitReady() throws InterruptedException {
            process.awaitReady(baseUrl().resolve("/actuator/health/readiness"), READY_TIMEOUT);
        }

        public ServiceProcess process() {
            return process;
        }
    }

    private final Path repo;
    private final Path work;
    private final Path logs;
    private KafkaCluster kafka;
    private PostgresInstances postgres;
    private final Map<String, String> jdbcUrls = new LinkedHashMap<>();
    private ChildProcess mail;
    private int smtpPort;
    private URI mailControl;
    private final List<Instance> instances = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    public Platform(Path repo, Path work) {
        this.repo = repo;
        this.work = work;
        this.logs = work.resolve("logs");
    }

    /**
     * Starts it all; {@code issuer} is the identity provider the services trust and {@code extraArgs} what else every
     * service is given (its test-only secrets).
     */
    public void start(URI issuer, List<String> extraArgs) throws Exception {
        // The children run in sessions of their own: a suite stopped from outside must still stop them.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "fault-suite-stop"));
        kafka = new KafkaCluster(work.resolve("kafka"), HOST, List.of(
                new KafkaCluster.Node(1, freePort(), freePort()),
                new KafkaCluster.Node(2, freePort(), freePort()),
                new KafkaCluster.Node(3, freePort(), freePort())), logs);
        kafka.start(Duration.ofMinutes(3));
        kafka.createTopics(TOPICS);
        say("Kafka cluster ready: " + kafka.bootstrapServers());

        postgres = new PostgresInstances(work.resolve("pg"), logs);
        for (var service : SERVICES) {
            var instance = postgres.start(new PostgresInstances.Spec(service, freePort(), service));
            jdbcUrls.put(service, instance.jdbcUrl());
        }
        say("PostgreSQL ready: " + jdbcUrls);

        smtpPort = freePort();
        int control = freePort();
        mail = ChildProcess.start("mail-server", Jvm.mainClassCommand(List.of("-Xmx1g", "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError"), MailServer.class.getName(), List.of(String.valueOf(smtpPort), String.valueOf(control))), work,
                logs.resolve("mail-server.log"));
        mailControl = URI.create("http://" + HOST + ":" + control);

        for (var service : SERVICES) {
            var jar = repo.resolve(service + "-service").resolve("target").resolve(service + "-service.jar");
            for (int index = 1; index <= 2; index++) {
                int port = freePort();
                var args = new ArrayList<>(List.of(
                        "--server.port=" + port,
                        "--spring.datasource.url=" + jdbcUrls.get(service),
                        "--spring.datasource.username=" + PostgresInstances.USER,
                        "--spring.datasource.password=" + PostgresInstances.PASSWORD,
                        "--spring.cloud.stream.kafka.binder.brokers=" + kafka.bootstrapServers(),
                        "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer));
                if (service.equals("notification")) {
                    args.addAll(List.of("--spring.mail.host=" + HOST, "--spring.mail.port=" + smtpPort,
                            // an SMTP outage of a minute is retried within it, not ten minutes later
                            "--notification.mail.max-retry=15s"));
                }
                args.addAll(extraArgs);
                var instance = new Instance(service, index, port, List.copyOf(args), jar,
                        logs.resolve(service + "-service-" + index + ".log"));
                instances.add(instance);
            }
        }
        // The first instance of each service, then the second: each service's Flyway migrations run once.
        for (int index = 1; index <= 2; index++) {
            int wave = index;
            var starting = instances.stream().filter(i -> i.index == wave).toList();
            for (var instance : starting) {
                instance.start(repo);
            }
            for (var instance : starting) {
                instance.awaitReady();
                say(instance.name() + " ready on " + instance.baseUrl() + " (pid " + instance.process().pid() + ")");
            }
        }
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public List<Instance> instances() {
        return instances;
    }

    public List<URI> urls(String service) {
        return instances.stream().filter(i -> i.service.equals(service)).map(Instance::baseUrl).toList();
    }

    public Map<String, String> jdbcUrls() {
        return jdbcUrls;
    }

    public URI mailControl() {
        return mailControl;
    }

    public AuditSources auditSources() {
        return new AuditSources(jdbcUrls, kafka.bootstrapServers(), mailControl);
    }

    /** {@code kill -9} of the instance, then starts it again and waits until it is ready; returns when it is. */
    public void killAndRestart(Instance instance, Duration down) throws Exception {
        instance.process().process().kill();
        say("killed " + instance.name() + " (kill -9)");
        Thread.sleep(down.toMillis());
        instance.start(repo);
        instance.awaitReady();
        say(instance.name() + " ready again");
    }

    /** SIGSTOP (or SIGCONT) to a service's PostgreSQL: the postmaster and every backend, so nothing answers. */
    public void signalDatabase(String service, String signal) throws IOException, InterruptedException {
        var postmaster = postgres.instances().stream().filter(i -> i.spec().name().equals(service)).findFirst()
                .orElseThrow().postmasterPid();
        var pids = new ArrayList<String>();
        pids.add(String.valueOf(postmaster));
        ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> pids.add(String.valueOf(d.pid()))));
        var command = new ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(pids);
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        say("SIG" + signal + " to PostgreSQL " + service + " (" + pids.size() + " processes, exit " + exit + ")");
    }

    /** The SMTP server refuses connections ({@code false}) or accepts them again. */
    public void smtpAccepting(boolean accepting) throws IOException, InterruptedException {
        var answer = http.send(HttpRequest.newBuilder(mailControl.resolve(accepting ? "/accept" : "/refuse"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        say("SMTP " + answer.body().strip());
    }

    /** Waits until every partition of the suite's topics and of the consumer offsets has its three replicas in sync. */
    public void awaitFullyReplicated(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        var topics = new ArrayList<>(TOPICS.keySet());
        topics.add("__consumer_offsets");
        try (var admin = kafka.admin()) {
            while (true) {
                try {
                    var descriptions = admin.describeTopics(topics).allTopicNames().get(15, TimeUnit.SECONDS);
                    boolean full = descriptions.values().stream().flatMap(d -> d.partitions().stream())
                            .allMatch(p -> p.isr().size() == KafkaCluster.REPLICATION_FACTOR);
                    if (full) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // a node is still coming back
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions not fully replicated after " + timeout.toSeconds() + " s");
                }
                Thread.sleep(1000);
            }
        }
    }

    /**
     * Waits until nothing is in flight: every outbox row sent, every notification settled (sent, failed or dropped),
     * and every consumer group at the end of its topics, twice in a row a second apart.
     *
     * @return how long it took
     */
    public Duration awaitQuiescence(Duration timeout) throws Exception {
        long start = System.nanoTime();
        int quietChecks = 0;
        String last = "";
        while (quietChecks < 2) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new IllegalStateException("not quiet after " + timeout.toSeconds() + " s: " + last);
            }
            Thread.sleep(1000);
            last = inFlight();
            quietChecks = last.isEmpty() ? quietChecks + 1 : 0;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** What is still in flight, in words; empty when nothing is. */
    String inFlight() throws Exception {
        if (!mail.isAlive()) {
            throw new IllegalStateException("the mail server exited: " + mail.logTail(20));
        }
        var busy = new StringBuilder();
        for (var service : SERVICES) {
            long unsent = count(service, "select count(*) from outbox_event where sent_at is null");
            if (unsent > 0) {
                busy.append(service).append(" outbox ").append(unsent).append("; ");
            }
        }
        long pending = count("notification",
                "select count(*) from notification where status not in ('SENT', 'FAILED', 'DROPPED')");
        if (pending > 0) {
            busy.append("notifications pending ").append(pending).append("; ");
        }
        long lag = lag();
        if (lag > 0) {
            busy.append("consumer lag ").append(lag).append("; ");
        }
        return busy.toString();
    }

    private long count(String service, String sql) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", PostgresInstances.USER);
        properties.setProperty("password", PostgresInstances.PASSWORD);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        try (var connection = DriverManager.getConnection(jdbcUrls.get(service), properties);
             var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long lag() throws InterruptedException, ExecutionException, TimeoutException {
        try (var admin = kafka.admin()) {
            long total = 0;
            for (var group : GROUPS.entrySet()) {
                var committed = admin.listConsumerGroupOffsets(group.getKey()).partitionsToOffsetAndMetadata()
                        .get(15, TimeUnit.SECONDS);
                var latest = new HashMap<TopicPartition, OffsetSpec>();
                for (var topic : group.getValue()) {
                    for (int p = 0; p < TOPICS.get(topic); p++) {
                        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                    }
                }
                var ends = admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
                for (var end : ends.entrySet()) {
                    var offset = committed.get(end.getKey());
                    total += end.getValue().offset() - (offset == null ? 0 : offset.offset());
                }
            }
            return total;
        }
    }

    @Override
    public synchronized void close() {
        for (var instance : instances.reversed()) {
            if (instance.process != null) {
                instance.process.stop(Duration.ofSeconds(20));
            }
        }
        if (mail != null) {
            mail.stop(Duration.ofSeconds(5));
        }
        if (kafka != null) {
            for (var broker : kafka.brokers()) {
                broker.stop(Duration.ofSeconds(10));
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        instances.clear();
        mail = null;
        kafka = null;
        postgres = null;
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        }
    }

    static void say(String message) {
        System.out.printf("[fault-suite %tT] %s%n", System.currentTimeMillis(), message);
        System.out.flush();
    }
}
