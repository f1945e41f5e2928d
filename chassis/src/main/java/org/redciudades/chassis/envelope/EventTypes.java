package org.redciudades.chassis.envelope;

import java.util.regex.Pattern;

/** Reads and checks versioned CloudEvents type names: {@code org.redciudades.<service>.<aggregate>.<fact>.v<N>}. */
public final class EventTypes {

    private static final Pattern TYPE_NAME =
            Pattern.compile("^org\\.redciudades\\.[a-z]+(?:\\.[a-z][a-z-]*)+\\.v[1-9][0-9]*$");

    private EventTypes() {
    }

    public static String of(Class<?> eventClass) {
        EventType annotation = eventClass.getAnnotation(EventType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(eventClass.getName() + " is not annotated with @EventType");
        }
        if (!isWellFormed(annotation.value())) {
            throw new IllegalArgumentException("Malformed event type '" + annotation.value() + "' on " + eventClass.getName());
        }
        return annotation.value();
    }

    public static boolean isWellFormed(String type) {
        return type != null && TYPE_NAME.matcher(type).matches();
    }

    /** The type without its version suffix: {@code org.redciudades.membership.member.activated}. */
    public static String withoutVersion(String type) {
        return type.substring(0, type.lastIndexOf(".v"));
    }
}
