package org.wiretop.monitor.servers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One slowloris connection, stepped every ~200 ms by its owner: one byte per step. To http it
 * trickles a request line that never ends, and the server must cut it off near its request
 * deadline; to echo it trickles bytes for a few seconds (each is progress, so it is served),
 * then half-closes and must get every byte back.
 */
final class HostileSlowloris {
    private static final long ECHO_SESSION_NANOS = 4_000_000_000L;
    private static final long VERIFY_NANOS = 5_000_000_000L;
    private static final byte[] HTTP_START = "GET /".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final SocketChannel channel;
    private final boolean http;
    private final RunningServer server;
    private final int port;
    private final long since;
    private final HostileEventCounter events;
    private final long idleNanos;
    private final HostileTally tally;
    private final long opened = System.nanoTime();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(1024);

    private HostileSlowloris(SocketChannel channel, RunningServer server, long since, long idleNanos,
                             HostileTally tally, HostileEventCounter events) {
        this.channel = channel;
        this.port = channel.socket().getLocalPort();
        this.since = since;
        this.events = events;
        this.http = server.kind() == ServerKind.HTTP;
        this.server = server;
        this.idleNanos = idleNanos;
        this.tally = tally;
    }

    /** Connects, or returns null (counted) when even connecting fails. */
    static HostileSlowloris open(RunningServer server, long idleNanos, HostileTally tally, HostileEventCounter events) {
        long since = events.now();
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.socket().connect(server.local(), 3000);
            ch.configureBlocking(false);
            tally.inc("slowloris." + server.kind().id() + ".opened");
            return new HostileSlowloris(ch, server, since, idleNanos, tally, events);
        } catch (IOException e) {
            HostileIo.closeQuietly(ch);
            tally.inc("slowloris.connectFailed");
            return null;
        }
    }

    /** One more byte; false once this connection is over (and judged). */
    boolean step() {
        long age = System.nanoTime() - opened;
        boolean ended = !drain();
        if (!ended && !http && age > ECHO_SESSION_NANOS) {
            finishEcho();
            return false;
        }
        if (!ended && http && age > idleNanos + 5_000_000_000L) {
            tally.anomaly("http kept a slowloris open " + age / 1_000_000 + " ms, request deadline "
                    + idleNanos / 1_000_000 + " ms");
            close();
            return false;
        }
        if (!ended) {
            byte b = http && sent.size() < HTTP_START.length ? HTTP_START[sent.size()] : (byte) ('a' + sent.size() % 26);
            try {
                channel.write(ByteBuffer.wrap(new byte[] {b}));
                sent.write(b);
                return true;
            } catch (IOException e) {
                ended = true;
            }
        }
        judgeEnd(age);
        close();
        return false;
    }

    void close() {
        HostileIo.closeQuietly(channel);
    }

    /** Reads what has arrived; false at end of stream or reset. */
    private boolean drain() {
        try {
            for (int i = 0; i < 64; i++) {
                readBuffer.clear();
                int n = channel.read(readBuffer);
                if (n < 0) {
                    return false;
                }
                if (n == 0) {
                    return true;
                }
                received.write(readBuffer.array(), 0, n);
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The server ended the connection: refused while full, cut off (http), or wrongly (echo). */
    private void judgeEnd(long age) {
        String kind = server.kind().id();
        if (received.size() == 0 && age < 1_000_000_000L && events.refusedSince(server.kind(), port, since)) {
            tally.inc("slowloris." + kind + ".refused");
        } else if (http && received.size() == 0) {
            tally.inc("slowloris.http.cutOff");
            tally.max("slowloris.http.cutOffMillis", age / 1_000_000);
        } else {
            tally.anomaly(kind + " ended a slowloris after " + age / 1_000_000 + " ms, " + sent.size()
                    + " bytes sent, " + received.size() + " received");
        }
    }

    /** Half-close and expect every trickled byte back within a deadline. */
    private void finishEcho() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            tally.anomaly("echo reset a slowloris before its half-close: " + e);
            close();
            return;
        }
        long deadline = System.nanoTime() + VERIFY_NANOS;
        boolean open = true;
        while (open && !HostileIo.passed(deadline)) {
            open = drain();
            if (open) {
                HostileIo.pauseMillis(5);
            }
        }
        if (open) {
            tally.anomaly("echo did not close a half-closed slowloris within " + VERIFY_NANOS / 1_000_000 + " ms");
        } else if (Arrays.equals(sent.toByteArray(), received.toByteArray())) {
            tally.inc("slowloris.echo.verified");
            tally.add("slowloris.echo.bytes", sent.size());
        } else if (received.size() == 0 && events.refusedSince(server.kind(), port, since)) {
            tally.inc("slowloris.echo.refused");
        } else {
            tally.anomaly("echo returned " + received.size() + " of " + sent.size() + " slowloris bytes (or different)");
        }
        close();
    }
}
