package org.redciudades.localstack;

/** A failure whose message is meant for the person running the stack: printed as is, without a stack trace. */
public final class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
