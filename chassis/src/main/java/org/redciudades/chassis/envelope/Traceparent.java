package org.redciudades.chassis.envelope;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A W3C trace context {@code traceparent} value: version 00, trace id, parent span id, flags. */
public record Traceparent(String traceId, String spanId, String flags) {

    private static final Pattern FORMAT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final SecureRandom RANDOM = new SecureRandom();

    public static Traceparent parse(String value) {
        var matcher = value == null ? null : FORMAT.matcher(value);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("Not a W3C traceparent: " + value);
        }
        return new Traceparent(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    public static Traceparent newRoot() {
        return new Traceparent(randomHex(16), randomHex(8), "01");
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }
}
