package org.redciudades.events.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redciudades.chassis.testing.benchmark.HttpConnection;

/**
 * The registration benchmark's load generator, in a JVM of its own so that the service's JVM does not pay
 * for it ({@link RegistrationBurstBenchmark} starts it with the test classpath). Arguments: the service's
 * host and port, and the number of requests in flight.
 *
 * <p>It reads one request file name per line on its standard input; each file holds one request a line,
 * {@code path TAB bearer-token TAB json-body}. For each file it sends every request over keep-alive
 * HTTP/1.1 connections, one per worker (virtual threads, as many as requests in flight), each sending its
 * next request as soon as its previous one is answered, and prints, on its standard output, one line per
 * request, {@code request <index> <HTTP status, -1 for none> <latency in ns> <the body's "status", or ->},
 * the bodies of the first few failures ({@code failure <index> <body>}), then
 * {@code burst <wall-clock ns> <this process's CPU ns>} and {@code done}. It ends when its input does.
 *
 * <p>It speaks HTTP/1.1 itself over plain sockets ({@link HttpConnection}), with every request encoded before the
 * clock starts, as {@code pgbench}, the baseline, is a lean C client.
 */
public final class RegistrationLoad {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final int FAILURES_SHOWN = 3;

    private RegistrationLoad() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String file = commands.readLine(); file != null; file = commands.readLine()) {
            List<byte[]> requests = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8).stream()
                    .map(line -> line.split("\t", 3))
                    .map(request -> HttpConnection.post(host, port, request[0], request[1], request[2]))
                    .toList();
            burst(host, port, requests, concurrency, out);
            out.println("done");
            out.flush();
        }
    }

    private static void burst(String host, int port, List<byte[]> requests, int concurrency, PrintStream out)
            throws InterruptedException {
        int n = requests.size();
        long[] latencies = new long[n];
        int[] statuses = new int[n];
        String[] bodies = new String[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        long cpuBefore = processCpuNanos();
        long began;
        long ended;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                workers.submit(() -> {
                    HttpConnection connection = null;
                    start.await();
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        try {
                            if (connection == null) {
                                connection = new HttpConnection(host, port);
                            }
                            HttpConnection.Response response = connection.exchange(requests.get(i));
                            statuses[i] = response.status();
                            bodies[i] = response.body();
                            if (response.closed()) {
                                connection.close();
                                connection = null;
                            }
                        } catch (IOException e) {
                            statuses[i] = -1;
                            bodies[i] = e.toString();
                            if (connection != null) {
                                connection.close();
                                connection = null;
                            }
                        }
                        latencies[i] = System.nanoTime() - sent;
                    }
                    if (connection != null) {
                        connection.close();
                    }
                    return null;
                });
            }
            began = System.nanoTime();
            start.countDown();
            workers.shutdown();
            workers.awaitTermination(30, TimeUnit.MINUTES);
            ended = System.nanoTime();
        }
        long cpu = processCpuNanos() - cpuBefore;
        int failuresShown = 0;
        for (int i = 0; i < n; i++) {
            Matcher status = STATUS.matcher(bodies[i] == null ? "" : bodies[i]);
            out.println("request " + i + " " + statuses[i] + " " + latencies[i] + " " + (status.find() ? status.group(1) : "-"));
            if (statuses[i] != 201 && failuresShown++ < FAILURES_SHOWN) {
                out.println("failure " + i + " " + String.valueOf(bodies[i]).replaceAll("\\s+", " "));
            }
        }
        out.println("burst " + (ended - began) + " " + cpu);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
