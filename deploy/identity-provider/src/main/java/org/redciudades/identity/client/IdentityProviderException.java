package org.redciudades.identity.client;

/** The provider refused or answered something unexpected; the message says what and quotes its answer. */
public class IdentityProviderException extends RuntimeException {

    private final int status;

    public IdentityProviderException(String message, int status) {
        super(message);
        this.status = status;
    }

    public IdentityProviderException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
    }

    /** The HTTP status of the answer that failed, or -1 when there was none. */
    public int status() {
        return status;
    }
}
