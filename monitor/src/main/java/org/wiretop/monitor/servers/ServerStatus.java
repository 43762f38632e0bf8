package org.wiretop.monitor.servers;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A snapshot of one running server, for lists and the terminal UI.
 *
 * @param connections  connections open now (always 0 for UDP)
 * @param accepted     connections (or datagrams, for UDP) served since start
 * @param refused      connections refused because the server was full
 */
public record ServerStatus(ServerKind kind, InetSocketAddress local, Instant started, int connections,
                           long accepted, long refused, long bytesIn, long bytesOut) {
    public String name() {
        return kind.id();
    }
}
