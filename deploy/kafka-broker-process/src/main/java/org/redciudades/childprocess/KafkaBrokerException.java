package org.redciudades.childprocess;

/** The broker could not be formatted, exited while starting, or was not ready in time; the message has its log's tail. */
public final class KafkaBrokerException extends RuntimeException {

    public KafkaBrokerException(String message) {
        super(message);
    }
}
