package org.redciudades.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization with {@code kubectl kustomize}: the kubectl on the PATH, or the one named by the
 * environment variable {@code KUBECTL}. No cluster is needed.
 */
final class Kustomize {

    static final YAMLMapper YAML = new YAMLMapper();

    private final Path kubectl;

    private Kustomize(Path kubectl) {
        this.kubectl = kubectl;
    }

    /** The kubectl to render with, or an {@link IllegalStateException} that says how to get one. */
    static Kustomize find() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return new Kustomize(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return new Kustomize(candidate);
            }
        }
        throw new IllegalStateException("""
                No kubectl on the PATH (nor in the environment variable KUBECTL): the Kubernetes manifests are rendered \
                with `kubectl kustomize`. Install one (Debian: apt-get install kubernetes-client; .ci/run does so when \
                none is found) and run again.""");
    }

    /** The documents {@code kubectl kustomize dir} prints, in order. */
    List<JsonNode> render(Path dir) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString()).start();
            CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String out = read(process.getInputStream());
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(kubectl + " kustomize " + dir + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(kubectl + " kustomize " + dir + " failed (exit " + process.exitValue()
                        + "):\n" + errors.join());
            }
            List<JsonNode> documents = new ArrayList<>();
            try (MappingIterator<JsonNode> values = YAML.readerFor(JsonNode.class).readValues(out)) {
                while (values.hasNext()) {
                    JsonNode document = values.next();
                    if (document != null && !document.isNull() && !document.isMissingNode()) {
                        documents.add(document);
                    }
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
