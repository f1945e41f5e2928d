package org.redciudades.chassis.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.redciudades.chassis.envelope.CloudEventHeaders;
import org.redciudades.chassis.envelope.Traceparent;

/**
 * Carries one trace across the asynchronous hops that Micrometer's own instrumentation cannot see: an
 * event waits in the outbox table, then in Kafka, then (for an email) in a queue table. Each hop stores
 * the W3C {@code traceparent} of the span that produced it, and the next hop continues that trace in a
 * child span ({@link #continueTrace}). The HTTP server's spans come from Spring Boot's instrumentation.
 */
public class Traces {

    private final Tracer tracer;
    private final Propagator propagator;

    public Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The {@code traceparent} of the span in scope on this thread, or of a new trace if there is none. */
    public String currentTraceparent() {
        Span span = tracer.currentSpan();
        if (span == null) {
            return Traceparent.newRoot().toString();
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        String value = carrier.get(CloudEventHeaders.TRACEPARENT);
        return value == null ? Traceparent.newRoot().toString() : value;
    }

    /**
     * Runs {@code work} in a new span, a child of {@code traceparent} (or the root of a new trace if that
     * is null), with the span in scope so logs carry its ids and events appended by the work continue it.
     */
    public <T> T continueTrace(String traceparent, String name, Span.Kind kind, Map<String, String> tags,
                               Supplier<T> work) {
        Map<String, String> carrier = traceparent == null ? Map.of()
                : Map.of(CloudEventHeaders.TRACEPARENT, traceparent);
        Span span = propagator.extract(carrier, Map::get).name(name).kind(kind).start();
        tags.forEach(span::tag);
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.get();
        } catch (RuntimeException | Error e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** {@link #continueTrace} for work that returns nothing. */
    public void continueTrace(String traceparent, String name, Span.Kind kind, Map<String, String> tags,
                              Runnable work) {
        continueTrace(traceparent, name, kind, tags, () -> {
            work.run();
            return null;
        });
    }
}
