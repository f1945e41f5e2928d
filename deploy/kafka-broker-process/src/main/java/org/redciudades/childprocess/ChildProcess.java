package org.redciudades.childprocess;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An OS process whose output (stdout and stderr) is appended to a log file. */
public final class ChildProcess {

    /**
     * Children are started in a session of their own when setsid(1) is there, so that Ctrl-C in the terminal reaches
     * only the parent (the local stack's launcher), which then stops them in order (the services before the broker and databases they use).
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private static final int TAIL_BYTES = 16 * 1024;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Path workDir, Path logFile) throws IOException {
        return start(name, command, Map.of(), workDir, logFile);
    }

    /** As {@link #start(String, List, Path, Path)}, with {@code environment} added to this process's environment. */
    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
                                     Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        var fullCommand = new ArrayList<String>();
        if (Files.isExecutable(SETSID)) {
            fullCommand.add(SETSID.toString()); // execs the command in place: the pid stays the same
        }
        fullCommand.addAll(command);
        var builder = new ProcessBuilder(fullCommand)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        var process = builder.start();
        return new ChildProcess(name, process, logFile);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /**
     * SIGTERM, then SIGKILL if the process has not ended within {@code grace}.
     *
     * @return true if it ended by itself within the grace period (or had already ended)
     */
    public boolean stop(Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed. Waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The last {@code lines} lines of the log file, for error messages. */
    public String logTail(int lines) {
        try (var file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            var bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            var all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            return String.join(System.lineSeparator(),
                    Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }
}
