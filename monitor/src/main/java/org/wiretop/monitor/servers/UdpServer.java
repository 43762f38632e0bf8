package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * upper: each UDP datagram back to its sender with ASCII letters upper-cased (other bytes
 * untouched, so the length is kept). One selector, one thread, one reused buffer; no per-client
 * state, so nothing to bound but the socket buffers.
 */
final class UdpServer implements RunningServer {
    /** Largest UDP payload (65,535 - 8; IPv4's limit of 65,507 is smaller) plus one, to see a whole datagram. */
    static final int MAX_DATAGRAM = 65536;
    private static final int DATAGRAMS_PER_WAKEUP = 64;
    private static final int SOCKET_BUFFER = 1 << 20;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private final Selector selector;
    private final Consumer<ServerEvent> events;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final Instant started = Instant.now();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long datagrams;
    private volatile long bytesIn;
    private volatile long bytesOut;

    private UdpServer(DatagramChannel channel, Selector selector, Consumer<ServerEvent> events) throws IOException {
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
        this.selector = selector;
        this.events = events;
        channel.register(selector, SelectionKey.OP_READ);
        this.thread = new Thread(this::loop, "wiretop-upper-" + local.getPort());
        this.thread.setDaemon(true);
    }

    static UdpServer start(InetSocketAddress address, Consumer<ServerEvent> events) throws ServerStartException {
        DatagramChannel channel;
        try {
            channel = Endpoints.datagramChannel(address);
        } catch (IOException e) {
            throw new ServerStartException("cannot start upper: " + e.getMessage(), e);
        }
        Binding.bind(ServerKind.UPPER, channel, address, () -> channel.bind(address));
        try {
            // Room for a burst of the largest datagrams before the kernel drops any.
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.configureBlocking(false);
            UdpServer server = new UdpServer(channel, Selector.open(), events);
            events.accept(new ServerEvent.Listening("upper", Instant.now(), ServerKind.Transport.UDP, server.local));
            server.thread.start();
            return server;
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // reporting the first failure
            }
            throw new ServerStartException("cannot start upper: " + e.getMessage(), e);
        }
    }

    /** ASCII a-z to A-Z in place, between position and limit. */
    static void upperCase(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            byte c = b.get(i);
            if (c >= 'a' && c <= 'z') {
                b.put(i, (byte) (c - 32));
            }
        }
    }

    @Override
    public ServerKind kind() {
        return ServerKind.UPPER;
    }

    @Override
    public InetSocketAddress local() {
        return local;
    }

    @Override
    public ServerStatus status() {
        return new ServerStatus(ServerKind.UPPER, local, started, 0, datagrams, 0, bytesIn, bytesOut);
    }

    @Override
    public List<ConnectionInfo> connections() {
        return List.of();
    }

    @Override
    public void stop() {
        running = false;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        try {
            while (running) {
                selector.select(key -> drain(), 1000);
            }
        } catch (IOException | RuntimeException e) {
            events.accept(new ServerEvent.Problem("upper", Instant.now(), "stopped by an error: " + e));
        } finally {
            try {
                channel.close();
                selector.close();
            } catch (IOException e) {
                // stopping anyway
            }
            events.accept(new ServerEvent.Stopped("upper", Instant.now()));
        }
    }

    private void drain() {
        for (int i = 0; i < DATAGRAMS_PER_WAKEUP; i++) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                // e.g. an ICMP error for an earlier reply: that client is gone, serve the next
                continue;
            }
            if (from == null) {
                return;
            }
            buffer.flip();
            int in = buffer.remaining();
            upperCase(buffer);
            int out;
            try {
                out = channel.send(buffer, from); // 0 when the send buffer is full: UDP may drop
            } catch (IOException e) {
                out = 0;
            }
            datagrams++;
            bytesIn += in;
            bytesOut += out;
            events.accept(new ServerEvent.Datagram("upper", Instant.now(), (InetSocketAddress) from, in, out));
        }
    }
}
