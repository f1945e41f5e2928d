package org.redciudades.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server in its own process: GreenMail behind a TCP door that can be shut, so that the services' SMTP
 * connections are refused (as by a mail server that is down) while what was received so far is kept. Only each
 * message's recipient, Message-ID and subject are kept, noted as it is delivered; the messages themselves are purged
 * every second (tens of thousands of them, with their QR codes, would not fit in memory).
 * {@code java ... MailServer <smtpPort> <controlPort>}; on the control port, {@code GET /messages} lists what arrived
 * (one line each: received at, recipients, Message-ID, subject, tab-separated), {@code POST /refuse} shuts the door and
 * {@code POST /accept} opens it again.
 */
public final class MailServer {

    private final GreenMail greenMail;
    private final int smtpPort;
    private final java.util.Queue<String> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile ServerSocket door;

    private MailServer(GreenMail greenMail, int smtpPort) {
        this.greenMail = greenMail;
        this.smtpPort = smtpPort;
    }

    public static void main(String[] args) throws Exception {
        int smtpPort = Integer.parseInt(args[0]);
        int controlPort = Integer.parseInt(args[1]);
        var greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        var server = new MailServer(greenMail, smtpPort);
        var users = greenMail.getUserManager();
        var sink = users.createUser("sink@localhost", "sink", "sink");
        users.setMessageDeliveryHandler((message, address) -> {
            server.received(message.getMessage(), address.getEmail());
            return sink;
        });
        Thread.ofPlatform().daemon().name("purge").start(() -> {
            while (true) {
                try {
                    Thread.sleep(1000);
                    greenMail.purgeEmailFromAllMailboxes();
                } catch (Exception e) {
                    System.out.println("purge failed: " + e);
                }
            }
        });
        server.accept();
        var http = HttpServer.create(new InetSocketAddress("127.0.0.1", controlPort), 0);
        http.createContext("/", server::handle);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        System.out.println("mail server: SMTP 127.0.0.1:" + smtpPort + " (GreenMail on "
                + greenMail.getSmtp().getPort() + "), control 127.0.0.1:" + controlPort);
    }

    private synchronized void accept() throws IOException {
        if (door != null) {
            return;
        }
        var socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("127.0.0.1", smtpPort), 256);
        door = socket;
        Thread.ofPlatform().daemon().name("smtp-door").start(() -> serve(socket));
    }

    private synchronized void refuse() throws IOException {
        if (door != null) {
            door.close();
            door = null;
        }
    }

    private void serve(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                var client = socket.accept();
                Thread.ofVirtual().start(() -> relay(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Pipes one client connection to GreenMail and back. */
    private void relay(Socket client) {
        try (client; var upstream = new Socket("127.0.0.1", greenMail.getSmtp().getPort())) {
            var back = Thread.ofVirtual().start(() -> pipe(upstream, client));
            pipe(client, upstream);
            back.join();
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            // closed by either end
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            String body;
            switch (exchange.getRequestMethod() + " " + path) {
                case "GET /messages" -> body = messages();
                case "POST /refuse" -> {
                    refuse();
                    body = "refusing\n";
                }
                case "POST /accept" -> {
                    accept();
                    body = "accepting\n";
                }
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
            }
            var bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** One line per recipient: received at, recipient, Message-ID, subject. */
    private void received(MimeMessage message, String recipient) {
        String line;
        try {
            line = System.currentTimeMillis() + "\t" + clean(recipient) + "\t" + clean(message.getMessageID()) + "\t"
                    + clean(message.getSubject());
        } catch (MessagingException e) {
            line = System.currentTimeMillis() + "\t" + clean(recipient) + "\t?\t(unreadable: "
                    + clean(e.getMessage()) + ")";
        }
        received.add(line);
    }

    private String messages() {
        var out = new StringBuilder();
        for (var line : received) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String clean(String value) {
        return value == null ? "" : value.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
