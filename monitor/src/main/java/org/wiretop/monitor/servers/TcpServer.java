package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One TCP server: a listening socket and every client on one selector and one thread
 * (no thread per client). The protocol lives in a {@link ConnectionHandler}; this class
 * accepts, enforces the {@link ServerLimits} and reports {@link ServerEvent}s.
 */
final class TcpServer implements RunningServer {
    private static final int ACCEPTS_PER_WAKEUP = 64;
    private static final long JOIN_MILLIS = 5000;

    private final ServerKind kind;
    private final ServerLimits limits;
    private final Consumer<ServerEvent> events;
    private final ServerSocketChannel listener;
    private final InetSocketAddress local;
    private final Selector selector;
    private final SelectionKey acceptKey;
    /** One direct buffer for every read of every client: no allocation per read. */
    private final ByteBuffer readBuffer;
    private final Map<Long, TcpConnection> live = new ConcurrentHashMap<>();
    private final Instant started = Instant.now();
    private final long idleNanos;
    private final long tickMillis;
    private final Thread thread;
    private volatile boolean running = true;
    private long nextId = 1;
    private volatile long accepted;
    private volatile long refused;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private boolean acceptPaused;

    private TcpServer(ServerKind kind, ServerLimits limits, Consumer<ServerEvent> events, ServerSocketChannel listener,
                      Selector selector) throws IOException {
        this.kind = kind;
        this.limits = limits;
        this.events = events;
        this.listener = listener;
        this.local = (InetSocketAddress) listener.getLocalAddress();
        this.selector = selector;
        this.acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
        this.readBuffer = ByteBuffer.allocateDirect(limits.bufferCap());
        this.idleNanos = limits.idleTimeout().toNanos();
        // Sweep for idle clients a few times per timeout, at least once a second.
        this.tickMillis = Math.max(10, Math.min(1000, Math.min(limits.idleTimeout().toMillis(),
                Math.max(1, limits.lingerTimeout().toMillis())) / 4));
        this.thread = new Thread(this::loop, "wiretop-" + kind.id() + "-" + local.getPort());
        this.thread.setDaemon(true);
    }

    /** Binds (reporting a taken port in one line) and starts serving on a thread of its own. */
    static TcpServer start(ServerKind kind, InetSocketAddress address, ServerLimits limits,
                           Consumer<ServerEvent> events) throws ServerStartException {
        ServerSocketChannel channel;
        try {
            channel = Endpoints.serverChannel(address);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        } catch (IOException e) {
            throw new ServerStartException("cannot start " + kind.id() + ": " + e.getMessage(), e);
        }
        Binding.bind(kind, channel, address, () -> channel.bind(address, Math.min(limits.maxConnections(), 4096)));
        try {
            channel.configureBlocking(false);
            TcpServer server = new TcpServer(kind, limits, events, channel, Selector.open());
            server.events.accept(new ServerEvent.Listening(kind.id(), Instant.now(), ServerKind.Transport.TCP, server.local));
            server.thread.start();
            return server;
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw new ServerStartException("cannot start " + kind.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ServerKind kind() {
        return kind;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public ServerStatus status() {
        return new ServerStatus(kind, local, started, live.size(), accepted, refused, bytesIn, bytesOut);
    }

    @Override
    public List<ConnectionInfo> connections() {
        List<ConnectionInfo> list = new ArrayList<>(live.size());
        for (TcpConnection c : live.values()) {
            list.add(c.info());
        }
        return list;
    }

    @Override
    public void stop() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    long idleNanos() {
        return idleNanos;
    }

    long lingerNanos() {
        return limits.lingerTimeout().toNanos();
    }

    void countIn(int n) {
        bytesIn += n;
    }

    void countOut(int n) {
        bytesOut += n;
    }

    void closed(TcpConnection c, long in, long out, long nanos, String reason) {
        live.remove(c.id());
        events.accept(new ServerEvent.Closed(kind.id(), Instant.now(), c.id(), c.remote(), in, out,
                java.time.Duration.ofNanos(nanos), reason));
    }

    private void loop() {
        long nextSweep = System.nanoTime();
        try {
            while (running) {
                selector.select(this::ready, tickMillis);
                long now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep(now);
                    nextSweep = now + TimeUnit.MILLISECONDS.toNanos(tickMillis);
                }
            }
        } catch (IOException | RuntimeException e) {
            events.accept(new ServerEvent.Problem(kind.id(), Instant.now(), "stopped by an error: " + e));
        } finally {
            shutdown();
        }
    }

    private void ready(SelectionKey key) {
        if (key == acceptKey) {
            acceptAll();
            return;
        }
        TcpConnection c = (TcpConnection) key.attachment();
        if (key.isValid() && key.isWritable()) {
            c.onWritable();
        }
        if (key.isValid() && key.isReadable()) {
            c.onReadable(readBuffer);
        }
    }

    private void acceptAll() {
        for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                // Usually out of file descriptors: stop accepting until the next sweep, else the
                // still-pending connection would make the selector spin.
                events.accept(new ServerEvent.Problem(kind.id(), Instant.now(), "cannot accept: " + e.getMessage()));
                acceptKey.interestOps(0);
                acceptPaused = true;
                return;
            }
            if (client == null) {
                return;
            }
            register(client);
        }
    }

    private void register(SocketChannel client) {
        InetSocketAddress remote;
        try {
            remote = (InetSocketAddress) client.getRemoteAddress();
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        if (live.size() >= limits.maxConnections()) {
            // Count and report before closing, so a client that sees the close finds the event.
            refused++;
            events.accept(new ServerEvent.Refused(kind.id(), Instant.now(), remote,
                    "server full (" + limits.maxConnections() + " connections)"));
            closeQuietly(client);
            return;
        }
        try {
            client.configureBlocking(false);
            // Echo answers each read with one write: Nagle would hold back small replies.
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            TcpConnection c = new TcpConnection(this, nextId++, client, remote, limits.bufferCap());
            c.attach(client.register(selector, SelectionKey.OP_READ, c), kind.newHandler(limits));
            live.put(c.id(), c);
            accepted++;
            events.accept(new ServerEvent.Accepted(kind.id(), Instant.now(), c.id(), remote));
            c.open();
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void sweep(long now) {
        for (TcpConnection c : live.values()) {
            c.expireIfDue(now, idleNanos);
        }
        if (acceptPaused) {
            acceptPaused = false;
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private void shutdown() {
        for (TcpConnection c : new ArrayList<>(live.values())) {
            c.close("server stopped");
        }
        closeQuietly(listener);
        try {
            selector.close();
        } catch (IOException e) {
            // stopping anyway
        }
        events.accept(new ServerEvent.Stopped(kind.id(), Instant.now()));
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do: the socket is going away either way
        }
    }
}
