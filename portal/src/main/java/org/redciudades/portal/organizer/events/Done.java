package org.redciudades.portal.organizer.events;

import java.io.Serializable;
import java.util.List;

/**
 * What a step did, shown once on the page the organizer returns to (a flash attribute): a message of the bundle and
 * its arguments, all text.
 */
public record Done(String key, List<String> arguments) implements Serializable {

    public static Done of(String key, Object... arguments) {
        return new Done(key, java.util.Arrays.stream(arguments).map(String::valueOf).toList());
    }

    public Object[] args() {
        return arguments.toArray();
    }
}
