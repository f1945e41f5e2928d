package org.redciudades.chassis.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.redciudades.chassis.config.ConsumerBindings;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The dead-letter topics of a service's consumer bindings: {@code error.<destination>.<group>}, the
 * binder's default name, for each destination of each binding that has a consumer group.
 */
public record DeadLetterTopics(List<String> topics, String collectorGroup) {

    public static DeadLetterTopics of(ConfigurableEnvironment environment) {
        TreeSet<String> topics = new TreeSet<>();
        String firstGroup = null;
        for (String binding : ConsumerBindings.names(environment)) {
            String group = environment.getProperty(ConsumerBindings.groupProperty(binding));
            String destinations = environment.getProperty(ConsumerBindings.destinationProperty(binding));
            if (group == null || group.isBlank() || destinations == null) {
                continue;
            }
            firstGroup = firstGroup == null ? group : firstGroup;
            for (String destination : destinations.split(",")) {
                topics.add("error." + destination.strip() + "." + group);
            }
        }
        String application = environment.getProperty("spring.application.name", "application");
        return new DeadLetterTopics(new ArrayList<>(topics),
                (firstGroup == null ? application : firstGroup) + ".dead-letters");
    }
}
