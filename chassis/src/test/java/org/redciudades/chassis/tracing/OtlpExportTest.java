package org.redciudades.chassis.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.envelope.Traceparent;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With an OTLP endpoint configured, the spans of a request reach it (here a minimal OTLP/HTTP receiver). */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.opentelemetry.tracing.export.schedule-delay=100ms")
@ContextConfiguration(initializers = RealInfrastructure.class)
class OtlpExportTest {

    record Export(String contentType, byte[] body) {
    }

    static final List<Export> RECEIVED = new CopyOnWriteArrayList<>();
    static final HttpServer COLLECTOR = collector();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void otlp(DynamicPropertyRegistry registry) {
        registry.add("management.opentelemetry.tracing.export.otlp.endpoint",
                () -> "http://127.0.0.1:" + COLLECTOR.getAddress().getPort() + "/v1/traces");
    }

    @AfterAll
    static void stopCollector() {
        COLLECTOR.stop(0);
    }

    @Test
    void the_spans_of_a_request_are_exported_to_the_configured_otlp_endpoint() {
        Traceparent caller = Traceparent.newRoot();
        var created = new ApiClient(port).send("POST", "/api/v1/notes", null, "application/json",
                "{\"text\": \"exported\"}".getBytes(StandardCharsets.UTF_8), Map.of("traceparent", caller.toString()));
        assertThat(created.statusCode()).isEqualTo(200);

        byte[] traceId = HexFormat.of().parseHex(caller.traceId());
        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVED.stream().anyMatch(e -> contains(e.body(), traceId)));
        assertThat(RECEIVED).allMatch(e -> e.contentType().startsWith("application/x-protobuf"));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                RECEIVED.add(new Export(String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                        exchange.getRequestBody().readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
