package org.wiretop.monitor.servers;

import java.net.InetSocketAddress;
import java.util.List;

/** A started server: what it is, a live snapshot, and how to stop it. */
public interface RunningServer {
    ServerKind kind();

    /** The address it is bound to, with the real port when 0 was asked for. */
    InetSocketAddress local();

    ServerStatus status();

    /** The open connections now (empty for UDP). */
    List<ConnectionInfo> connections();

    /** Closes every socket and waits (bounded) for the server's thread to end. */
    void stop();
}
