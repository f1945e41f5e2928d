package org.redciudades.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Memory use of processes, read from Linux's /proc (0 when not available). */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** VmRSS of one process, in KiB. */
    public static long rssKb(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    /** Proportional set size of one process, in KiB: each shared page is split among the processes sharing it. */
    public static long pssKb(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    /** User and system CPU time a process has used so far, in seconds (0 when not available). */
    public static double cpuSeconds(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration())
                .map(cpu -> cpu.toNanos() / 1e9).orElse(0.0);
    }

    /**
     * Proportional set size of a process and all its descendants, in KiB: each shared page is split among the
     * processes sharing it, so unlike RSS this adds up (PostgreSQL's workers share most of their memory).
     */
    public static long treePssKb(long pid) {
        return ProcessHandle.of(pid).stream()
                .flatMap(process -> Stream.concat(Stream.of(process), process.descendants()))
                .mapToLong(process -> pssKb(process.pid()))
                .sum();
    }

    private static long field(Path file, String name) {
        try (var lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(name))
                    .mapToLong(line -> Long.parseLong(line.substring(name.length()).replace("kB", "").strip()))
                    .findFirst().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0; // the process is gone or this is not Linux
        }
    }
}
