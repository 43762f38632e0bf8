package org.wiretop.monitor.flow;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.wiretop.capture.format.Addresses;

/**
 * One side of a conversation: an IPv4 or IPv6 address and a port (0 for protocols without ports).
 * IPv4 addresses are kept in the low 32 bits of {@code lo} (and {@code hi} = 0), as the decoder's
 * int; IPv6 as its high and low 64 bits.
 *
 * @param family 4 or 6
 * @param hi     the address's high 64 bits (0 for IPv4)
 * @param lo     the address's low 64 bits (IPv4: the address, unsigned)
 * @param port   the port, 0–65535
 */
public record FlowEndpoint(int family, long hi, long lo, int port) {

    /** An IPv4 endpoint from the decoder's int address. */
    public static FlowEndpoint ipv4(int address, int port) {
        return new FlowEndpoint(4, 0, address & 0xFFFFFFFFL, port);
    }

    /** An IPv6 endpoint from the decoder's two longs. */
    public static FlowEndpoint ipv6(long hi, long lo, int port) {
        return new FlowEndpoint(6, hi, lo, port);
    }

    /** The address as tcpdump prints it ({@code 127.0.0.1}, {@code ::1}). */
    public String address() {
        return family == 4 ? Addresses.ipv4((int) lo) : Addresses.ipv6(hi, lo);
    }

    /** The address as 4 or 16 network-order bytes. */
    public byte[] addressBytes() {
        byte[] b = new byte[family == 4 ? 4 : 16];
        if (family == 4) {
            putInt(b, 0, (int) lo);
        } else {
            putLong(b, 0, hi);
            putLong(b, 8, lo);
        }
        return b;
    }

    /** The address as an {@link InetAddress} (no name lookup). */
    public InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(addressBytes());
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always an address", e);
        }
    }

    /** {@code 127.0.0.1:80} or {@code [::1]:80}. */
    @Override
    public String toString() {
        return family == 6 ? "[" + address() + "]:" + port : address() + ":" + port;
    }

    private static void putLong(byte[] b, int off, long v) {
        for (int i = 7; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static void putInt(byte[] b, int off, int v) {
        for (int i = 3; i >= 0; i--) {
            b[off + i] = (byte) v;
            v >>>= 8;
        }
    }
}
