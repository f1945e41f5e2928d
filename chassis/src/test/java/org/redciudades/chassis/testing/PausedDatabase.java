package org.redciudades.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL server whose every process is paused ({@code SIGSTOP}) until {@link #close()} resumes them:
 * the kernel still accepts connections and data for it, but nothing ever answers, as when a database host
 * freezes or the network to it silently drops. Stopping the server instead refuses connections at once,
 * which is the easy case.
 */
public final class PausedDatabase implements AutoCloseable {

    private final List<String> pids;

    private PausedDatabase(List<String> pids) {
        this.pids = pids;
    }

    /** Pauses the server whose data directory this is (its {@code postmaster.pid} names it). */
    public static PausedDatabase pause(Path dataDirectory) {
        try {
            String first = Files.readAllLines(dataDirectory.resolve("postmaster.pid"), StandardCharsets.US_ASCII).getFirst();
            return pause(Long.parseLong(first.strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pauses the server whose main process ({@code postmaster}) this is, and all its children. */
    public static PausedDatabase pause(long postmaster) {
        List<String> pids = new ArrayList<>();
        pids.add(Long.toString(postmaster));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(child -> pids.add(Long.toString(child.pid())));
        signal("-STOP", pids);
        return new PausedDatabase(pids);
    }

    @Override
    public void close() {
        signal("-CONT", pids);
    }

    private static void signal(String signal, List<String> pids) {
        List<String> command = new ArrayList<>(List.of("kill", signal));
        command.addAll(pids);
        try {
            int status = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
