package org.wiretop.monitor.servers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.List;

/** The loopback addresses tests use; ::1 only where the machine has IPv6. */
final class Loopbacks {
    private Loopbacks() {
    }

    static List<String> addresses() {
        return ipv6Available() ? List.of("127.0.0.1", "::1") : List.of("127.0.0.1");
    }

    static boolean ipv6Available() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
