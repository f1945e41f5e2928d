package org.redciudades.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the load generator ({@link FaultLoad}) wrote: every attempt, and each operation's final outcome. */
public record LoadLog(List<Attempt> attempts, List<Ack> acks) {

    /** One HTTP attempt: when it was sent, its operation, the instance (0 or 1), the answer and how it is counted. */
    public record Attempt(long sentAt, String op, String key, int instance, int attempt, int status, String kind,
                          String problem, String retryAfter, long millis) {
    }

    /** An operation's final outcome: REGISTER, CANCEL, MEMBER-ACTIVE, EVENT, or a failure (…GAVEUP, …REFUSED). */
    public record Ack(long at, String outcome, String first, String second, List<String> rest) {
    }

    public static LoadLog read(Path dir) throws IOException {
        var attempts = new ArrayList<Attempt>();
        for (var line : lines(dir.resolve("requests.tsv"))) {
            var f = line.split("\t", -1);
            if (f.length < 10) {
                continue; // a line cut short by a kill
            }
            attempts.add(new Attempt(Long.parseLong(f[0]), f[1], f[2], Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), f[6], f[7], f[8], Long.parseLong(f[9])));
        }
        var acks = new ArrayList<Ack>();
        for (var line : lines(dir.resolve("acks.tsv"))) {
            var f = line.split("\t", -1);
            if (f.length < 4) {
                continue;
            }
            acks.add(new Ack(Long.parseLong(f[0]), f[1], f[2], f[3],
                    List.of(f).subList(Math.min(4, f.length), f.length)));
        }
        return new LoadLog(List.copyOf(attempts), List.copyOf(acks));
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    public List<Ack> acks(String outcome) {
        return acks.stream().filter(ack -> ack.outcome().equals(outcome)).toList();
    }

    /** Operations acknowledged: registrations, cancellations, and each onboarding step that ended in an answer. */
    public int acknowledged() {
        return acks("REGISTER").size() + acks("CANCEL").size() + acks("MEMBER-ACTIVE").size();
    }

    /** Operations the client gave up on, or that were refused for good. */
    public int notAcknowledged() {
        return (int) acks.stream().filter(ack -> ack.outcome().endsWith("GAVEUP") || ack.outcome().endsWith("REFUSED")
                || ack.outcome().equals("MEMBER-APPLIED") || ack.outcome().equals("MEMBER-APPROVED")).count();
    }

    /** Failed attempts by kind (503-problem-retry-after, 500, refused, reset, timeout, ...). */
    public Map<String, Integer> errorsByKind() {
        var kinds = new TreeMap<String, Integer>();
        for (var attempt : attempts) {
            if (!attempt.kind().equals("ok")) {
                kinds.merge(attempt.kind(), 1, Integer::sum);
            }
        }
        return kinds;
    }

    /** The longest time an answer took, in ms: a hang shows here even when the client's timeout cut it short. */
    public long slowestMillis() {
        return attempts.stream().mapToLong(Attempt::millis).max().orElse(0);
    }
}
