package org.redciudades.chassis.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.redciudades.chassis.testing.Contracts;

/** The contract between services: every schema in {@code contracts/} has an example that it accepts, and is listed in the AsyncAPI document. */
class ContractExamplesTest {

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
    void the_asyncapi_document_refers_to_every_schema() throws IOException {
        String asyncapi = Files.readString(Contracts.directory().resolve("asyncapi.yaml"));

        assertThat(names("schemas", ".schema.json"))
                .allSatisfy(type -> assertThat(asyncapi).contains("schemas/" + type + ".schema.json"));
    }

    private static List<String> names(String folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Contracts.directory().resolve(folder))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        }
    }
}
