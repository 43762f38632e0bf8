package org.wiretop.monitor.servers;

import java.io.IOException;

/** A server could not start; the message is one line that says why and what to do. */
public class ServerStartException extends IOException {
    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public ServerStartException(String message) {
        super(message);
    }
}
