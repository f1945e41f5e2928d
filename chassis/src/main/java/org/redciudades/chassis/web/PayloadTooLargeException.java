package org.redciudades.chassis.web;

import java.io.IOException;

/** A request body longer than {@code chassis.web.max-body-size}; answered with 413. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("Request body exceeds " + limit + " bytes");
    }
}
