package org.wiretop.monitor.servers;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * A snapshot of one open connection.
 *
 * @param buffered bytes the server holds for this client and has not yet sent (bounded by
 *                 {@link ServerLimits#bufferCap()})
 */
public record ConnectionInfo(long id, InetSocketAddress remote, Instant opened, long bytesIn, long bytesOut,
                             int buffered) {
}
