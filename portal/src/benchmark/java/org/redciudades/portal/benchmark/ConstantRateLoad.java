package org.redciudades.portal.benchmark;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import org.redciudades.chassis.testing.benchmark.HttpConnection;

/**
 * The end-to-end benchmark's load generator, run in a JVM of its own ({@link #main}) so that it shares no process
 * with the services it loads. Open loop: the i-th request is due at {@code start + i / rate}, and is sent then
 * whether or not the earlier ones have been answered, as people arrive whatever the service is doing. So a slow
 * answer delays no later request, and a latency measured from the due time includes any wait the service caused
 * (no coordinated omission).
 *
 * <ul>
 *   <li>{@code http <base-url> <requests> <rate> <answers>}: each line of the requests file is
 *       {@code path TAB bearer-token TAB json-body}, posted on a virtual thread of its own over a keep-alive
 *       HTTP/1.1 connection ({@link HttpConnection}, plain sockets, every request encoded before the clock starts): the
 *       one used last if one is idle, else a new one, so as many connections as requests in flight. Each answer is written as one line,
 *       in request order: {@code status TAB due TAB answered TAB nanos-from-due TAB body}.</li>
 *   <li>{@code smtp <host> <port> <message.eml> <recipients> <rate> <sent>}: a plain JavaMail sender, the
 *       baseline: the message, as the service sent it, to each recipient (envelope) in turn over one SMTP
 *       connection, one at a time, each when it is due or at once if late. Each line written is
 *       {@code recipient TAB due TAB sent TAB nanos-the-send-took}.</li>
 * </ul>
 * Instants are wall-clock times, which the benchmark compares with the SMTP server's and the service's, all
 * on this machine's clock.
 */
public final class ConstantRateLoad {

    /** Connections idle longer than this are not reused: well under Tomcat's keep-alive time-out. */
    private static final long IDLE_LIMIT_NANOS = 5_000_000_000L;

    private ConstantRateLoad() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "http" -> http(URI.create(args[1]), Path.of(args[2]), Double.parseDouble(args[3]), Path.of(args[4]));
            case "smtp" -> smtp(args[1], Integer.parseInt(args[2]), Path.of(args[3]), Path.of(args[4]),
                    Double.parseDouble(args[5]), Path.of(args[6]));
            default -> throw new IllegalArgumentException("http or smtp, not " + args[0]);
        }
    }

    private static void http(URI base, Path requestsFile, double rate, Path answersFile) throws Exception {
        String host = base.getHost();
        int port = base.getPort();
        List<byte[]> requests = Files.readAllLines(requestsFile, StandardCharsets.UTF_8).stream()
                .map(line -> line.split("\t", 3))
                .map(request -> HttpConnection.post(host, port, request[0], request[1], request[2])).toList();
        int n = requests.size();
        String[] answers = new String[n];
        Deque<Idle> idle = new ConcurrentLinkedDeque<>();
        long lateBy = 0;
        Instant startWall = Instant.now();
        long start = System.nanoTime() + 50_000_000;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long due = start + (long) (i * 1e9 / rate);
                lateBy = Math.max(lateBy, waitUntil(due));
                byte[] request = requests.get(i);
                int index = i;
                Instant dueWall = startWall.plusNanos(due - start + 50_000_000);
                senders.submit(() -> {
                    HttpConnection connection = take(idle);
                    int status;
                    String body;
                    try {
                        if (connection == null) {
                            connection = new HttpConnection(host, port);
                        }
                        HttpConnection.Response response = connection.exchange(request);
                        status = response.status();
                        body = response.body();
                        if (response.closed()) {
                            connection.close();
                        } else {
                            idle.push(new Idle(connection, System.nanoTime()));
                        }
                    } catch (IOException | RuntimeException e) {   // a malformed answer counts as none
                        status = -1;
                        body = e.toString();
                        if (connection != null) {
                            connection.close();
                        }
                    }
                    long took = System.nanoTime() - due;
                    answers[index] = String.join("\t", Integer.toString(status), dueWall.toString(),
                            Instant.now().toString(), Long.toString(took), body.replaceAll("[\t\r\n]", " "));
                });
            }
        }
        idle.forEach(connection -> connection.connection().close());
        try (BufferedWriter out = Files.newBufferedWriter(answersFile, StandardCharsets.UTF_8)) {
            for (String answer : answers) {
                out.write(answer);
                out.newLine();
            }
        }
        System.out.printf("sent %d requests at %.0f/s; the sender was at most %.1f ms behind schedule%n",
                n, rate, lateBy / 1e6);
    }

    /** An open connection no request is using, and since when. */
    private record Idle(HttpConnection connection, long since) {
    }

    /**
     * The connection used last, if it has been idle for less than {@link #IDLE_LIMIT_NANOS} (the server may have
     * closed an older one); older ones are closed. Null if none is left: the caller opens one.
     */
    private static HttpConnection take(Deque<Idle> idle) {
        for (Idle candidate = idle.pollFirst(); candidate != null; candidate = idle.pollFirst()) {
            if (System.nanoTime() - candidate.since() < IDLE_LIMIT_NANOS) {
                return candidate.connection();
            }
            candidate.connection().close();
        }
        return null;
    }

    private static void smtp(String host, int port, Path eml, Path recipientsFile, double rate, Path sentFile)
            throws Exception {
        Properties settings = new Properties();
        settings.put("mail.smtp.host", host);
        settings.put("mail.smtp.port", Integer.toString(port));
        Session session = Session.getInstance(settings);
        MimeMessage message;
        try (InputStream in = Files.newInputStream(eml)) {
            message = new MimeMessage(session, in);
        }
        List<String> recipients = Files.readAllLines(recipientsFile, StandardCharsets.UTF_8);
        String[] lines = new String[recipients.size()];
        long lateBy = 0;
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            Instant startWall = Instant.now();
            long start = System.nanoTime() + 50_000_000;
            for (int i = 0; i < recipients.size(); i++) {
                long due = start + (long) (i * 1e9 / rate);
                lateBy = Math.max(lateBy, waitUntil(due));
                long began = System.nanoTime();
                Instant sentWall = Instant.now();
                transport.sendMessage(message, new Address[] {new InternetAddress(recipients.get(i))});
                lines[i] = String.join("\t", recipients.get(i), startWall.plusNanos(due - start + 50_000_000).toString(),
                        sentWall.toString(), Long.toString(System.nanoTime() - began));
            }
        }
        Files.write(sentFile, List.of(lines), StandardCharsets.UTF_8);
        System.out.printf("sent %d emails at %.0f/s; the sender was at most %.1f ms behind schedule%n",
                recipients.size(), rate, lateBy / 1e6);
    }

    /** Parks until {@code due} (a {@link System#nanoTime()}); returns how late it already was, in nanoseconds. */
    private static long waitUntil(long due) {
        long now;
        while ((now = System.nanoTime()) < due) {
            LockSupport.parkNanos(due - now);
        }
        return now - due;
    }
}
