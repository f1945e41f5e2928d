package org.redciudades.chassis.inbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.redciudades.chassis.envelope.EventTypes;
import org.redciudades.chassis.envelope.InboundEvent;
import org.redciudades.chassis.tracing.Traces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.messaging.Message;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the Spring Cloud Stream consumer functions of a service. Each function reads the CloudEvents
 * envelope, maps the data to the handler's own record type (the contract is the JSON Schema, not a
 * shared class), and runs the handler once per event id, in one transaction with the processed-events
 * row.
 *
 * <p>Types the consumer does not handle are skipped, so a producer can add new facts freely; but a
 * version of a handled fact that the consumer does not know is rejected to the dead-letter topic.
 */
public class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);
    static final Duration OUTAGE_PATIENCE = Duration.ofMinutes(4);

    private final ProcessedEvents processedEvents;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Traces traces;

    public InboundEvents(ProcessedEvents processedEvents, TransactionTemplate transactions, JsonMapper json,
                         MeterRegistry meters, Traces traces) {
        this.processedEvents = processedEvents;
        this.transactions = transactions;
        this.json = json;
        this.meters = meters;
        this.traces = traces;
    }

    /** @param consumerName names this consumer in the processed-events table and in metrics */
    public Builder consumer(String consumerName) {
        return new Builder(consumerName);
    }

    /** Handles one event's data; {@code event} gives the envelope (id, time, subject). */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(T data, InboundEvent event);
    }

    private record Route<T>(Class<T> dataType, Handler<T> handler) {
    }

    public final class Builder {

        private final String consumerName;
        private final Map<String, Route<?>> routes = new LinkedHashMap<>();

        private Builder(String consumerName) {
            this.consumerName = consumerName;
        }

        public <T> Builder on(String eventType, Class<T> dataType, Handler<T> handler) {
            if (!EventTypes.isWellFormed(eventType)) {
                throw new IllegalArgumentException("Malformed event type " + eventType);
            }
            routes.put(eventType, new Route<>(dataType, handler));
            return this;
        }

        public Dispatcher build() {
            return new Dispatcher(consumerName, routes);
        }
    }

    /**
     * A consumer function: sends each record to the handler of its CloudEvents type. Its
     * {@link #handledTypes()} are the routes it dispatches on, which the contract tests compare with the
     * AsyncAPI document's {@code receive} operations.
     */
    public final class Dispatcher implements Consumer<Message<byte[]>> {

        private final String consumerName;
        private final Map<String, Route<?>> table;
        private final List<String> knownFacts;

        private Dispatcher(String consumerName, Map<String, Route<?>> routes) {
            this.consumerName = consumerName;
            this.table = Map.copyOf(routes);
            this.knownFacts = table.keySet().stream().map(EventTypes::withoutVersion).toList();
        }

        /** The CloudEvents types this consumer handles; it skips every other type. */
        public SortedSet<String> handledTypes() {
            return new TreeSet<>(table.keySet());
        }

        @Override
        public void accept(Message<byte[]> message) {
            InboundEvent event;
            try {
                event = InboundEvent.from(message);
            } catch (RejectedEventException e) {
                count("invalid", "rejected");
                throw e;
            }
            Route<?> route = table.get(event.type());
            if (route == null) {
                if (knownFacts.contains(EventTypes.withoutVersion(event.type()))) {
                    count(event.type(), "rejected");
                    throw new RejectedEventException("Unknown version " + event.type() + " for " + consumerName);
                }
                log.debug("{} skips {} {}", consumerName, event.type(), event.id());
                count(event.type(), "skipped");
                return;
            }
            traces.continueTrace(event.traceparent().toString(), consumerName + " consume", Span.Kind.CONSUMER,
                    Map.of("event.type", event.type(), "event.id", event.id()), () -> dispatch(event, route));
        }

        private <T> void dispatch(InboundEvent event, Route<T> route) {
            T data;
            try {
                data = json.readValue(event.data(), route.dataType());
            } catch (JacksonException e) {
                count(event.type(), "rejected");
                throw new RejectedEventException("Malformed data of " + event.type() + " " + event.id(), e);
            }
            Boolean applied = waitingOutDatabaseOutages(event, () -> transactions.execute(status -> {
                if (!processedEvents.markProcessed(event.id(), consumerName)) {
                    return false;
                }
                route.handler().handle(data, event);
                return true;
            }));
            count(event.type(), Boolean.TRUE.equals(applied) ? "applied" : "duplicate");
        }

        /**
         * While the database cannot be reached, no record can succeed, and retrying each one a few times
         * would only send it to the dead-letter topic. So the consumer waits for the database instead
         * (its partitions wait too), with backoff, up to {@link #OUTAGE_PATIENCE}: less than Kafka's
         * {@code max.poll.interval.ms} (5 minutes), after which the record takes the usual retries.
         */
        private <R> R waitingOutDatabaseOutages(InboundEvent event, Supplier<R> work) {
            long started = System.nanoTime();
            long delayMillis = 500;
            while (true) {
                try {
                    return work.get();
                } catch (CannotCreateTransactionException | DataAccessResourceFailureException
                         | TransientDataAccessResourceException e) {
                    if (Duration.ofNanos(System.nanoTime() - started).compareTo(OUTAGE_PATIENCE) > 0) {
                        throw e;
                    }
                    meters.counter("inbox.database.waits", "consumer", consumerName).increment();
                    log.warn("{} cannot reach the database; {} {} waits {} ms: {}", consumerName, event.type(),
                            event.id(), delayMillis, e.getMessage());
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                    delayMillis = Math.min(delayMillis * 2, 5_000);
                }
            }
        }

        /** Counts by outcome: applied, duplicate, skipped, or rejected (on its way to the dead-letter topic). */
        private void count(String type, String outcome) {
            meters.counter("inbox.events", "consumer", consumerName, "type", type, "outcome", outcome).increment();
        }
    }
}
