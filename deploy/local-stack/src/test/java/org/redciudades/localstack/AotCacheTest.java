package org.redciudades.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC");

    @TempDir
    Path target;

    @Test
    void anApplicationStartsFromItsExtractedJarWithTheCacheTheBuildTrainedForIt() throws IOException {
        var cache = trainedCache(Map.of("BOOT-INF/classes/App.class", "v1"));

        var launch = cache.launch(true);

        assertThat(launch.cached()).isTrue();
        assertThat(launch.jar()).isEqualTo(target.resolve("aot/app.jar"));
        assertThat(launch.jvmOptions()).containsExactly("-XX:+UseSerialGC",
                "-XX:AOTCache=" + target.resolve("aot/app.aot"));
    }

    @Test
    void aRebuildOfTheSameCodeKeepsItsCacheThoughTheBuildTimeChanges() throws IOException {
        var cache = trainedCache(Map.of("BOOT-INF/classes/App.class", "v1",
                "META-INF/build-info.properties", "build.time=2026-11-26T10:00:00Z"));

        writeJar(target.resolve("app.jar"), Map.of("BOOT-INF/classes/App.class", "v1",
                "META-INF/build-info.properties", "build.time=2026-11-26T11:00:00Z"));

        assertThat(cache.isCurrent()).isTrue();
    }

    @Test
    void onceTheCodeChangesTheApplicationStartsFromItsExecutableJarUntilTheCacheIsTrainedAgain()
            throws IOException {
        var cache = trainedCache(Map.of("BOOT-INF/classes/App.class", "v1"));

        writeJar(target.resolve("app.jar"), Map.of("BOOT-INF/classes/App.class", "v2"));
        var launch = cache.launch(true);

        assertThat(cache.isCurrent()).isFalse();
        assertThat(launch.cached()).isFalse();
        assertThat(launch.jar()).isEqualTo(target.resolve("app.jar"));
        assertThat(launch.jvmOptions()).isEqualTo(OPTIONS);
    }

    @Test
    void aCacheTrainedWithOtherJvmOptionsIsNotUsedUntilItIsTrainedWithTheStacksOptions() throws IOException {
        trainedCache(Map.of("BOOT-INF/classes/App.class", "v1"));
        var withCompactHeaders = new AotCache(target.resolve("app.jar"),
                List.of("-XX:+UseSerialGC", "-XX:+UseCompactObjectHeaders"));

        assertThat(withCompactHeaders.isCurrent()).isFalse();
        assertThat(withCompactHeaders.launch(true).cached()).isFalse();

        withCompactHeaders.markCurrent();
        assertThat(withCompactHeaders.launch(true).cached()).isTrue();
    }

    @Test
    void withoutATrainedCacheOrWhenAskedNotToUseOneTheApplicationStartsFromItsExecutableJar()
            throws IOException {
        writeJar(target.resolve("app.jar"), Map.of("BOOT-INF/classes/App.class", "v1"));
        assertThat(new AotCache(target.resolve("app.jar"), OPTIONS).launch(true).cached()).isFalse();

        var trained = trainedCache(Map.of("BOOT-INF/classes/App.class", "v1"));
        assertThat(trained.launch(false).jar()).isEqualTo(target.resolve("app.jar"));
    }

    /** The executable jar, its extracted copy and a cache file, as {@link AotTraining} leaves them. */
    private AotCache trainedCache(Map<String, String> entries) throws IOException {
        var jar = target.resolve("app.jar");
        writeJar(jar, entries);
        var cache = new AotCache(jar, OPTIONS);
        Files.createDirectories(cache.directory());
        Files.copy(jar, cache.extractedJar());
        Files.writeString(cache.file(), "a cache");
        cache.markCurrent();
        return cache;
    }

    private static void writeJar(Path jar, Map<String, String> entries) throws IOException {
        try (var zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (var entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }
}
