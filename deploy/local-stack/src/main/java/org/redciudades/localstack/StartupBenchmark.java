package org.redciudades.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.redciudades.childprocess.Jvm;
import org.redciudades.localstack.LocalStack.Service;

/**
 * How long each Java application of the stack takes to become ready, and how much memory it holds once idle, with its
 * AOT cache and, in the same run, without: {@code ./deploy/startup-benchmark.sh} (README.md next to this class's
 * module, {@code deploy/local-stack/STARTUP-BENCHMARK.md}). Not part of the test suite; it asserts nothing about time.
 *
 * <p>Each application starts alone, on a {@link TrialNetwork} of its own, three ways, in turn, {@code --rounds} times:
 * <ul>
 *   <li>{@code before}: {@code java -jar} with the JVM options the stack used before the caches (the baseline the issue
 *   measured);</li>
 *   <li>{@code plain}: {@code java -jar} with today's JVM options, without the cache: the cache's baseline;</li>
 *   <li>{@code cached}: today's options, the extracted jar and {@code -XX:AOTCache}, as the stack starts it.</li>
 * </ul>
 * Ready is the first {@code UP} of the readiness probe (the identity provider, without Actuator: its discovery
 * document), polled every 100 ms from the moment the process is started; CPU is the process's user and system time at
 * that moment, which other load on the machine disturbs less than the wall time; RSS and PSS are read after
 * {@code --idle} seconds of rest. {@code --stack} also starts the whole local stack (the launcher, on its usual ports)
 * with its caches and with {@code --no-aot-cache}, in turn, and reads the time it prints.
 */
public final class StartupBenchmark {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final int LOAD_REQUESTS = 5000;
    private static final int LOAD_CONCURRENCY = 64;
    private static final Pattern STACK_READY = Pattern.compile("Local stack ready in ([0-9.]+) s");
    /** The stack's JVM options before the AOT caches (commit f44bce3). */
    private static final List<String> SERVICE_OPTIONS_BEFORE = List.of("-Xmx384m");
    private static final List<String> PORTAL_OPTIONS_BEFORE = List.of("-Xmx256m");

    enum Variant { BEFORE, PLAIN, CACHED }

    record Sample(double readySeconds, double cpuSeconds, long rssKb, long pssKb) {
    }

    /** One application: how to start it, given a port, and where it says it is ready. */
    private record App(String name, AotCache cache, List<String> optionsBefore,
                       java.util.function.IntFunction<List<String>> args, String readyPath, boolean actuator) {
    }

    private final Path repo;
    private final int rounds;
    private final Duration idle;
    private final Path out;
    private final StringBuilder report = new StringBuilder();

