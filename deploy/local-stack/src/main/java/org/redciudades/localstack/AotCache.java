package org.redciudades.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The JDK's ahead-of-time cache (JEP 483, with the method profiles of JEP 515) of one Spring Boot executable jar, as
 * Spring Boot documents it for Java 25: the jar extracted next to it, in {@code target/aot/} ({@code java
 * -Djarmode=tools -jar app.jar extract}), and the cache a training run of that extracted form recorded
 * ({@code -XX:AOTCacheOutput}). {@link AotTraining} makes both at build time; the local stack starts an application
 * with {@code -XX:AOTCache} when its cache {@linkplain #isCurrent() is current}, and from the executable jar otherwise.
 *
 * <p>A cache holds for the same jars at the same absolute paths, the same JDK and the same collector: the JVM checks
 * and, if they differ, warns in the log and starts without it. Some options must match too (the collector, compact
 * object headers). So a cache belongs to one set of JVM options: the training runs the extracted jar with them, the
 * stack starts it with them, and the cache is current only while the executable jar it was made from has the same
 * contents, and the JDK and the options are the same ({@link #digest}).
 */
public record AotCache(Path executableJar, List<String> jvmOptions) {

    /** Written at every build ({@code build.time}): a rebuild of unchanged code keeps its cache. */
    private static final String BUILD_INFO = "META-INF/build-info.properties";

    /** How to start an application: the jar to run and the JVM options, with the cache or without. */
    public record Launch(Path jar, List<String> jvmOptions, boolean cached) {
    }

    public AotCache {
        executableJar = executableJar.toAbsolutePath().normalize();
        jvmOptions = List.copyOf(jvmOptions);
    }

    String name() {
        var fileName = executableJar.getFileName().toString();
        return fileName.substring(0, fileName.length() - ".jar".length());
    }

    public Path directory() {
        return executableJar.resolveSibling("aot");
    }

    /** The application's own classes, whose manifest's Class-Path names the libraries in {@code lib/} beside it. */
    public Path extractedJar() {
        return directory().resolve(name() + ".jar");
    }

    public Path file() {
        return directory().resolve(name() + ".aot");
    }

    /** The {@link #digest} of the executable jar, JDK and JVM options that the cache was made from. */
    Path sourceFile() {
        return directory().resolve(name() + ".aot.source");
    }

    public boolean isCurrent() {
        try {
            return Files.isRegularFile(file()) && Files.isRegularFile(extractedJar()) && Files.isRegularFile(sourceFile())
                    && Files.isRegularFile(executableJar)
                    && Files.readString(sourceFile(), StandardCharsets.UTF_8).strip()
                            .equals(digest(executableJar, jvmOptions));
        } catch (IOException e) {
            return false;
        }
    }

    /** The jar and options to start with: the extracted jar and its cache when {@code useCache} and it is current. */
    public Launch launch(boolean useCache) {
        if (!useCache || !isCurrent()) {
            return new Launch(executableJar, jvmOptions, false);
        }
        var options = new ArrayList<>(jvmOptions);
        options.add("-XX:AOTCache=" + file());
        return new Launch(extractedJar(), List.copyOf(options), true);
    }

    /** Remembers that the cache was made from the executable jar as it is now, on this JDK, with these options. */
    void markCurrent() throws IOException {
        Files.writeString(sourceFile(), digest(executableJar, jvmOptions) + System.lineSeparator(),
                StandardCharsets.UTF_8);
    }

    /**
     * SHA-256 over the JDK's version, the JVM options and the jar's entries (name, CRC-32 and size, from its central
     * directory, so a 70 MB jar takes milliseconds), leaving out the build-info that changes at every build.
     */
    static String digest(Path jar, List<String> jvmOptions) throws IOException {
        try (var zip = new ZipFile(jar.toFile())) {
            var sha = MessageDigest.getInstance("SHA-256");
            sha.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
            sha.update(("\n" + String.join(" ", jvmOptions)).getBytes(StandardCharsets.UTF_8));
            var entries = zip.stream().filter(entry -> !entry.getName().equals(BUILD_INFO))
                    .sorted(Comparator.comparing(ZipEntry::getName)).toList();
            for (var entry : entries) {
                sha.update("%n%s %x %d".formatted(entry.getName(), entry.getCrc(), entry.getSize())
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
