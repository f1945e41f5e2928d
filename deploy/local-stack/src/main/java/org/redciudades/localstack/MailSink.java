package org.redciudades.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * A development mail sink: GreenMail accepts every message on SMTP and keeps it in memory, and a small HTTP server
 * shows what arrived: {@code GET /} (HTML list), {@code GET /messages} (JSON), {@code GET /messages/{id}} and
 * {@code GET /messages/{id}/raw} (RFC 822 source).
 */
public final class MailSink implements AutoCloseable {

    private static final Pattern MESSAGE_PATH = Pattern.compile("/messages/(\\d+)(/raw)?");
    private static final DateTimeFormatter LIST_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received message, as shown over HTTP. */
    public record Mail(int id, Instant receivedAt, String from, String to, String subject, String text, String html,
                       MimeMessage source) {
    }

    private final GreenMail greenMail;
    private final HttpServer http;
    private final ExecutorService httpExecutor;
    /**
     * GreenMail stores one copy per recipient; copies share their Message-ID, which keys the ids shown here.
     * Ids are handed out in order of arrival, so they stay stable while the sink runs.
     */
    private final Map<Object, Integer> ids = new HashMap<>();

    private MailSink(GreenMail greenMail, HttpServer http, ExecutorService httpExecutor) {
        this.greenMail = greenMail;
        this.http = http;
        this.httpExecutor = httpExecutor;
    }

    /** Starts SMTP and HTTP on {@code host}; a port of 0 picks a free one. */
    public static MailSink start(String host, int smtpPort, int httpPort) throws IOException {
        var greenMail = new GreenMail(new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(host, httpPort), 0);
        } catch (IOException e) {
            greenMail.stop();
            throw e;
        }
        var executor = Executors.newVirtualThreadPerTaskExecutor();
        var sink = new MailSink(greenMail, http, executor);
        http.createContext("/", sink::handle);
        http.setExecutor(executor);
        http.start();
        return sink;
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public URI httpUrl() {
        var address = http.getAddress();
        return URI.create("http://" + address.getHostString() + ":" + address.getPort());
    }

    /** Received messages, newest first. */
    public synchronized List<Mail> messages() {
        var stored = new ArrayList<>(greenMail.getManagers().getImapHostManager().getAllMessages());
        stored.sort(Comparator.comparing(StoredMessage::getReceivedDate));
        var byId = new HashMap<Integer, Mail>();
        for (var message : stored) {
            int id = ids.computeIfAbsent(identity(message), k -> ids.size() + 1);
            byId.computeIfAbsent(id, k -> toMail(k, message));
        }
        return byId.values().stream().sorted(Comparator.comparingInt(Mail::id).reversed()).toList();
    }

    public Optional<Mail> message(int id) {
        return messages().stream().filter(mail -> mail.id() == id).findFirst();
    }

    /** The Message-ID, shared by the copies of one message; the stored copy itself when there is none. */
    private static Object identity(StoredMessage message) {
        try {
            var messageId = message.getMimeMessage().getMessageID();
            return messageId != null ? messageId : message;
        } catch (MessagingException e) {
            return message;
        }
    }

    private static Mail toMail(int id, StoredMessage stored) {
        var message = stored.getMimeMessage();
        try {
            var bodies = new String[2]; // text/plain, text/html
            collectBodies(message, bodies);
            return new Mail(id, stored.getReceivedDate().toInstant(), addresses(message.getFrom()),
                    addresses(message.getRecipients(Message.RecipientType.TO)), message.getSubject(),
                    bodies[0], bodies[1], message);
        } catch (MessagingException | IOException e) {
            return new Mail(id, stored.getReceivedDate().toInstant(), null, null,
                    "(unreadable message: " + e.getMessage() + ")", null, null, message);
        }
    }

    /** The first inline text/plain and text/html parts, decoded with their charset. */
    private static void collectBodies(Part part, String[] bodies) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = part.getContent().toString();
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = part.getContent().toString();
        } else if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collectBodies(multipart.getBodyPart(i), bodies);
            }
        }
    }

    private static String addresses(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        return Arrays.stream(addresses)
                .map(address -> address instanceof InternetAddress internet ? internet.toUnicodeString()
                        : address.toString())
                .collect(Collectors.joining(", "));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "Only GET is supported");
                return;
            }
            var path = exchange.getRequestURI().getPath();
            var messagePath = MESSAGE_PATH.matcher(path);
            if (path.equals("/")) {
                send(exchange, 200, "text/html", html(messages()));
            } else if (path.equals("/messages")) {
                send(exchange, 200, "application/json",
                        JSON.createArrayNode().addAll(messages().stream().map(MailSink::json).toList()).toString());
            } else if (messagePath.matches()) {
                var mail = message(Integer.parseInt(messagePath.group(1)));
                if (mail.isEmpty()) {
                    send(exchange, 404, "text/plain", "No message " + messagePath.group(1));
                } else if (messagePath.group(2) != null) {
                    send(exchange, 200, "text/plain", raw(mail.get()));
                } else {
                    send(exchange, 200, "application/json", json(mail.get()).toString());
                }
            } else {
                send(exchange, 404, "text/plain", "Not found");
            }
        } catch (RuntimeException | MessagingException e) {
            send(exchange, 500, "text/plain", "Error: " + e);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String raw(Mail mail) throws MessagingException, IOException {
        var out = new ByteArrayOutputStream();
        mail.source().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ObjectNode json(Mail mail) {
        return JSON.createObjectNode().put("id", mail.id()).put("from", mail.from()).put("to", mail.to())
                .put("subject", mail.subject()).put("receivedAt", mail.receivedAt().toString())
                .put("text", mail.text()).put("html", mail.html());
    }

    private String html(List<Mail> mails) {
        var rows = new StringBuilder();
        for (var mail : mails) {
            rows.append("<tr><td>").append(Html.escape(LIST_DATE.format(mail.receivedAt())))
                    .append("</td><td>").append(Html.escape(mail.from()))
                    .append("</td><td>").append(Html.escape(mail.to()))
                    .append("</td><td><a href=\"/messages/").append(mail.id()).append("\">")
                    .append(Html.escape(mail.subject() == null ? "(no subject)" : mail.subject()))
                    .append("</a></td><td><a href=\"/messages/").append(mail.id()).append("/raw\">raw</a></td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta http-equiv="refresh" content="10">
                <title>Local mail sink</title>
                <style>
                body { font-family: sans-serif; margin: 2em; }
                table { border-collapse: collapse; width: 100%%; }
                th, td { text-align: left; padding: .3em .6em; border-bottom: 1px solid #ddd; }
                </style>
                </head>
                <body>
                <h1>Local mail sink</h1>
                <p>%d message(s) received on SMTP port %d since the stack started. Newest first; JSON at <a href="/messages">/messages</a>.</p>
                <table>
                <tr><th>Received</th><th>From</th><th>To</th><th>Subject</th><th></th></tr>
                %s</table>
                </body>
                </html>
                """.formatted(mails.size(), smtpPort(), rows);
    }

    @Override
    public void close() {
        http.stop(0);
        httpExecutor.close();
        greenMail.stop();
    }
}
