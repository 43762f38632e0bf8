package org.wiretop.monitor.socket;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reuses {@link InetAddress} objects across the thousands of sockets of a dump, which share a
 * handful of addresses (loopback, the wildcard, the host's own): a direct-mapped cache, so a hit
 * allocates nothing and a miss just replaces its slot. Not thread-safe: one per provider.
 */
final class AddressCache {
    private static final int SLOTS = 1024; // a power of two

    private final int[] v4Keys = new int[SLOTS];
    private final InetAddress[] v4 = new InetAddress[SLOTS];
    private final long[] v6High = new long[SLOTS];
    private final long[] v6Low = new long[SLOTS];
    private final InetAddress[] v6 = new InetAddress[SLOTS];

    /** The address for an IPv4 number (first octet in the high byte). */
    InetAddress ipv4(int address) {
        int slot = mix(address) & (SLOTS - 1);
        InetAddress cached = v4[slot];
        if (cached != null && v4Keys[slot] == address) {
            return cached;
        }
        InetAddress a = create(new byte[]{(byte) (address >>> 24), (byte) (address >>> 16),
                (byte) (address >>> 8), (byte) address});
        v4Keys[slot] = address;
        v4[slot] = a;
        return a;
    }

    /** The address for an IPv6 number; an IPv4-mapped one comes back as its IPv4 form, as InetAddress does. */
    InetAddress ipv6(long high, long low) {
        int slot = mix((int) (high ^ (high >>> 32) ^ low ^ (low >>> 32))) & (SLOTS - 1);
        InetAddress cached = v6[slot];
        if (cached != null && v6High[slot] == high && v6Low[slot] == low) {
            return cached;
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (high >>> (56 - 8 * i));
            b[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        InetAddress a = create(b);
        v6High[slot] = high;
        v6Low[slot] = low;
        v6[slot] = a;
        return a;
    }

    private static int mix(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private static InetAddress create(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // only thrown for lengths other than 4 and 16
        }
    }
}
