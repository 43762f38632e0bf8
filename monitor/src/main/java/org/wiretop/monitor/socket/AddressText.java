package org.wiretop.monitor.socket;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.wiretop.capture.format.Addresses;

/**
 * Prints a socket address as glibc's inet_ntop does (so as ss and netstat do), keeping the
 * socket's family: an IPv4-mapped address on an IPv6 socket prints as {@code ::ffff:a.b.c.d}.
 */
final class AddressText {
    private AddressText() {
    }

    static String of(InetAddress address, int family) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int v4 = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            if (family == 6 && address instanceof Inet4Address) {
                return Addresses.ipv6(0L, 0xffff_0000_0000L | (v4 & 0xffffffffL));
            }
            return Addresses.ipv4(v4);
        }
        return Addresses.ipv6(longAt(b, 0), longAt(b, 8));
    }

    private static long longAt(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
