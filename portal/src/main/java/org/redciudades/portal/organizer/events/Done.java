package org.redciudades.portal.organizer.events;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * What a step did, shown once on the page the organizer returns to (a flash attribute, so kept in the session): a
 * message of the bundle and its arguments, texts and numbers (the bundle's choices count people).
 */
public record Done(String key, List<Serializable> arguments) implements Serializable {

    public static Done of(String key, Serializable... arguments) {
        return new Done(key, Arrays.asList(arguments));
    }

    public Object[] args() {
        return arguments.toArray();
    }
}
