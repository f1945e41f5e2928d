package org.redciudades.events.benchmark;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's own {@code pgbench}, run against the benchmark's database as the baseline: how many
 * transactions of a script the database itself completes, with nothing but {@code pgbench} in front of it.
 * Found as {@code -Dbenchmark.pgbench} or on the {@code PATH}; without it the benchmark fails at once, saying
 * how to install it ({@code apt-get install postgresql-client} on Debian and Ubuntu).
 */
final class Pgbench {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    /** One run: transactions per second and their mean latency, as pgbench reports them. */
    record Result(int clients, String mode, double tps, double latencyMillis) {
        String describe() {
            return String.format(Locale.ROOT, "%d client%s%s %.0f tps (latency %.2f ms)", clients, clients == 1 ? "" : "s",
                    mode.equals("simple") ? "" : " -M " + mode, tps, latencyMillis);
        }
    }

    private final Path executable;
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;

    private Pgbench(Path executable, String jdbcUrl, String user, String password) {
        URI url = URI.create(jdbcUrl.substring("jdbc:".length()));
        this.executable = executable;
        this.host = url.getHost();
        this.port = url.getPort();
        this.database = url.getPath().substring(1);
        this.user = user;
        this.password = password;
    }

    /** pgbench against the database of {@code jdbcUrl}; fails with how to install it if it cannot be found. */
    static Pgbench against(String jdbcUrl, String user, String password) {
        return new Pgbench(find(), jdbcUrl, user, password);
    }

    private static Path find() {
        String named = System.getProperty("benchmark.pgbench");
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("-Dbenchmark.pgbench=" + named + " is not an executable file");
            }
            return path;
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "pgbench"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("""
                        pgbench, which measures the baseline, is not on the PATH. Install it with \
                        `apt-get install postgresql-client` (Debian, Ubuntu), or name it with \
                        -Dbenchmark.pgbench=/path/to/pgbench"""));
    }

    String version() throws IOException, InterruptedException {
        return execute(List.of(executable.toString(), "--version")).strip();
    }

    /**
     * {@code pgbench -n -c clients -j threads -T seconds -f script}, with {@code -M mode} unless it is
     * {@code simple} (pgbench's default).
     */
    Result run(Path script, int clients, int seconds, String mode) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-n", "-c", Integer.toString(clients),
                "-j", Integer.toString(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", Integer.toString(seconds), "-f", script.toString(),
                "-h", host, "-p", Integer.toString(port), "-U", user));
        if (!mode.equals("simple")) {
            command.addAll(List.of("-M", mode));
        }
        command.add(database);
        String output = execute(command);
        Matcher tps = TPS.matcher(output);
        Matcher latency = LATENCY.matcher(output);
        if (!tps.find() || !latency.find()) {
            throw new IllegalStateException("pgbench reported no figures:\n" + output);
        }
        return new Result(clients, mode, Double.parseDouble(tps.group(1)), Double.parseDouble(latency.group(1)));
    }

    private String execute(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", password == null ? "" : password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        return output;
    }
}
