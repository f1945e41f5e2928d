package org.redciudades.chassis.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The dead-letter topics of a service's consumer bindings: {@code error.<destination>.<group>}, the
 * binder's default name, for each destination of each binding that has a consumer group.
 */
public record DeadLetterTopics(List<String> topics, String collectorGroup) {

    private static final String PREFIX = "spring.cloud.stream.bindings.";

    public static DeadLetterTopics of(ConfigurableEnvironment environment) {
        TreeSet<String> bindings = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(PREFIX) && name.endsWith(".group")) {
                        bindings.add(name.substring(PREFIX.length(), name.length() - ".group".length()));
                    }
                }
            }
        }
        TreeSet<String> topics = new TreeSet<>();
        String firstGroup = null;
        for (String binding : bindings) {
            String group = environment.getProperty(PREFIX + binding + ".group");
            String destinations = environment.getProperty(PREFIX + binding + ".destination");
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
