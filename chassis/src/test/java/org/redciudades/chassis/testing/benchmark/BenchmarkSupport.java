package org.redciudades.chassis.testing.benchmark;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.redciudades.chassis.testing.TestTokens;

/**
 * What every benchmark needs beside its load: latency percentiles, an optional flight recording, the tokens of the
 * people it signs in, and the class path of its load generator's JVM.
 */
public final class BenchmarkSupport {

    private BenchmarkSupport() {
    }

    /** Nearest-rank percentile, in milliseconds; 0 is the minimum and 100 the maximum. */
    public static double percentileMillis(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /**
     * Tokens of {@code count} people ({@code localPart}0@municipio.example.gt onwards) signed in at the test JVM's
     * identity provider, one at a time: its in-memory authorization store fails concurrent code flows, and it hashes
     * a password twice per new person, so a benchmark's callers take turns with these rather than sign in each.
     */
    public static List<String> signedInPeople(String localPart, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a benchmark needs at least one person signed in, not " + count);
        }
        return IntStream.range(0, count).mapToObj(i -> TestTokens.forPerson(localPart + i + "@municipio.example.gt")).toList();
    }

    /** The class path of a JVM of the benchmark's own: where each of {@code types} was loaded from. */
    public static String classPathOf(Class<?>... types) throws URISyntaxException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : types) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** A JDK Flight Recorder profile of the measured burst only, if {@code benchmark.jfr} names a file; else null. */
    public static Recording startRecording() throws IOException, ParseException {
        String file = System.getProperty("benchmark.jfr");
        if (file == null || file.isBlank()) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.setDestination(Path.of(file).toAbsolutePath());
        recording.start();
        return recording;
    }

    public static void stopRecording(Recording recording) {
        if (recording != null) {
            recording.stop();
            System.out.println("Flight recording of the burst: " + recording.getDestination());
            recording.close();
        }
    }
}
