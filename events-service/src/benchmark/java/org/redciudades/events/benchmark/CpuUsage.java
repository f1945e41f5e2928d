package org.redciudades.events.benchmark;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a burst: this JVM (which holds the load generator, the service and
 * the embedded Kafka broker) by group of threads, the embedded PostgreSQL server's processes, and every
 * other process on the machine, which shares its cores (another build, for instance). Linux only: it
 * reads {@code /proc}; elsewhere the machine and PostgreSQL figures are left out.
 */
final class CpuUsage {

    /** Kernel clock ticks per second ({@code USER_HZ}), 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100;
    /** Cores that other processes may use during a burst before the report warns that it was disturbed. */
    private static final double OTHERS_WARNING = 0.2;

    /** Thread name prefixes per group, first match wins; the JVM's own threads (JIT, GC) are not Java threads. */
    private static final Map<String, List<String>> GROUPS = groups();

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("service requests", List.of("http-nio-", "HikariPool"));
        groups.put("outbox relay", List.of("outbox-relay", "kafka-producer-network-thread"));
        groups.put("load generator", List.of("HttpClient-", "ForkJoinPool-"));
        groups.put("Kafka broker", List.of("data-plane-kafka", "kafka-", "broker-", "controller-", "quorum-controller",
                "raft-", "group-coordinator", "share-", "transaction-log", "ExpirationReaper", "executor-",
                "LogDirFailureHandler", "AddPartitionsToTxn", "TxnMarkerSender", "persister", "client-metrics"));
        return groups;
    }

    record Snapshot(long wallNanos, long processNanos, Map<String, Long> groupNanos, long allThreadsNanos,
                    long compileMillis, long gcMillis, long gcCount, long machineBusyTicks, long machineTotalTicks,
                    long postgresTicks) {
    }

    private final long postmasterPid;

    /** @param postmasterPid the embedded PostgreSQL server's main process, or -1 if unknown */
    CpuUsage(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    Snapshot take() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byGroup = new LinkedHashMap<>();
        GROUPS.keySet().forEach(group -> byGroup.put(group, 0L));
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
        return new Snapshot(System.nanoTime(), processCpuNanos(), byGroup, all,
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), gcMillis, gcCount,
                machine[0], machine[1], postgresTicks());
    }

    /** One line, in cores (of the machine's), averaged over the interval between the snapshots. */
    String describe(Snapshot from, Snapshot to) {
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        double process = cores(to.processNanos() - from.processNanos(), seconds);
        String warning = "";
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "cpu in cores, of %d: this JVM %.2f (", Runtime.getRuntime().availableProcessors(), process));
        for (String group : GROUPS.keySet()) {
            line.append(String.format(Locale.ROOT, "%s %.2f, ", group,
                    cores(to.groupNanos().get(group) - from.groupNanos().get(group), seconds)));
        }
        double javaThreads = cores(to.allThreadsNanos() - from.allThreadsNanos(), seconds);
        double grouped = GROUPS.keySet().stream()
                .mapToDouble(g -> cores(to.groupNanos().get(g) - from.groupNanos().get(g), seconds)).sum();
        line.append(String.format(Locale.ROOT, "other threads %.2f, JIT and GC %.2f)", javaThreads - grouped,
                jvmInternalCores(from, to)));
        if (to.machineTotalTicks() > from.machineTotalTicks()) {
            double machineSeconds = (to.machineTotalTicks() - from.machineTotalTicks()) / TICKS_PER_SECOND;
            double cpus = machineSeconds / seconds;
            double busy = (to.machineBusyTicks() - from.machineBusyTicks()) / TICKS_PER_SECOND / seconds;
            double postgres = (to.postgresTicks() - from.postgresTicks()) / TICKS_PER_SECOND / seconds;
            double others = Math.max(0, busy - process - postgres);
            line.append(String.format(Locale.ROOT, ", PostgreSQL %.2f, other processes %.2f, idle %.2f",
                    postgres, others, Math.max(0, cpus - busy)));
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

    /** Cores used by the JVM's own threads (JIT compilers, GC, VM), not by any Java thread. */
    double jvmInternalCores(Snapshot from, Snapshot to) {
        double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
        return Math.max(0, cores(to.processNanos() - from.processNanos() - (to.allThreadsNanos() - from.allThreadsNanos()),
                seconds));
    }

    private static double cores(long nanos, double seconds) {
        return nanos / 1e9 / seconds;
    }

    private static String group(String thread) {
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
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
    static long parentOf(long pid) {
        String[] stat = stat(Path.of("/proc", Long.toString(pid)));
        return stat == null ? -1 : Long.parseLong(stat[1]);
    }
}
