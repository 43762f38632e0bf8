package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Instant;

/**
 * One client of a {@link TcpServer}: its socket, the bytes the server still owes it, and the
 * interest ops that give back-pressure. Touched only by the server's thread, except the
 * volatile counters that snapshots read.
 *
 * <p>Back-pressure: the server reads from a client only while it owes that client nothing, and
 * one read is at most {@code bufferCap} bytes, so what is owed never exceeds the cap. A client
 * that does not read fills its socket buffers, then this one, then the server stops reading it.
 */
final class TcpConnection {
    private final TcpServer server;
    private final long id;
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final Instant opened = Instant.now();
    private final long openedNanos = System.nanoTime();
    private final int cap;
    private ConnectionHandler handler;
    private SelectionKey key;
    /** What the client is owed, in read mode (position..limit); null until first needed. */
    private ByteBuffer pending;
    private long lastProgress = openedNanos;
    private long deadline = Long.MAX_VALUE;
    private boolean inputClosed;
    private boolean finishing;
    private boolean lingering;
    private boolean closed;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile int buffered;

    TcpConnection(TcpServer server, long id, SocketChannel channel, InetSocketAddress remote, int cap) {
        this.server = server;
        this.id = id;
        this.channel = channel;
        this.remote = remote;
        this.cap = cap;
    }

    void attach(SelectionKey key, ConnectionHandler handler) {
        this.key = key;
        this.handler = handler;
    }

    long id() {
        return id;
    }

    InetSocketAddress remote() {
        return remote;
    }

    boolean isClosed() {
        return closed;
    }

    ConnectionInfo info() {
        return new ConnectionInfo(id, remote, opened, bytesIn, bytesOut, buffered);
    }

    void open() {
        handler.onOpen(this);
        updateInterest();
    }

    /** Reads once into the server's shared buffer and hands the bytes to the handler. */
    void onReadable(ByteBuffer readBuffer) {
        readBuffer.clear().limit(cap);
        int n;
        try {
            n = channel.read(readBuffer);
        } catch (IOException e) {
            close("reset by client");
            return;
        }
        if (n < 0) {
            inputClosed = true;
            if (lingering) {
                close("done");
                return;
            }
            handler.onInputClosed(this);
        } else if (n > 0) {
            bytesIn += n;
            server.countIn(n);
            lastProgress = System.nanoTime();
            if (!lingering && !finishing) {
                readBuffer.flip();
                handler.onData(readBuffer, this);
            }
        }
        updateInterest();
    }

    void onWritable() {
        if (pending != null && pending.hasRemaining()) {
            if (!write(pending)) {
                return;
            }
            buffered = pending.remaining();
        }
        if (!hasPending() && finishing) {
            completeFinish();
        }
        updateInterest();
    }

    /**
     * Sends bytes to the client: straight to the socket when nothing is owed, the rest kept.
     * Callers never owe more than the cap (they only get data when nothing is owed).
     */
    void send(ByteBuffer data) {
        if (closed || finishing) {
            return;
        }
        if (!hasPending() && !write(data)) {
            return;
        }
        if (!data.hasRemaining()) {
            return;
        }
        int owed = pending == null ? 0 : pending.remaining();
        if (owed + data.remaining() > cap) {
            throw new IllegalStateException("handler would buffer " + (owed + data.remaining()) + " bytes > cap " + cap);
        }
        if (pending == null) {
            pending = ByteBuffer.allocate(cap).limit(0);
        }
        pending.compact();
        pending.put(data);
        pending.flip();
        buffered = pending.remaining();
        updateInterest();
    }

    /** The whole exchange must end within the idle timeout of connecting (against slowloris). */
    void requireDoneWithinIdleTimeout() {
        deadline = openedNanos + server.idleNanos();
    }

    /** Says the server is done: flush what is owed, then close (or half-close and drain). */
    void finish() {
        if (closed || finishing) {
            return;
        }
        finishing = true;
        if (!hasPending()) {
            completeFinish();
        }
        updateInterest();
    }

    /** Closes when the idle or linger deadline has passed; true if it did. */
    boolean expireIfDue(long now, long idleNanos) {
        if (now - deadline > 0) {
            close(lingering ? "done" : "request timeout");
            return true;
        }
        if (now - lastProgress > idleNanos) {
            close("idle timeout");
            return true;
        }
        return false;
    }

    void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        buffered = 0;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway; nothing left to tell the client
        }
        server.closed(this, bytesIn, bytesOut, System.nanoTime() - openedNanos, reason);
    }

    private void completeFinish() {
        if (inputClosed) {
            close("closed by client");
            return;
        }
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close("reset by client");
            return;
        }
        lingering = true;
        deadline = System.nanoTime() + server.lingerNanos();
    }

    /** Writes what it can; false (and closed) if the client is gone. */
    private boolean write(ByteBuffer data) {
        try {
            int n = channel.write(data);
            if (n > 0) {
                bytesOut += n;
                server.countOut(n);
                lastProgress = System.nanoTime();
            }
            return true;
        } catch (IOException e) {
            close("reset by client");
            return false;
        }
    }

    private boolean hasPending() {
        return pending != null && pending.hasRemaining();
    }

    private void updateInterest() {
        if (closed || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (hasPending()) {
            ops |= SelectionKey.OP_WRITE;
        } else if (!inputClosed) {
            ops |= SelectionKey.OP_READ;
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }
}
