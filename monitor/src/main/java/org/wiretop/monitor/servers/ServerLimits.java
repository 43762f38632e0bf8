package org.wiretop.monitor.servers;

import java.time.Duration;

/**
 * What one server may hold: connections, bytes buffered per client, and how long a client may
 * stay silent. Immutable; the defaults are safe for a laptop, tests shrink them.
 *
 * @param maxConnections  connections served at once; past it a new one is accepted and closed at once
 * @param bufferCap       bytes read at once and the most the server buffers for one client; a client
 *                        that does not read what it is sent stops being read (back-pressure)
 * @param idleTimeout     a connection with no progress either way for this long is closed
 * @param lingerTimeout   after a server has said everything and half-closed, how long it drains the
 *                        client's leftovers before closing (closing with unread input sends a reset
 *                        that can destroy the reply before the client reads it)
 * @param maxHttpRequest  largest HTTP request head accepted (bigger gets 431)
 */
public record ServerLimits(int maxConnections, int bufferCap, Duration idleTimeout, Duration lingerTimeout,
                           int maxHttpRequest) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    public static final int DEFAULT_BUFFER_CAP = 64 * 1024;

    public ServerLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1");
        }
        if (bufferCap < 1024) {
            throw new IllegalArgumentException("bufferCap must be at least 1024 bytes");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || lingerTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxHttpRequest < 64 || maxHttpRequest > bufferCap) {
            throw new IllegalArgumentException("maxHttpRequest must be between 64 and bufferCap");
        }
    }

    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_BUFFER_CAP, Duration.ofSeconds(60),
                Duration.ofSeconds(2), 8192);
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(n, bufferCap, idleTimeout, lingerTimeout, maxHttpRequest);
    }

    public ServerLimits withBufferCap(int bytes) {
        return new ServerLimits(maxConnections, bytes, idleTimeout, lingerTimeout, Math.min(maxHttpRequest, bytes));
    }

    public ServerLimits withIdleTimeout(Duration d) {
        return new ServerLimits(maxConnections, bufferCap, d, lingerTimeout, maxHttpRequest);
    }

    public ServerLimits withMaxHttpRequest(int bytes) {
        return new ServerLimits(maxConnections, bufferCap, idleTimeout, lingerTimeout, bytes);
    }
}
