package org.redciudades.faults;

import static org.redciudades.faults.Platform.say;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.redciudades.childprocess.ChildProcess;
import org.redciudades.childprocess.Jvm;

/**
 * The scenarios, one at a time on one {@link Platform}: the load runs, the fault is injected while it does, the load
 * goes on a while after the fault has ended, then stops; the suite waits for quiescence and audits.
 */
public final class FaultScenarios {

    /** A fault: does it, undoes it, and returns once the faulty piece is back. */
    public interface Fault {
        void inject(Platform platform) throws Exception;
    }

    public record Scenario(String name, Fault fault) {
    }

    /** One scenario's figures, a row of the report. */
    public record Result(String name, int registrations, Audit.Findings findings, double faultSeconds,
                         double recoverySeconds, double quietSeconds) {
    }

    /** How the load is shaped: workers, events and their capacity, an onboarding every so many registrations. */
    public record LoadShape(int workers, int eventCount, int capacity, int memberEvery, double perSecond,
                            Duration warmUp, Duration afterFault, int most) {
    }

    private final Platform platform;
    private final Path work;
    private final Path tokenFile;
    private final LoadShape shape;

    public FaultScenarios(Platform platform, Path work, Path tokenFile, LoadShape shape) {
        this.platform = platform;
        this.work = work;
        this.tokenFile = tokenFile;
        this.shape = shape;
    }

    /** The partition leader of events.event's partition 0 killed, down 20 s, started again. */
    public static Scenario leaderKilled() {
        return new Scenario("broker: partition leader kill -9, restarted after 20 s", platform -> {
            int leader = platform.kafka().leaderOf("events.event", 0);
            var broker = platform.kafka().broker(leader);
            broker.kill();
            say("killed Kafka node " + leader + " (kill -9), the leader of events.event-0");
            Thread.sleep(20_000);
            broker.start();
            broker.awaitReady(Duration.ofMinutes(3));
            say("Kafka node " + leader + " ready again");
            platform.awaitFullyReplicated(Duration.ofMinutes(3));
        });
    }

    /** Each node stopped cleanly (SIGTERM) and started again, the next once every partition has its three replicas. */
    public static Scenario rollingRestart() {
        return new Scenario("broker: clean rolling restart of all three", platform -> {
            for (var broker : platform.kafka().brokers()) {
                broker.stop(Duration.ofSeconds(60));
                say("stopped Kafka node " + broker.nodeId());
                broker.start();
                broker.awaitReady(Duration.ofMinutes(3));
                platform.awaitFullyReplicated(Duration.ofMinutes(3));
                say("Kafka node " + broker.nodeId() + " back, all partitions fully replicated");
            }
        });
    }

    /** Each of the six instances in turn: {@code kill -9} in mid-work, down 5 s, started again, ready. */
    public static Scenario instancesKilled() {
        return new Scenario("services: each instance kill -9, restarted", platform -> {
            for (var instance : platform.instances()) {
                platform.killAndRestart(instance, Duration.ofSeconds(5));
                Thread.sleep(5_000);
            }
        });
    }

    /** events-service's PostgreSQL stopped (SIGSTOP) for 20 s, then resumed. */
    public static Scenario databasePaused(String service) {
        return new Scenario("PostgreSQL of " + service + "-service SIGSTOP 20 s", platform -> {
            platform.signalDatabase(service, "STOP");
            try {
                Thread.sleep(20_000);
            } finally {
                platform.signalDatabase(service, "CONT");
            }
        });
    }

    /** The SMTP server refuses connections for a minute. */
    public static Scenario smtpRefusing() {
        return new Scenario("SMTP refusing connections for 60 s", platform -> {
            platform.smtpAccepting(false);
            try {
                Thread.sleep(60_000);
            } finally {
                platform.smtpAccepting(true);
            }
        });
    }

    public Result run(Scenario scenario, int number) throws Exception {
        var out = work.resolve("scenario-" + number);
        Files.createDirectories(out);
        say("scenario " + number + ": " + scenario.name());
        var since = Instant.now().minusSeconds(1);
        var load = startLoad(out, "s" + number + "x" + Long.toString(System.currentTimeMillis() % 100000, 36));
        long faultStart;
        long faultEnd;
        try {
            awaitProgress(out, load);
            faultStart = System.currentTimeMillis();
            scenario.fault().inject(platform);
            faultEnd = System.currentTimeMillis();
            say("fault over after " + (faultEnd - faultStart) / 1000.0 + " s; the load goes on for "
                    + shape.afterFault().toSeconds() + " s");
            Thread.sleep(shape.afterFault().toMillis());
        } finally {
            Files.writeString(out.resolve("stop"), "stop\n");
        }
        try {
            load.onExit().get(5, TimeUnit.MINUTES); // its operations in progress end, retries included
        } catch (TimeoutException e) {
            load.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("the load generator did not stop: " + load.logTail(30));
        }
        if (load.exitValue() != 0) {
            throw new IllegalStateException("the load generator failed: " + load.logTail(30));
        }
        say("load stopped; waiting for quiescence");
        var quiet = platform.awaitQuiescence(Duration.ofMinutes(6));
        var log = LoadLog.read(out);
        var eventIds = log.acks("EVENT").stream().map(LoadLog.Ack::first).toList();
        var memberIds = new HashSet<String>();
        log.acks().stream().filter(ack -> ack.outcome().startsWith("MEMBER-") && !ack.second().isEmpty())
                .forEach(ack -> memberIds.add(ack.second()));
        var findings = Audit.of(log, platform.auditSources().read(since, eventIds, memberIds));
        long lastError = log.attempts().stream().filter(a -> !a.kind().equals("ok"))
                .mapToLong(a -> a.sentAt() + a.millis()).max().orElse(faultEnd);
        var result = new Result(scenario.name(), log.acks("REGISTER").size(), findings,
                (faultEnd - faultStart) / 1000.0, Math.max(0, lastError - faultEnd) / 1000.0,
                quiet.toMillis() / 1000.0);
        Files.writeString(out.resolve("result.txt"), Report.table(List.of(result)) + "\n"
                + String.join("\n", findings.examples()) + "\n");
        say(Report.table(List.of(result)));
        findings.examples().forEach(example -> say("  " + example));
        return result;
    }

    private ChildProcess startLoad(Path out, String run) throws IOException {
        var args = new ArrayList<String>(List.of(
                "events=" + join(platform.urls("events")),
                "membership=" + join(platform.urls("membership")),
                "token-file=" + tokenFile, "out=" + out, "registrations=" + shape.most(),
                "workers=" + shape.workers(), "event-count=" + shape.eventCount(), "capacity=" + shape.capacity(),
                "member-every=" + shape.memberEvery(), "per-second=" + shape.perSecond(), "run=" + run));
        return ChildProcess.start("load", Jvm.mainClassCommand(List.of("-Xmx256m", "-XX:+UseSerialGC"),
                FaultLoad.class.getName(), args), Map.of(), work, out.resolve("load.log"));
    }

    private void awaitProgress(Path out, ChildProcess load) throws Exception {
        long deadline = System.nanoTime() + shape.warmUp().toNanos();
        while (System.nanoTime() < deadline) {
            if (!load.isAlive()) {
                throw new IllegalStateException("the load generator exited: " + load.logTail(30));
            }
            Thread.sleep(500);
        }
        var progress = out.resolve("progress");
        say("load warm: " + (Files.exists(progress) ? Files.readString(progress).strip() : "0")
                + " registrations so far");
    }

    private static String join(List<java.net.URI> uris) {
        return String.join(",", uris.stream().map(Object::toString).toList());
    }
}
