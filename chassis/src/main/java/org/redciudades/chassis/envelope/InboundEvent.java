package org.redciudades.chassis.envelope;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.redciudades.chassis.inbox.RejectedEventException;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

/** A CloudEvent read from a Kafka record in binary mode: the attributes from headers, the data as JSON bytes. */
public record InboundEvent(String id, String type, String source, Instant time, String subject,
                           Traceparent traceparent, byte[] data) {

    /**
     * Reads the envelope, or throws {@link RejectedEventException} if the record can never be processed,
     * so that it goes to the dead-letter topic without retries.
     */
    public static InboundEvent from(Message<byte[]> message) {
        MessageHeaders headers = message.getHeaders();
        String specVersion = required(headers, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion)) {
            throw new RejectedEventException("Unsupported CloudEvents specversion " + specVersion);
        }
        String type = required(headers, CloudEventHeaders.TYPE);
        if (!EventTypes.isWellFormed(type)) {
            throw new RejectedEventException("Malformed event type " + type);
        }
        Instant time;
        try {
            time = Instant.parse(required(headers, CloudEventHeaders.TIME));
        } catch (DateTimeParseException e) {
            throw new RejectedEventException("Malformed ce_time", e);
        }
        String traceHeader = text(headers, CloudEventHeaders.TRACEPARENT);
        Traceparent traceparent;
        try {
            traceparent = traceHeader == null ? Traceparent.newRoot() : Traceparent.parse(traceHeader);
        } catch (IllegalArgumentException e) {
            traceparent = Traceparent.newRoot();
        }
        byte[] data = message.getPayload();
        if (data == null || data.length == 0) {
            throw new RejectedEventException("Event " + type + " has no data");
        }
        return new InboundEvent(required(headers, CloudEventHeaders.ID), type,
                required(headers, CloudEventHeaders.SOURCE), time, text(headers, CloudEventHeaders.SUBJECT),
                traceparent, data);
    }

    private static String required(MessageHeaders headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new RejectedEventException("Missing CloudEvents header " + name);
        }
        return value;
    }

    private static String text(MessageHeaders headers, String name) {
        return switch (headers.get(name)) {
            case null -> null;
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case Object other -> other.toString();
        };
    }
}
