package org.wiretop.monitor.socket;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fixed set of real sockets on loopback for the socket-table tests: per family a TCP listener
 * with one accepted connection holding 100 unread bytes and one connection left in the accept
 * queue, an unconnected UDP socket with one unread datagram and a connected UDP socket; plus a
 * dual-stack (IPv6 socket, IPv4-mapped address) listener.
 */
final class LoopbackSockets implements Closeable {
    static final int UNREAD_BYTES = 100;

    private final List<NetworkChannel> channels = new ArrayList<>();
    private final Set<Integer> ports = new HashSet<>();

    LoopbackSockets() throws IOException {
        try {
            open(StandardProtocolFamily.INET, InetAddress.getByName("127.0.0.1"));
            open(StandardProtocolFamily.INET6, InetAddress.getByName("::1"));
            ServerSocketChannel dual = keep(ServerSocketChannel.open(StandardProtocolFamily.INET6));
            dual.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 3);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        for (NetworkChannel c : channels) {
            ports.add(((InetSocketAddress) c.getLocalAddress()).getPort());
        }
    }

    private void open(ProtocolFamily family, InetAddress loopback) throws IOException {
        ServerSocketChannel server = keep(ServerSocketChannel.open(family));
        server.bind(new InetSocketAddress(loopback, 0), 5);
        SocketChannel client = keep(SocketChannel.open(family));
        client.connect(server.getLocalAddress());
        SocketChannel accepted = keep(server.accept());
        client.write(ByteBuffer.wrap(new byte[UNREAD_BYTES]));
        keep(SocketChannel.open(family)).connect(server.getLocalAddress()); // stays in the accept queue
        accepted.configureBlocking(false);

        DatagramChannel bound = keep(DatagramChannel.open(family));
        bound.bind(new InetSocketAddress(loopback, 0));
        DatagramChannel connected = keep(DatagramChannel.open(family));
        connected.connect(bound.getLocalAddress());
        connected.write(ByteBuffer.wrap(new byte[32]));
    }

    private <T extends NetworkChannel> T keep(T channel) {
        channels.add(channel);
        return channel;
    }

    /** Local ports of every socket opened here (the accepted ones share their listener's). */
    Set<Integer> ports() {
        return ports;
    }

    @Override
    public void close() throws IOException {
        for (NetworkChannel c : channels) {
            c.close();
        }
    }
}