    private StartupBenchmark(Path repo, int rounds, Duration idle) {
        this.repo = repo;
        this.rounds = rounds;
        this.idle = idle;
        this.out = repo.resolve("deploy/local-stack/target/startup-benchmark");
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int idleSeconds = 10;
        int stackRounds = 0;
        int loadRounds = 0;
        var only = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--idle" -> idleSeconds = Integer.parseInt(args[++i]);
                case "--stack" -> stackRounds = Integer.parseInt(args[++i]);
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                case "--load" -> loadRounds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("""
                            Usage: ./deploy/startup-benchmark.sh [--rounds N] [--idle SECONDS] [--stack N] [--only a,b]
                                                                 [--load N]
                              --rounds N      starts of each application each way (default 3)
                              --idle SECONDS  rest before reading the memory (default 10)
                              --stack N       also start the whole local stack N times each way (default 0)
                              --only a,b      only these applications (identity-provider, membership-service, ...);
                                              none: --only none
                              --load N        also send N rounds of 5,000 registrations to a fresh events-service,
                                              with its cache and without (default 0)""");
                    System.exit(2);
                }
            }
        }
        var repo = Path.of("").toAbsolutePath();
        new StartupBenchmark(repo, rounds, Duration.ofSeconds(idleSeconds)).run(only, stackRounds, loadRounds);
    }

    private void run(List<String> only, int stackRounds, int loadRounds) throws Exception {
        var stale = new ArrayList<String>();
        for (var cache : LocalStack.allCaches(repo)) {
            if (!cache.isCurrent()) {
                stale.add(repo.relativize(cache.executableJar()).toString());
            }
        }
        if (!stale.isEmpty()) {
            System.err.println("No current AOT cache for " + stale + ": build first with"
                    + " ./mvnw -B -DskipTests -Paot-cache package (./deploy/startup-benchmark.sh does)");
            System.exit(1);
        }
        line("=== start-up of each application, alone: with its AOT cache, and without ===");
        line("commit %s, %s, Java %s, %d cores, load average at start %s".formatted(commit(), Instant.now(),
                Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage()));
        line("%d rounds, memory read after %d s idle; median (min-max) of the rounds".formatted(rounds,
                idle.toSeconds()));
        line("");
        var results = new LinkedHashMap<String, Map<Variant, List<Sample>>>();
        try (var network = TrialNetwork.start(repo, out.resolve("network"))) {
            for (var app : apps(network)) {
                if (!only.isEmpty() && !only.contains(app.name())) {
                    continue;
                }
                if (app.name().equals(LocalStack.PORTAL)) {
                    startIdentityProvider(network);
                }
                results.put(app.name(), measure(app, network));
                printApp(app.name(), results.get(app.name()));
            }
            if (!results.isEmpty()) {
                line("");
                summary(results);
            }
            if (loadRounds > 0) {
                startIdentityProvider(network);
                load(network, loadRounds);
            }
        }
        if (stackRounds > 0) {
            stack(stackRounds);
        }
        line("");
        line("load average at the end: " + loadAverage());
        Files.createDirectories(out);
        Files.writeString(out.resolve("report.txt"), report, StandardCharsets.UTF_8);
        System.out.println("(written to " + repo.relativize(out.resolve("report.txt")) + ")");
    }

    private boolean identityStarted;

    private void startIdentityProvider(TrialNetwork network) throws IOException, InterruptedException {
        if (!identityStarted) {
            network.startIdentityProvider(LocalStack.identityCache(repo).launch(true));
            identityStarted = true;
        }
    }

    /**
     * A fresh events-service, started plain and with its cache in turn, takes {@code rounds} rounds of
     * {@value #LOAD_REQUESTS} registrations (each for a new event) right after it is ready: the first round against the
     * last, which is as warm as this run gets it.
     */
    private void load(TrialNetwork network, int rounds) throws Exception {
        var service = LocalStack.SERVICES.stream()
                .filter(candidate -> candidate.name().equals(AotTraining.REGISTRATIONS_SERVICE)).findFirst().orElseThrow();
        var cache = LocalStack.serviceCache(service, repo);
        var token = SignIn.demoPerson(network.issuer(), "organizer").accessToken();
        line("");
        line("=== a fresh %s's registrations: %d rounds of %d (concurrency %d), each for a new event ==="
                .formatted(service.name(), rounds, LOAD_REQUESTS, LOAD_CONCURRENCY));
        var rates = new LinkedHashMap<Variant, List<Double>>();
        for (var variant : Variant.values()) {
            var launch = variant == Variant.BEFORE
                    ? new AotCache.Launch(cache.executableJar(), SERVICE_OPTIONS_BEFORE, false)
                    : cache.launch(variant == Variant.CACHED);
            int port = TrialNetwork.freePort();
            var base = URI.create("http://" + TrialNetwork.HOST + ":" + port);
            var args = new ArrayList<>(network.serviceArgs(service, port));
            args.addAll(RegistrationLoad.SERVICE_ARGS);
            var list = new ArrayList<Double>();
            try (var process = ServiceProcess.start(service.name(), launch.jar(), launch.jvmOptions(), args, Map.of(),
                    repo, network.logs().resolve(service.name() + "-load-" + variant.name().toLowerCase() + ".log"))) {
                process.awaitReady(base.resolve("/actuator/health/readiness"), READY_TIMEOUT);
                var load = new RegistrationLoad(base, token);
                for (int round = 0; round < rounds; round++) {
                    var result = load.registrations(LOAD_REQUESTS, LOAD_CONCURRENCY);
                    list.add(result.perSecond());
                    System.out.printf("   %-7s round %d: %6.0f registrations/s %s%n", variant.name().toLowerCase(),
                            round + 1, result.perSecond(), result.statuses());
                    if (!result.allAnswered()) {
                        throw new StackException("registrations were answered " + result.statuses() + "; see "
                                + process.logFile());
                    }
                }
                process.stop(STOP_GRACE);
            }
            rates.put(variant, list);
            line("%-7s %s registrations/s; first / last round %.2f".formatted(variant.name().toLowerCase(),
                    list.stream().map("%.0f"::formatted).toList(), list.getFirst() / list.getLast()));
        }
        line("first round, cached / plain: %.2f; last round, cached / plain: %.2f, cached / before: %.2f".formatted(
                rates.get(Variant.CACHED).getFirst() / rates.get(Variant.PLAIN).getFirst(),
                rates.get(Variant.CACHED).getLast() / rates.get(Variant.PLAIN).getLast(),
                rates.get(Variant.CACHED).getLast() / rates.get(Variant.BEFORE).getLast()));
        line("(a 503 is admission control's answer to a request that waited 3 s for its turn: answered, not lost)");
    }

    private List<App> apps(TrialNetwork network) {
        var apps = new ArrayList<App>();
        apps.add(new App("identity-provider", LocalStack.identityCache(repo), LocalStack.IDENTITY_JVM_OPTIONS,
                network::identityProviderArgs, "/.well-known/openid-configuration", false));
        for (var service : LocalStack.SERVICES) {
            apps.add(new App(service.name(), LocalStack.serviceCache(service, repo), SERVICE_OPTIONS_BEFORE,
                    port -> network.serviceArgs(service, port), "/actuator/health/readiness", true));
        }
        // The portal starts without the services (its pages say when one is down), as in the training run.
        var nowhere = new LinkedHashMap<Service, URI>();
        LocalStack.SERVICES.forEach(service -> nowhere.put(service, URI.create("http://127.0.0.1:9/")));
        apps.add(new App(LocalStack.PORTAL, LocalStack.portalCache(repo), PORTAL_OPTIONS_BEFORE,
                port -> network.portalArgs(port, nowhere), "/actuator/health/readiness", true));
        return apps;
    }

    /** A first start that is not counted (it migrates the fresh database), then the rounds, the variants in turn. */
    private Map<Variant, List<Sample>> measure(App app, TrialNetwork network) throws Exception {
        System.out.println("-- " + app.name());
        start(app, Variant.CACHED, network, false);
        var samples = new LinkedHashMap<Variant, List<Sample>>();
        for (var variant : Variant.values()) {
            samples.put(variant, new ArrayList<>());
        }
        var order = Variant.values();
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < order.length; i++) {
                var variant = order[(i + round) % order.length];
                var sample = start(app, variant, network, true);
                samples.get(variant).add(sample);
                System.out.printf("   round %d %-7s ready %5.2f s  cpu %5.2f s  RSS %4d MB  PSS %4d MB%n", round + 1,
                        variant.name().toLowerCase(), sample.readySeconds(), sample.cpuSeconds(),
                        sample.rssKb() / 1024, sample.pssKb() / 1024);
            }
        }
        return samples;
    }

    private Sample start(App app, Variant variant, TrialNetwork network, boolean rest) throws Exception {
        var launch = switch (variant) {
            case BEFORE -> new AotCache.Launch(app.cache().executableJar(), app.optionsBefore(), false);
            case PLAIN -> app.cache().launch(false);
            case CACHED -> app.cache().launch(true);
        };
        int port = TrialNetwork.freePort();
        var url = URI.create("http://" + TrialNetwork.HOST + ":" + port + app.readyPath());
        long startNanos = System.nanoTime();
        try (var process = ServiceProcess.start(app.name(), launch.jar(), launch.jvmOptions(), app.args().apply(port),
                Map.of(), repo, network.logs().resolve(app.name() + "-" + variant.name().toLowerCase() + ".log"))) {
            if (app.actuator()) {
                process.awaitReady(url, READY_TIMEOUT);
            } else {
                process.awaitOk(url, READY_TIMEOUT);
            }
            double ready = (System.nanoTime() - startNanos) / 1e9;
            double cpu = ProcessMemory.cpuSeconds(process.pid());
            if (!rest) {
                return new Sample(ready, cpu, 0, 0);
            }
            Thread.sleep(idle);
            var sample = new Sample(ready, cpu, ProcessMemory.rssKb(process.pid()), ProcessMemory.pssKb(process.pid()));
            process.stop(STOP_GRACE);
            return sample;
        }
    }

    private void printApp(String name, Map<Variant, List<Sample>> samples) {
        line("%-21s %-7s %17s %17s %17s %17s".formatted(name, "", "ready s", "cpu s", "RSS MB", "PSS MB"));
        samples.forEach((variant, list) -> line("%-21s %-7s %17s %17s %17s %17s".formatted("",
                variant.name().toLowerCase(),
                stat(list, Sample::readySeconds, 1, "%.2f"), stat(list, Sample::cpuSeconds, 1, "%.2f"),
                stat(list, sample -> sample.rssKb(), 1024, "%.0f"), stat(list, sample -> sample.pssKb(), 1024, "%.0f"))));
    }

    private void summary(Map<String, Map<Variant, List<Sample>>> results) {
        line("%-21s %12s %12s %14s %10s %14s %12s".formatted("ratios (medians)", "ready c/p", "ready c/b",
                "cached ready", "cpu c/p", "RSS c/p", "cached RSS"));
        results.forEach((name, samples) -> {
            double readyCached = median(samples.get(Variant.CACHED), Sample::readySeconds);
            double readyPlain = median(samples.get(Variant.PLAIN), Sample::readySeconds);
            double readyBefore = median(samples.get(Variant.BEFORE), Sample::readySeconds);
            double cpuCached = median(samples.get(Variant.CACHED), Sample::cpuSeconds);
            double cpuPlain = median(samples.get(Variant.PLAIN), Sample::cpuSeconds);
            double rssCached = median(samples.get(Variant.CACHED), sample -> sample.rssKb()) / 1024;
            double rssPlain = median(samples.get(Variant.PLAIN), sample -> sample.rssKb()) / 1024;
            double rssBefore = median(samples.get(Variant.BEFORE), sample -> sample.rssKb()) / 1024;
            line("%-21s %12.2f %12.2f %12.2f s %10.2f %14.2f %9.0f MB   (RSS before %.0f MB)".formatted(name,
                    readyCached / readyPlain, readyCached / readyBefore, readyCached, cpuCached / cpuPlain,
                    rssCached / rssPlain, rssCached, rssBefore));
        });
        line("c = cached (AOT cache, today's options), p = plain java -jar (today's options), b = before (java -jar, "
                + "the options before the caches)");
    }

    /** The launcher, on the stack's usual ports, with its caches and with --no-aot-cache, in turn. */
    private void stack(int stackRounds) throws Exception {
        line("");
        line("=== the whole local stack (java -jar deploy/local-stack/target/local-stack.jar), ready in ===");
        var times = new LinkedHashMap<String, List<Double>>();
        times.put("cached", new ArrayList<>());
        times.put("--no-aot-cache", new ArrayList<>());
        for (int round = 0; round < stackRounds; round++) {
            for (var mode : List.copyOf(times.keySet())) {
                double seconds = startStack(mode.equals("cached") ? List.of() : List.of("--no-aot-cache"));
                times.get(mode).add(seconds);
                System.out.printf("   stack round %d %-15s ready in %.1f s%n", round + 1, mode, seconds);
            }
        }
        times.forEach((mode, list) -> line("%-16s %s s  (%s)".formatted(mode,
                stat(list.stream().map(s -> new Sample(s, 0, 0, 0)).toList(), Sample::readySeconds, 1, "%.1f"),
                list.stream().map("%.1f"::formatted).toList())));
        line("ratio cached / --no-aot-cache (medians): %.2f".formatted(
                median(times.get("cached")) / median(times.get("--no-aot-cache"))));
    }

    private double startStack(List<String> flags) throws Exception {
        var command = new ArrayList<>(List.of(Jvm.javaExecutable().toString(), "-jar",
                repo.resolve("deploy/local-stack/target/local-stack.jar").toString()));
        command.addAll(flags);
        var log = out.resolve("stack-" + (flags.isEmpty() ? "cached" : "plain") + ".log");
        Files.createDirectories(out);
        var process = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             var writer = Files.newBufferedWriter(log)) {
            String lineRead;
            while ((lineRead = reader.readLine()) != null) {
                writer.write(lineRead);
                writer.newLine();
                var matcher = STACK_READY.matcher(lineRead);
                if (matcher.find()) {
                    process.destroy(); // SIGTERM: the launcher stops everything in order
                    process.waitFor(3, TimeUnit.MINUTES);
                    return Double.parseDouble(matcher.group(1));
                }
            }
        } finally {
            if (process.isAlive()) {
                process.destroy();
                process.waitFor(3, TimeUnit.MINUTES);
            }
        }
        throw new StackException("the local stack did not become ready; see " + log);
    }

    private static String stat(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value, double unit,
                               String format) {
        var values = samples.stream().mapToDouble(value).map(v -> v / unit).sorted().toArray();
        if (values.length == 0) {
            return "-";
        }
        return (format + " (" + format + "-" + format + ")").formatted(median(values), values[0],
                values[values.length - 1]);
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        return median(samples.stream().mapToDouble(value).sorted().toArray());
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private String commit() {
        try {
            var process = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(repo.toFile()).start();
            var text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor() == 0 ? text : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static String loadAverage() {
        try {
            var fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append(System.lineSeparator());
    }
}
