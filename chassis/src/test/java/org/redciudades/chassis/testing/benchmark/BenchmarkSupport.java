package org.redciudades.chassis.testing.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Arrays;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** What every benchmark needs beside its load: latency percentiles and an optional flight recording. */
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
