package org.redciudades.identity.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Other modules put the thin jar on their classpath without its dependencies, next to their own Jackson: this package
 * may use the JDK and Jackson only.
 */
class ClientPackageDependenciesTest {

    static final Path SOURCES = Path.of("src/main/java/org/redciudades/identity/client");

    @Test
    void the_client_package_imports_nothing_but_the_jdk_and_jackson() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            var imports = files.flatMap(ClientPackageDependenciesTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .toList();
            assertThat(imports).isNotEmpty().allSatisfy(line -> assertThat(line)
                    .matches("import (static )?(java|javax\\.net|tools\\.jackson)\\..*;"));
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
