package org.redciudades.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.redciudades.childprocess.ChildProcess;
import org.redciudades.childprocess.Jvm;

/** A Spring Boot service jar running as a child JVM, with its output in a log file. */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 40;

    private final ChildProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(ChildProcess process) {
        this.process = process;
    }

    /** Starts {@code java <jvmOptions> -jar <jar> <args>} in {@code workDir}; the log file is appended to. */
    public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> args,
                                       Path workDir, Path logFile) throws IOException {
        return start(name, jar, jvmOptions, args, Map.of(), workDir, logFile);
    }

    /** As {@link #start(String, Path, List, List, Path, Path)}, with {@code environment} added to the child's. */
    public static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> args,
                                       Map<String, String> environment, Path workDir, Path logFile)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(jar + " does not exist: build it first (./mvnw -B -DskipTests package)");
        }
        return new ServiceProcess(ChildProcess.start(name, Jvm.jarCommand(jvmOptions, jar, args), environment,
                workDir, logFile));
    }

    /**
     * Polls {@code readinessUrl} until it answers 200 with status UP.
     *
     * @throws StackException if the process ends first or the timeout passes; the message has the tail of its log
     */
    public void awaitReady(URI readinessUrl, Duration timeout) throws InterruptedException {
        awaitAnswer(readinessUrl, timeout, response -> response.statusCode() == 200 && response.body().contains("\"UP\""));
    }

    /** As {@link #awaitReady}, for an application without Actuator: until {@code url} answers 200. */
    public void awaitOk(URI url, Duration timeout) throws InterruptedException {
        awaitAnswer(url, timeout, response -> response.statusCode() == 200);
    }

    private void awaitAnswer(URI readinessUrl, Duration timeout, Predicate<HttpResponse<String>> ready)
            throws InterruptedException {
        var request = HttpRequest.newBuilder(readinessUrl).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(name() + " exited with code " + process.exitValue()
                        + " while starting. Last lines of " + logFile() + ":\n" + process.logTail(LOG_TAIL_LINES));
            }
            if (answers(request, ready)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(name() + " was not ready at " + readinessUrl + " after " + timeout.toSeconds()
                        + " s. Last lines of " + logFile() + ":\n" + process.logTail(LOG_TAIL_LINES));
            }
            Thread.sleep(POLL_INTERVAL);
        }
    }

    private boolean answers(HttpRequest request, Predicate<HttpResponse<String>> ready) throws InterruptedException {
        try {
            return ready.test(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** SIGTERM (Spring Boot shuts down gracefully), then SIGKILL after {@code grace}; true if it ended in time. */
    public boolean stop(Duration grace) {
        return process.stop(grace);
    }

    @Override
    public void close() {
        stop(DEFAULT_STOP_GRACE);
    }

    public String name() {
        return process.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    public ChildProcess process() {
        return process;
    }
}
