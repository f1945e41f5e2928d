package org.redciudades.chassis.config;

import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/** The Spring Cloud Stream bindings of a service that name a consumer group, read from its configuration. */
public final class ConsumerBindings {

    private static final String PREFIX = "spring.cloud.stream.bindings.";
    private static final String GROUP = ".group";

    private ConsumerBindings() {
    }

    /** The names of the bindings that have a {@code group} property, in order. */
    public static SortedSet<String> names(ConfigurableEnvironment environment) {
        SortedSet<String> bindings = new TreeSet<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(PREFIX) && name.endsWith(GROUP)) {
                        bindings.add(name.substring(PREFIX.length(), name.length() - GROUP.length()));
                    }
                }
            }
        }
        return bindings;
    }

    /** The property that names {@code binding}'s consumer group. */
    public static String groupProperty(String binding) {
        return PREFIX + binding + GROUP;
    }

    /** The property that names {@code binding}'s destinations (topics, comma-separated). */
    public static String destinationProperty(String binding) {
        return PREFIX + binding + ".destination";
    }
}
