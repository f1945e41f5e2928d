package org.redciudades.identity.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The identity provider's executable jar run as a child JVM on 127.0.0.1, its output appended to a log file. The
 * child is stopped with this JVM if {@link #stop()} was not called.
 * <pre>{@code
 * try (var provider = IdentityProviderProcess.start(IdentityProviderProcess.defaultExecJar(), 0, logFile,
 *         List.of("--identity.people.ana.password=secret", ...)).awaitReady(Duration.ofSeconds(60))) {
 *     var tokens = new IdentityProviderClient(provider.baseUrl()).signIn(...);
 * }
 * }</pre>
 */
public final class IdentityProviderProcess implements AutoCloseable {

    /** Where the build puts the executable jar, relative to the repository root. */
    public static final String EXEC_JAR = "deploy/identity-provider/target/identity-provider-exec.jar";
    /** Overrides {@link #defaultExecJar()}'s search. */
    public static final String EXEC_JAR_PROPERTY = "identity-provider.exec-jar";
    /** Small heap, serial collector, no C2 compiler: it serves a handful of requests. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xmx192m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError");

    private static final Duration POLL = Duration.ofMillis(100);

    private final Process process;
    private final URI baseUrl;
    private final Path logFile;
    private final Thread stopWithThisJvm;

    private IdentityProviderProcess(Process process, URI baseUrl, Path logFile) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.logFile = logFile;
        this.stopWithThisJvm = new Thread(process::destroy, "stop-identity-provider-" + process.pid());
        Runtime.getRuntime().addShutdownHook(stopWithThisJvm);
    }

    /** As {@link #start(Path, int, Path, List, List)} with {@link #DEFAULT_JVM_OPTIONS}. */
    public static IdentityProviderProcess start(Path execJar, int port, Path logFile, List<String> args) {
        return start(execJar, port, logFile, DEFAULT_JVM_OPTIONS, args);
    }

    /**
     * Starts {@code java <jvmOptions> -jar <execJar> --server.address=127.0.0.1 --server.port=<port> <args>}; returns
     * at once, see {@link #awaitReady(Duration)}.
     *
     * @param port 0 for a free port
     * @param args Spring Boot arguments, e.g. {@code --identity.issuer=http://127.0.0.1:8090}
     */
    public static IdentityProviderProcess start(Path execJar, int port, Path logFile, List<String> jvmOptions,
                                                List<String> args) {
        if (!Files.isRegularFile(execJar)) {
            throw new IllegalArgumentException("No identity provider jar at " + execJar.toAbsolutePath()
                    + "; build it with ./mvnw -pl deploy/identity-provider -am package -DskipTests");
        }
        int actualPort = port == 0 ? freePort() : port;
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(execJar.toAbsolutePath().toString());
        command.add("--server.address=127.0.0.1");
        command.add("--server.port=" + actualPort);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            var process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new IdentityProviderProcess(process, URI.create("http://127.0.0.1:" + actualPort), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }

    /**
     * The jar the build made: the system property {@value #EXEC_JAR_PROPERTY} if set, else {@value #EXEC_JAR} in the
     * working directory or the nearest of its parents that has it.
     */
    public static Path defaultExecJar() {
        var configured = System.getProperty(EXEC_JAR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            var candidate = dir.resolve(EXEC_JAR);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of(EXEC_JAR).toAbsolutePath();
    }

    /**
     * Waits until the discovery document answers.
     *
     * @throws IllegalStateException if the process ends or does not answer within {@code timeout}, with the end of
     *                               its log
     */
    public IdentityProviderProcess awaitReady(Duration timeout) {
        var discovery = HttpRequest.newBuilder(URI.create(baseUrl + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The identity provider ended with " + process.exitValue()
                            + " before it was ready; the end of " + logFile + ":\n" + logTail(40));
                }
                try {
                    if (http.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return this;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the identity provider", e);
        }
        throw new IllegalStateException("The identity provider did not answer at " + baseUrl + " within " + timeout
                + "; the end of " + logFile + ":\n" + logTail(40));
    }

    /** {@code http://127.0.0.1:<port>}, which is also the issuer unless {@code --identity.issuer} says otherwise. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return baseUrl.getPort();
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

    /** SIGTERM, then SIGKILL after 10 s. */
    public void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopWithThisJvm);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private String logTail(int lines) {
        try {
            var all = Files.readString(logFile, StandardCharsets.UTF_8).split("\\R");
            return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }
}
