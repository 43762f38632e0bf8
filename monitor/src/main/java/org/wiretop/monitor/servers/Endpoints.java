package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import org.wiretop.capture.format.Addresses;

/** Socket addresses as people write them: {@code [::1]:80}, and as the notes print a peer, {@code ('::1', 80)}. */
public final class Endpoints {
    private Endpoints() {
    }

    /** {@code 127.0.0.1} or the shortest IPv6 text ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
    public static String text(InetAddress address) {
        if (address instanceof Inet6Address) {
            return Addresses.ipv6(address.getAddress());
        }
        return address.getHostAddress();
    }

    /**
     * The socket family for an address: IPv4 sockets for IPv4 addresses (so {@code ss} lists a
     * server on 127.0.0.1 as {@code tcp 127.0.0.1:12345}, not as a dual-stack
     * {@code [::ffff:127.0.0.1]}), IPv6 for IPv6 ones; {@code ::} stays dual-stack.
     */
    static StandardProtocolFamily family(InetSocketAddress a) {
        return a.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /** A server socket of the address's family (see {@link #family}). */
    static ServerSocketChannel serverChannel(InetSocketAddress a) throws IOException {
        try {
            return a.getAddress() == null ? ServerSocketChannel.open() : ServerSocketChannel.open(family(a));
        } catch (UnsupportedOperationException e) {
            throw noFamily(e);
        }
    }

    /** A datagram socket of the address's family (see {@link #family}). */
    static DatagramChannel datagramChannel(InetSocketAddress a) throws IOException {
        try {
            return a.getAddress() == null ? DatagramChannel.open() : DatagramChannel.open(family(a));
        } catch (UnsupportedOperationException e) {
            throw noFamily(e);
        }
    }

    /** An unconnected blocking TCP socket of the family of the address it will connect to. */
    static Socket clientSocket(InetSocketAddress to) throws IOException {
        try {
            return to.getAddress() == null ? new Socket() : SocketChannel.open(family(to)).socket();
        } catch (UnsupportedOperationException e) {
            throw noFamily(e);
        }
    }

    /** The JDK says "Protocol family unavailable" where IPv6 is off: the same words as a bind's refusal. */
    private static java.net.SocketException noFamily(UnsupportedOperationException e) {
        java.net.SocketException s = new java.net.SocketException("Protocol family unavailable");
        s.initCause(e);
        return s;
    }

    /** {@code 127.0.0.1:80} or {@code [::1]:80}. */
    public static String hostPort(InetSocketAddress a) {
        String host = host(a);
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** {@code ('127.0.0.1', 42528)}, as the socket-programming notes print a peer. */
    public static String tuple(InetSocketAddress a) {
        return "('" + host(a) + "', " + a.getPort() + ")";
    }

    private static String host(InetSocketAddress a) {
        return a.getAddress() == null ? a.getHostString() : text(a.getAddress());
    }
}
