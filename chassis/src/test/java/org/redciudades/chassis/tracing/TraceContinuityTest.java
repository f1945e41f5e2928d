package org.redciudades.chassis.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.redciudades.chassis.testing.KafkaTopics.header;
import static org.redciudades.chassis.testing.KafkaTopics.readUntil;
import static org.redciudades.chassis.testing.KafkaTopics.text;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.envelope.Traceparent;
import org.redciudades.chassis.sample.SampleApplication;
import org.redciudades.chassis.testing.ApiClient;
import org.redciudades.chassis.testing.RealInfrastructure;
import org.redciudades.chassis.testing.StructuredLogs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A caller's trace continues through every asynchronous hop: the HTTP request, the outbox row, the relay's
 * publish, the Kafka record and the consumer that handles it, whose JSON log lines carry the trace id.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = RealInfrastructure.class)
@StructuredLogs
class TraceContinuityTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void the_callers_trace_id_reaches_the_published_record_and_the_consumers_log_lines(CapturedOutput output) {
        Traceparent caller = Traceparent.newRoot();
        var created = new ApiClient(port).send("POST", "/api/v1/notes", null, "application/json",
                "{\"text\": \"traced\"}".getBytes(StandardCharsets.UTF_8), Map.of("traceparent", caller.toString()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String noteId = JSON.readTree(created.body()).get("id").asString();

        ConsumerRecord<byte[], byte[]> published = readUntil(RealInfrastructure.kafkaBrokers(), "sample.note",
                Duration.ofSeconds(30), read -> read.stream().anyMatch(r -> noteId.equals(text(r.key()))))
                .stream().filter(r -> noteId.equals(text(r.key()))).findFirst().orElseThrow();
        Traceparent onTheWire = Traceparent.parse(header(published, "traceparent"));
        assertThat(onTheWire.traceId()).isEqualTo(caller.traceId());
        assertThat(onTheWire.spanId()).as("the relay's own span is the parent").isNotEqualTo(caller.spanId());

        await().atMost(Duration.ofSeconds(30)).until(() -> applyingLine(output, noteId) != null);
        JsonNode line = applyingLine(output, noteId);
        assertThat(line.get("traceId").asString()).isEqualTo(caller.traceId());
        assertThat(line.get("spanId").asString()).isNotIn(caller.spanId(), onTheWire.spanId());
    }

    @Test
    void spans_leave_the_process_only_when_an_otlp_endpoint_is_configured() {
        assertThat(context.getBeanNamesForType(SpanExporter.class))
                .as("span exporters without management.opentelemetry.tracing.export.otlp.endpoint").isEmpty();
    }

    private static JsonNode applyingLine(CapturedOutput output, String noteId) {
        return output.getOut().lines()
                .filter(line -> line.startsWith("{") && line.contains("Applying note " + noteId))
                .map(JSON::readTree).findFirst().orElse(null);
    }
}
