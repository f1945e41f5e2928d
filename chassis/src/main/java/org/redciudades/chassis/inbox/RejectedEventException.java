package org.redciudades.chassis.inbox;

/**
 * A record that can never be processed: malformed envelope or data, or an unknown version of a known
 * fact. It is not retried; it goes to the dead-letter topic on the first failure.
 */
public class RejectedEventException extends RuntimeException {

    public RejectedEventException(String message) {
        super(message);
    }

    public RejectedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
