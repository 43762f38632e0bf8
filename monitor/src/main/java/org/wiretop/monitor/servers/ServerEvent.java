package org.wiretop.monitor.servers;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;

/**
 * Something a built-in server did, as an immutable record safe to hand to any thread.
 * Delivered on the server's own thread: listeners must be quick and must not block.
 */
public sealed interface ServerEvent {
    /** The server's name ({@link ServerKind#id()}). */
    String server();

    Instant time();

    /** The server is bound and serving. */
    record Listening(String server, Instant time, ServerKind.Transport transport, InetSocketAddress local)
            implements ServerEvent {
    }

    /** A client connected. */
    record Accepted(String server, Instant time, long connection, InetSocketAddress remote) implements ServerEvent {
    }

    /** A client was accepted and closed at once because the server is full. */
    record Refused(String server, Instant time, InetSocketAddress remote, String reason) implements ServerEvent {
    }

    /** A connection ended, with what went through it. */
    record Closed(String server, Instant time, long connection, InetSocketAddress remote, long bytesIn,
                  long bytesOut, Duration duration, String reason) implements ServerEvent {
    }

    /** A UDP datagram came in and (when bytesOut &gt; 0) its reply went out. */
    record Datagram(String server, Instant time, InetSocketAddress remote, int bytesIn, int bytesOut)
            implements ServerEvent {
    }

    /** Something went wrong that the server survived (e.g. out of file descriptors). */
    record Problem(String server, Instant time, String message) implements ServerEvent {
    }

    /** The server stopped and closed every socket. */
    record Stopped(String server, Instant time) implements ServerEvent {
    }
}
