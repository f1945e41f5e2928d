package org.redciudades.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for servers a test starts itself (a broker process, a database, a service JVM). */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port nothing listens on right now; the test binds it soon after. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
