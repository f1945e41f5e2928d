package org.redciudades.chassis.testing;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.redciudades.chassis.inbox.InboundEvents;
import org.redciudades.chassis.testing.AsyncApiDocument.Operation;
import org.springframework.cloud.stream.binding.BindingService;
import org.springframework.context.ApplicationContext;

/**
 * Keeps the AsyncAPI document's {@code receive} operations true: what a service consumes is read from
 * its running application context (each consumer binding's topic, and the CloudEvents types its
 * function dispatches on) and compared with the operations whose {@code x-service} names the service.
 */
public final class AsyncApiDeclarations {

    /** A consumer function, the topic one of its bindings reads, and the types it handles there. */
    public record Consumption(String function, String destination, SortedSet<String> types) {
    }

    private record Fact(String destination, String type) {
    }

    private static final Comparator<Fact> BY_TOPIC_THEN_TYPE =
            Comparator.comparing(Fact::destination).thenComparing(Fact::type);

    private AsyncApiDeclarations() {
    }

    /** Fails, naming each difference, unless the document declares exactly what this service consumes. */
    public static void assertDeclaresWhatItConsumes(ApplicationContext context) {
        assertDeclares(context.getEnvironment().getRequiredProperty("spring.application.name"), consumedBy(context));
    }

    /** What the service's consumer bindings read, each from the function bean behind the binding. */
    public static List<Consumption> consumedBy(ApplicationContext context) {
        BindingService bindings = context.getBean(BindingService.class);
        List<Consumption> consumed = new ArrayList<>();
        for (String binding : bindings.getConsumerBindingNames()) {
            String function = binding.replaceFirst("-in-\\d+$", "");
            Object bean = context.containsBean(function) ? context.getBean(function) : null;
            if (!(bean instanceof InboundEvents.Dispatcher dispatcher)) {
                return fail("Consumer binding %s: its function %s is not built with InboundEvents, so the event types"
                        + " it handles cannot be read and compared with asyncapi.yaml", binding, function);
            }
            String destinations = bindings.getBindingServiceProperties().getBindingDestination(binding);
            for (String destination : destinations.split(",")) {
                consumed.add(new Consumption(function, destination.strip(), dispatcher.handledTypes()));
            }
        }
        return consumed;
    }

    /**
     * Fails unless the receive operations of {@code service} in the document name exactly the
     * (topic, type) pairs of {@code consumed}: a handler nobody declared, or a declaration no handler backs.
     */
    public static void assertDeclares(String service, List<Consumption> consumed) {
        Map<Fact, String> handled = new TreeMap<>(BY_TOPIC_THEN_TYPE);
        consumed.forEach(consumption -> consumption.types().forEach(type ->
                handled.put(new Fact(consumption.destination(), type), consumption.function())));
        Map<Fact, String> declared = new TreeMap<>(BY_TOPIC_THEN_TYPE);
        for (Operation operation : AsyncApiDocument.read().operations()) {
            if ("receive".equals(operation.action()) && service.equals(operation.service())) {
                operation.types().forEach(type -> declared.put(new Fact(operation.address(), type), operation.id()));
            }
        }

        List<String> problems = new ArrayList<>();
        handled.forEach((fact, function) -> {
            if (!declared.containsKey(fact)) {
                problems.add("consumer %s handles %s from %s, but no receive operation declares it"
                        .formatted(function, fact.type(), fact.destination()));
            }
        });
        declared.forEach((fact, operation) -> {
            if (!handled.containsKey(fact)) {
                problems.add("receive operation %s declares %s from %s, but no consumer handles it"
                        .formatted(operation, fact.type(), fact.destination()));
            }
        });
        if (!problems.isEmpty()) {
            fail("The receive operations of %s (x-service) in asyncapi.yaml do not match its consumers:%n- %s",
                    service, String.join("\n- ", problems));
        }
    }
}
