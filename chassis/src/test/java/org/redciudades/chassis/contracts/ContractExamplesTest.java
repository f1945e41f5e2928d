package org.redciudades.chassis.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.AsyncApiDocument;
import org.redciudades.chassis.testing.AsyncApiDocument.Message;
import org.redciudades.chassis.testing.AsyncApiDocument.Operation;
import org.redciudades.chassis.testing.Contracts;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The contract between services: every schema in {@code contracts/} has an example that it accepts, and
 * is the payload of one message of the AsyncAPI document, published by one send operation.
 */
class ContractExamplesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void every_schema_has_an_example_that_conforms_to_it_and_every_example_has_a_schema() throws IOException {
        List<String> schemaTypes = names("schemas", ".schema.json");
        List<String> exampleTypes = names("examples", ".json");

        assertThat(exampleTypes).containsExactlyInAnyOrderElementsOf(schemaTypes);
        for (String type : schemaTypes) {
            Contracts.assertConforms(type, Contracts.example(type));
        }
    }

    @Test
    void a_payload_whose_field_breaks_its_format_does_not_conform() {
        String type = "org.redciudades.membership.member.suspended.v1";
        ObjectNode payload = (ObjectNode) JSON.readTree(Contracts.example(type));
        payload.put("memberId", "not-a-uuid");

        assertThatThrownBy(() -> Contracts.assertConforms(type, payload.toString()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("/memberId: does not match the uuid pattern");
    }

    @Test
    void the_asyncapi_document_has_one_message_per_schema_whose_payload_headers_and_examples_are_of_that_type()
            throws IOException {
        List<Message> messages = AsyncApiDocument.read().messages();

        assertThat(messages).extracting(Message::type)
                .containsExactlyInAnyOrderElementsOf(names("schemas", ".schema.json"));
        assertThat(messages).allSatisfy(message -> {
            assertThat(message.payload()).as(message.id()).isEqualTo("./schemas/" + message.type() + ".schema.json");
            assertThat(message.headerType()).as(message.id()).isEqualTo(message.type());
            assertThat(message.exampleTypes()).as(message.id()).isNotEmpty().containsOnly(message.type());
        });
    }

    @Test
    void every_event_type_is_published_by_exactly_one_send_operation() throws IOException {
        List<String> sent = AsyncApiDocument.read().operations().stream()
                .filter(operation -> operation.action().equals("send"))
                .flatMap(operation -> operation.types().stream()).toList();

        assertThat(sent).containsExactlyInAnyOrderElementsOf(names("schemas", ".schema.json"));
    }

    /** A receive operation is checked against the service its x-service names, so a misspelt name would hide it. */
    @Test
    void every_receive_operation_names_a_service_that_publishes_on_the_platform() {
        List<Operation> operations = AsyncApiDocument.read().operations();
        Set<String> services = operations.stream().filter(operation -> operation.action().equals("send"))
                .map(Operation::service).collect(Collectors.toSet());

        assertThat(operations).filteredOn(operation -> operation.action().equals("receive"))
                .isNotEmpty()
                .allSatisfy(operation -> assertThat(operation.service()).as(operation.id()).isIn(services));
    }

    private static List<String> names(String folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Contracts.directory().resolve(folder))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        }
    }
}
