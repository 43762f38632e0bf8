package org.wiretop.monitor.servers;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
