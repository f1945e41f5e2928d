package org.redciudades.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.redciudades.chassis.testing.FreePorts.freePort;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's pieces on free ports and in a temporary state directory, so they can run beside a local stack. */
class InfraPiecesTest {

    private static final String HOST = "127.0.0.1";
    private static final String GREETING = "Bienvenida a la Red — Torreón";

    @TempDir
    Path state;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void postgresCreatesItsDatabaseOnceAndKeepsTheDataAcrossRestarts() throws Exception {
        var spec = new PostgresInstances.Spec("membership", freePort(), "membership");
        Path dataDirectory;
        try (var postgres = new PostgresInstances(state.resolve("pg"), state.resolve("logs"))) {
            var instance = postgres.start(spec);
            assertThat(instance.createdDatabase()).isTrue();
            execute(instance.jdbcUrl(), "CREATE TABLE city (name text)", "INSERT INTO city VALUES ('Torreón')");
        }

        try (var postgres = new PostgresInstances(state.resolve("pg"), state.resolve("logs"))) {
            var instance = postgres.start(spec);
            assertThat(instance.createdDatabase()).isFalse();
            assertThat(instance.postmasterPid()).isPositive();
            dataDirectory = instance.dataDirectory();
            try (var connection = DriverManager.getConnection(instance.jdbcUrl(), PostgresInstances.USER,
                    PostgresInstances.PASSWORD);
                 var rows = connection.createStatement().executeQuery("SELECT name FROM city")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Torreón");
            }
        }
        assertThat(dataDirectory.resolve("postmaster.pid")).as("removed by a clean shutdown").doesNotExist();
    }

    private static void execute(String jdbcUrl, String... statements) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl, PostgresInstances.USER, PostgresInstances.PASSWORD);
             var statement = connection.createStatement()) {
            for (var sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void mailSinkShowsWhatArrivedOnSmtp() throws Exception {
        try (var sink = MailSink.start(HOST, freePort(), freePort())) {
            send(sink.smtpPort());

            var list = get(sink.httpUrl().resolve("/messages"));
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            assertThat(list.body())
                    .startsWith("[{\"id\":1,")
                    .contains("\"subject\":\"" + GREETING + "\"")
                    .contains("\"to\":\"alcaldia@torreon.example, prensa@torreon.example\"")
                    .contains("\"text\":\"¡Hola, Torreón!\\r\\n<b>texto</b>\"") // SMTP line ends
                    .contains("\"html\":\"<p>¡Hola, <b>Torreón</b>!</p>\"")
                    .containsOnlyOnce("\"id\":"); // one message with two recipients is listed once

            assertThat(get(sink.httpUrl().resolve("/messages/1")).body()).contains(GREETING);
            assertThat(get(sink.httpUrl().resolve("/messages/1/raw")).body())
                    .contains("Subject: =?UTF-8?Q?Bienvenida_a_la_Red_=E2=80=94_Torre=C3=B3n?=");
            assertThat(get(sink.httpUrl().resolve("/")).body())
                    .contains("<meta charset=\"utf-8\">")
                    .contains("<a href=\"/messages/1\">" + GREETING + "</a>")
                    .contains("<td>Red de Ciudades &lt;no-reply@redciudades.org&gt;</td>");
            assertThat(get(sink.httpUrl().resolve("/messages/2")).statusCode()).isEqualTo(404);
        }
    }

    private static void send(int smtpPort) throws Exception {
        var properties = new Properties();
        properties.put("mail.smtp.host", HOST);
        properties.put("mail.smtp.port", Integer.toString(smtpPort));
        var message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("no-reply@redciudades.org", "Red de Ciudades", "UTF-8"));
        message.setRecipients(Message.RecipientType.TO, "alcaldia@torreon.example, prensa@torreon.example");
        message.setSubject(GREETING, "UTF-8");
        var text = new MimeBodyPart();
        text.setText("¡Hola, Torreón!\n<b>texto</b>", "UTF-8");
        var html = new MimeBodyPart();
        html.setContent("<p>¡Hola, <b>Torreón</b>!</p>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        Transport.send(message);
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBusyPortIsReportedWithTheProcessThatHoldsIt() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            int port = socket.getLocalPort();
            assertThatThrownBy(() -> Ports.requireFree(HOST, port, "Kafka broker"))
                    .isInstanceOf(StackException.class)
                    .hasMessageStartingWith("port " + port + " (Kafka broker) is busy, used by pid "
                            + ProcessHandle.current().pid() + " (")
                    .hasMessageEndingWith("): is another stack running?");
        }
    }
}
