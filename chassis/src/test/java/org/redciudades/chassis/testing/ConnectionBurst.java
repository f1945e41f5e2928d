package org.redciudades.chassis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Many clients that each open a new TCP connection at the same moment, send one HTTP/1.1 request on it
 * ({@code Connection: close}) and read the answer to its end: what a crowd opening the same page does.
 * Plain sockets rather than an HTTP client, so that each request has a connection of its own and every
 * way of not being answered (reset, refused, timed out) is told apart.
 *
 * <p>Used in a test's own JVM, or as a separate process ({@link #main}) so that the load generator does not
 * share the service's JVM: requests are read from a file, one per line ({@code method TAB path TAB token TAB
 * headers TAB body}, the headers as {@code name: value} joined by {@code |}), and the answers written to another
 * ({@link Answer#line()}).
 */
public final class ConnectionBurst {

    private static final int MAX_BODY = 64 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    /** One request: a null token sends no Authorization header, a null body none. */
    public record Request(String method, String path, String token, Map<String, String> headers, String body) {

        public static Request post(String path, String token, String json) {
            return new Request("POST", path, token, Map.of(), json);
        }

        /** The same request with one more header. */
        public Request with(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Request(method, path, token, more, body);
        }

        String line() {
            return String.join("\t", method, path, token == null ? "" : token,
                    String.join("|", headers.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).toList()),
                    body == null ? "" : body);
        }

        static Request parse(String line) {
            String[] parts = line.split("\t", 5);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header : parts[3].isEmpty() ? new String[0] : parts[3].split("\\|")) {
                headers.put(header.substring(0, header.indexOf(':')), header.substring(header.indexOf(':') + 1).strip());
            }
            return new Request(parts[0], parts[1], parts[2].isEmpty() ? null : parts[2], headers,
                    parts.length < 5 || parts[4].isEmpty() ? null : parts[4]);
        }

        byte[] bytes(String host, int port) {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder()
                    .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(':').append(port).append("\r\n")
                    .append("Connection: close\r\n")
                    .append("Accept: application/json, application/problem+json\r\n");
            if (token != null) {
                head.append("Authorization: Bearer ").append(token).append("\r\n");
            }
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null) {
                head.append("Content-Type: application/json\r\n");
            }
            head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] all = new byte[start.length + content.length];
            System.arraycopy(start, 0, all, 0, start.length);
            System.arraycopy(content, 0, all, start.length, content.length);
            return all;
        }
    }

    /** How a request ended: with an HTTP answer, or without one. */
    public enum Outcome { ANSWERED, RESET, REFUSED, TIMED_OUT, FAILED }

    /**
     * What one request got, and how long it took from opening the connection to the answer's last byte.
     * {@code status} is 0 unless answered; {@code error} says why not.
     */
    public record Answer(Outcome outcome, int status, long nanos, String retryAfter, String contentType, String body,
                         String error) {

        public boolean answered() {
            return outcome == Outcome.ANSWERED;
        }

        public String line() {
            return String.join("\t", outcome.name(), Integer.toString(status), Long.toString(nanos),
                    clean(retryAfter), clean(contentType), clean(body), clean(error));
        }

        static Answer parse(String line) {
            String[] p = line.split("\t", -1);
            return new Answer(Outcome.valueOf(p[0]), Integer.parseInt(p[1]), Long.parseLong(p[2]), blankToNull(p[3]),
                    blankToNull(p[4]), blankToNull(p[5]), blankToNull(p[6]));
        }

        @Override
        public String toString() {
            return answered() ? status + " " + (body == null ? "" : body) : outcome + " " + error;
        }
    }

    private ConnectionBurst() {
    }

    /**
     * Opens one connection per request, all at once (each on a virtual thread that waits for the same start
     * signal), and returns the answers in the order of the requests. {@code timeout} bounds connecting and
     * each wait for data.
     */
    public static List<Answer> fire(String host, int port, List<Request> requests, Duration timeout) {
        List<byte[]> prepared = requests.stream().map(request -> request.bytes(host, port)).toList();
        Answer[] answers = new Answer[prepared.size()];
        CountDownLatch ready = new CountDownLatch(prepared.size());
        CountDownLatch start = new CountDownLatch(1);
        InetSocketAddress address = new InetSocketAddress(host, port);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < prepared.size(); i++) {
                int index = i;
                clients.submit(() -> {
                    ready.countDown();
                    start.await();
                    answers[index] = send(address, prepared.get(index), timeout);
                    return null;
                });
            }
            ready.await();
            start.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return List.of(answers);
    }

    private static Answer send(InetSocketAddress address, byte[] request, Duration timeout) {
        long began = System.nanoTime();
        int millis = (int) timeout.toMillis();
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(millis);
            socket.connect(address, millis);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            byte[] response = readAll(socket.getInputStream());
            return parse(response, System.nanoTime() - began);
        } catch (ConnectException e) {
            return failed(Outcome.REFUSED, began, e);
        } catch (SocketTimeoutException e) {
            return failed(Outcome.TIMED_OUT, began, e);
        } catch (SocketException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return failed(message.contains("reset") || message.contains("broken pipe") ? Outcome.RESET : Outcome.FAILED,
                    began, e);
        } catch (IOException | RuntimeException e) {
            return failed(Outcome.FAILED, began, e);
        }
    }

    private static Answer failed(Outcome outcome, long began, Exception e) {
        return new Answer(outcome, 0, System.nanoTime() - began, null, null, null, e.toString());
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (all.size() < MAX_BODY) {
                all.write(buffer, 0, n);
            }
        }
        return all.toByteArray();
    }

    /** The status line, two headers and the body of a complete response; an empty one is a reset. */
    private static Answer parse(byte[] response, long nanos) {
        int end = indexOf(response, CRLF_CRLF, 0);
        String head = end < 0 ? "" : new String(response, 0, end, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 ")) {
            return new Answer(response.length == 0 ? Outcome.RESET : Outcome.FAILED, 0, nanos, null, null, null,
                    response.length == 0 ? "closed without an answer"
                            : "not an HTTP answer: " + new String(response, StandardCharsets.ISO_8859_1));
        }
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        String retryAfter = null;
        String contentType = null;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = colon < 0 ? "" : lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : lines[i].substring(colon + 1).trim();
            switch (name) {
                case "retry-after" -> retryAfter = value;
                case "content-type" -> contentType = value;
                case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                default -> { }
            }
        }
        byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
        return new Answer(Outcome.ANSWERED, status, nanos, retryAfter, contentType,
                new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8), null);
    }

    /** The content of a chunked body, without its chunk sizes. */
    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, CRLF, at);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            if (length == 0) {
                break;
            }
            content.write(body, lineEnd + 2, Math.min(length, body.length - lineEnd - 2));
            at = lineEnd + 2 + length + 2;
        }
        return content.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] sought, int from) {
        outer:
        for (int i = from; i <= bytes.length - sought.length; i++) {
            for (int j = 0; j < sought.length; j++) {
                if (bytes[i + j] != sought[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("[\\t\\r\\n]+", " ");
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    /** Writes the requests for {@link #main} to read. */
    public static void writeRequests(Path file, List<Request> requests) throws IOException {
        Files.write(file, requests.stream().map(Request::line).toList(), StandardCharsets.UTF_8);
    }

    public static List<Answer> readAnswers(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(Answer::parse).toList();
    }

    /**
     * {@code host port requests-file answers-file timeout-seconds}: fires the requests of the file as one
     * burst and writes one answer a line, in the same order.
     */
    public static void main(String[] args) throws IOException {
        List<Request> requests = Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).map(Request::parse).toList();
        List<Answer> answers = fire(args[0], Integer.parseInt(args[1]), requests,
                Duration.ofSeconds(Long.parseLong(args[4])));
        List<String> lines = new ArrayList<>();
        answers.forEach(answer -> lines.add(answer.line()));
        Files.write(Path.of(args[3]), lines, StandardCharsets.UTF_8);
    }
}
