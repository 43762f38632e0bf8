package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;

/** A client could not do its job; the message is one line that says why and what to try. */
public class ClientException extends IOException {
    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClientException(String message) {
        super(message);
    }

    /** "cannot connect to 127.0.0.1:12345: connection refused (is a server listening? try 'wiretop serve echo')". */
    static ClientException cannotConnect(InetSocketAddress to, IOException e) {
        String why;
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
            why = "connection refused (is a server listening? try '" + serveHint(to.getPort(), ServerKind.Transport.TCP) + "')";
        } else if (e instanceof SocketTimeoutException) {
            why = "no answer within the timeout (is the address right?)";
        } else if (e instanceof NoRouteToHostException) {
            why = "no route to host";
        } else {
            why = String.valueOf(e.getMessage()).toLowerCase();
        }
        return new ClientException("cannot connect to " + Endpoints.hostPort(to) + ": " + why, e);
    }

    static ClientException unreachableUdp(InetSocketAddress to, PortUnreachableException e) {
        return new ClientException("no UDP server at " + Endpoints.hostPort(to) + " (port unreachable; try '"
                + serveHint(to.getPort(), ServerKind.Transport.UDP) + "')", e);
    }

    /** The command that would start a server there: the matching built-in, or echo/upper on that port. */
    static String serveHint(int port, ServerKind.Transport transport) {
        return ServerKind.byDefaultPort(port, transport)
                .map(k -> "wiretop serve " + k.id())
                .orElse("wiretop serve " + (transport == ServerKind.Transport.UDP ? "upper" : "echo") + " --port " + port);
    }
}
