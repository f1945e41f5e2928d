package org.redciudades.chassis.testing.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a benchmark's burst: this JVM (which holds the load generator, the
 * service and the embedded Kafka broker) by the groups of threads a benchmark names, the embedded
 * PostgreSQL server's processes, and every other process on the machine (another build, for instance).
 * Linux only: it reads {@code /proc}; elsewhere the machine and PostgreSQL figures are left out.
 *
 * <p>Threads that end before a snapshot (an SMTP server's per-connection threads, say) take their CPU
 * time with them; a benchmark that counts it elsewhere supplies it for one of its groups
 * ({@link #withEndedThreads}). Whatever other ended threads used shows up with the JIT and GC.
 */
public final class CpuUsage {

    /** Kernel clock ticks per second ({@code USER_HZ}), 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100;
    /** Cores that other processes may use during a burst before the report warns that it was disturbed. */
    private static final double OTHERS_WARNING = 0.2;
    /** The threads of the JVM's embedded Kafka broker, for a benchmark's groups. */
    public static final List<String> KAFKA_BROKER_THREADS = List.of("data-plane-kafka", "kafka-", "broker-",
            "controller-", "quorum-controller", "raft-", "group-coordinator", "share-", "transaction-log",
            "ExpirationReaper", "executor-", "LogDirFailureHandler", "AddPartitionsToTxn", "TxnMarkerSender",
            "persister", "client-metrics");

    public record Snapshot(long wallNanos, long processNanos, Map<String, Long> groupNanos, Map<Long, ThreadCpu> threads,
                           long allThreadsNanos, long endedThreadsNanos, long compileMillis, long gcMillis, long gcCount,
                           long machineBusyTicks, long machineTotalTicks, long postgresTicks, long apartTicks) {
    }

    record ThreadCpu(String name, long nanos) {
    }

    private final long postmasterPid;
    private final Map<String, List<String>> groups;
    private final String endedThreadsGroup;
    private final LongSupplier endedThreadsNanos;
    private final String apartName;
    private final long apartPid;

    /**
     * @param postmasterPid the embedded PostgreSQL server's main process, or -1 if unknown
     * @param groups        thread name prefixes per group, in report order; the first match wins. The JVM's
     *                      own threads (JIT, GC) are not Java threads and are reported apart.
     */
    public CpuUsage(long postmasterPid, Map<String, List<String>> groups) {
        this(postmasterPid, groups, null, () -> 0, null, -1);
    }

    private CpuUsage(long postmasterPid, Map<String, List<String>> groups, String endedThreadsGroup,
                     LongSupplier endedThreadsNanos, String apartName, long apartPid) {
        this.postmasterPid = postmasterPid;
        this.groups = new LinkedHashMap<>(groups);
        this.endedThreadsGroup = endedThreadsGroup;
        this.endedThreadsNanos = endedThreadsNanos;
        this.apartName = apartName;
        this.apartPid = apartPid;
    }

    /** Adds to {@code group} the CPU, counted so far by the benchmark, of its threads that may have ended. */
    public CpuUsage withEndedThreads(String group, LongSupplier nanos) {
        return new CpuUsage(postmasterPid, groups, group, nanos, apartName, apartPid);
    }

    /**
     * Reports under {@code name}, apart from the other processes, the CPU of a process of the benchmark's own,
     * such as a load generator in a JVM of its own.
     */
    public CpuUsage withProcess(String name, long pid) {
        return new CpuUsage(postmasterPid, groups, endedThreadsGroup, endedThreadsNanos, name, pid);
    }

    public Snapshot take() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new LinkedHashMap<>();
        groups.keySet().forEach(group -> byGroup.put(group, 0L));
        Map<Long, ThreadCpu> each = new HashMap<>();
        long all = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu <= 0) {
                continue;
            }
            all += cpu;
            each.put(info.getThreadId(), new ThreadCpu(info.getThreadName(), cpu));
            String group = group(info.getThreadName());
            if (group != null) {
                byGroup.merge(group, cpu, Long::sum);
            }
        }
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent")) {
                gcMillis += Math.max(0, gc.getCollectionTime());
                gcCount += Math.max(0, gc.getCollectionCount());
            }
        }
        long[] machine = machineTicks();
        return new Snapshot(System.nanoTime(), processCpuNanos(), byGroup, each, all, endedThreadsNanos.getAsLong(),
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), gcMillis, gcCount,
                machine[0], machine[1], postgresTicks(), apartTicks());
    }

    /** One line, in cores (of the machine's), averaged over the interval between the snapshots. */
    public String describe(Snapshot from, Snapshot to) {
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        double process = cores(to.processNanos() - from.processNanos(), seconds);
        double ended = cores(to.endedThreadsNanos() - from.endedThreadsNanos(), seconds);
        String warning = "";
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "cpu in cores, of %d: this JVM %.2f (", Runtime.getRuntime().availableProcessors(), process));
        double grouped = 0;
        for (String group : groups.keySet()) {
            double used = cores(to.groupNanos().get(group) - from.groupNanos().get(group), seconds);
            grouped += used;
            line.append(String.format(Locale.ROOT, "%s %.2f, ", group, group.equals(endedThreadsGroup) ? used + ended : used));
        }
        double javaThreads = cores(to.allThreadsNanos() - from.allThreadsNanos(), seconds);
        line.append(String.format(Locale.ROOT, "other threads %.2f, JIT, GC and other ended threads %.2f)",
                javaThreads - grouped, jvmInternalCores(from, to)));
        if (to.machineTotalTicks() > from.machineTotalTicks()) {
            double machineSeconds = (to.machineTotalTicks() - from.machineTotalTicks()) / TICKS_PER_SECOND;
            double cpus = machineSeconds / seconds;
            double busy = (to.machineBusyTicks() - from.machineBusyTicks()) / TICKS_PER_SECOND / seconds;
            double postgres = (to.postgresTicks() - from.postgresTicks()) / TICKS_PER_SECOND / seconds;
            double apart = (to.apartTicks() - from.apartTicks()) / TICKS_PER_SECOND / seconds;
            double others = Math.max(0, busy - process - postgres - apart);
            line.append(String.format(Locale.ROOT, ", PostgreSQL %.2f", postgres));
            if (apartName != null) {
                line.append(String.format(Locale.ROOT, ", %s %.2f", apartName, apart));
            }
            line.append(String.format(Locale.ROOT, ", other processes %.2f, idle %.2f", others, Math.max(0, cpus - busy)));
            if (others > OTHERS_WARNING) {
                warning = String.format(Locale.ROOT, "%nWARNING: other processes used %.2f cores during the burst, "
                        + "so these figures understate the service; run it again on a quiet machine.", others);
            }
        }
        line.append(String.format(Locale.ROOT, "; JIT compiling %.1f s, GC pauses %d in %d ms",
                (to.compileMillis() - from.compileMillis()) / 1e3, to.gcCount() - from.gcCount(),
                to.gcMillis() - from.gcMillis()));
        line.append(warning);
        return line.toString();
    }

    /** Cores used by the JVM's own threads (JIT compilers, GC, VM) and by threads that ended uncounted. */
    public double jvmInternalCores(Snapshot from, Snapshot to) {
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        return Math.max(0, cores(to.processNanos() - from.processNanos() - (to.allThreadsNanos() - from.allThreadsNanos())
                - (to.endedThreadsNanos() - from.endedThreadsNanos()), seconds));
    }

    /** Cores the JIT compilers used over the interval. */
    public double compilingCores(Snapshot from, Snapshot to) {
        return (to.compileMillis() - from.compileMillis()) / 1e3 / ((to.wallNanos() - from.wallNanos()) / 1e9);
    }

    /** The busiest live threads over the interval, in cores, threads of one pool (same name but digits) summed. */
    public String busiestThreads(Snapshot from, Snapshot to, int limit) {
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        Map<String, Long> byName = new HashMap<>();
        to.threads().forEach((id, now) -> {
            ThreadCpu before = from.threads().get(id);
            long used = now.nanos() - (before == null ? 0 : before.nanos());
            if (used > 0) {
                byName.merge(shortName(now.name()), used, Long::sum);
            }
        });
        return "busiest threads, in cores: " + byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(limit)
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), cores(e.getValue(), seconds)))
                .collect(Collectors.joining(", "));
    }

    /** A thread's name with its numbers as #, so that a pool's threads add up; binder consumers by topic. */
    private static String shortName(String thread) {
        return thread.replaceAll("KafkaConsumerDestination\\{consumerDestinationName='([^']*)'.*}\\.", "consumer of $1 ")
                .replaceAll("\\d+", "#");
    }

    private static double cores(long nanos, double seconds) {
        return nanos / 1e9 / seconds;
    }

    private String group(String thread) {
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            if (group.getValue().stream().anyMatch(thread::startsWith)) {
                return group.getKey();
            }
        }
        return null;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** Busy and total clock ticks of all the machine's CPUs, from {@code /proc/stat}; zeros if unreadable. */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long total = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** User and system ticks of the PostgreSQL server process and its children (backends, WAL writer...). */
    private long postgresTicks() {
        if (postmasterPid < 0) {
            return 0;
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .mapToLong(p -> {
                        String[] stat = stat(p);
                        if (stat == null) {
                            return 0;
                        }
                        long pid = Long.parseLong(p.getFileName().toString());
                        long parent = Long.parseLong(stat[1]);
                        return pid == postmasterPid || parent == postmasterPid
                                ? Long.parseLong(stat[11]) + Long.parseLong(stat[12]) : 0;
                    })
                    .sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** User and system ticks of the process reported apart ({@link #withProcess}), or 0. */
    private long apartTicks() {
        String[] stat = apartPid < 0 ? null : stat(Path.of("/proc", Long.toString(apartPid)));
        return stat == null ? 0 : Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state, ppid, ... (utime at 11, stime at 12). */
    private static String[] stat(Path process) {
        try {
            String line = Files.readString(process.resolve("stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The parent of {@code pid}, or -1. */
    public static long parentOf(long pid) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid)));
        return stat == null ? -1 : Long.parseLong(stat[1]);
    }
}
