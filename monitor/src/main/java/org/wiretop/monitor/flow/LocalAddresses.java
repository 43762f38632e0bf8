package org.wiretop.monitor.flow;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The host's own addresses, used to tell which side of a flow is local when the link layer does
 * not say (only SLL/SLL2, i.e. {@code any}, carries a packet direction). Loopback interfaces
 * contribute their whole prefix (all of 127.0.0.0/8 is local on Linux); others their exact
 * addresses. Immutable; build one with {@link #fromSystem()} or, in tests, {@link #of}.
 */
public final class LocalAddresses {
    private final int[] families;
    private final long[] his;
    private final long[] los;
    private final int[] prefixes;

    private LocalAddresses(List<long[]> entries) {
        int n = entries.size();
        families = new int[n];
        his = new long[n];
        los = new long[n];
        prefixes = new int[n];
        for (int i = 0; i < n; i++) {
            long[] e = entries.get(i);
            families[i] = (int) e[0];
            his[i] = e[1];
            los[i] = e[2];
            prefixes[i] = (int) e[3];
        }
    }

    /** No address is local (direction then comes only from the link layer). */
    public static LocalAddresses none() {
        return new LocalAddresses(List.of());
    }

    /** Exactly these addresses (each a /32 or /128). */
    public static LocalAddresses of(InetAddress... addresses) {
        List<long[]> entries = new ArrayList<>();
        for (InetAddress a : addresses) {
            entries.add(entry(a, a instanceof Inet4Address ? 32 : 128));
        }
        return new LocalAddresses(entries);
    }

    /**
     * The addresses of every interface of this host, read once. If the system refuses to list
     * them, only loopback (127.0.0.0/8 and ::1) is assumed.
     */
    public static LocalAddresses fromSystem() {
        List<long[]> entries = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                boolean loopback = nif.isLoopback();
                for (InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    InetAddress a = ia.getAddress();
                    int full = a instanceof Inet4Address ? 32 : 128;
                    entries.add(entry(a, loopback ? ia.getNetworkPrefixLength() : full));
                }
            }
        } catch (SocketException e) {
            entries.clear();
        }
        if (entries.isEmpty()) {
            entries.add(new long[] {4, 0, 0x7F000000L, 8});
            entries.add(new long[] {6, 0, 1, 128});
        }
        return new LocalAddresses(entries);
    }

    /** Whether the address ({@link FlowEndpoint} encoding) belongs to this host. */
    public boolean contains(int family, long hi, long lo) {
        for (int i = 0; i < families.length; i++) {
            if (families[i] == family && samePrefix(his[i], los[i], hi, lo, family, prefixes[i])) {
                return true;
            }
        }
        return false;
    }

    /** Number of address entries (for diagnostics). */
    public int size() {
        return families.length;
    }

    private static boolean samePrefix(long aHi, long aLo, long bHi, long bLo, int family, int prefix) {
        if (family == 4) {
            long m = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            return (aLo & m) == (bLo & m);
        }
        if (prefix <= 64) {
            long m = prefix == 0 ? 0 : -1L << (64 - prefix);
            return (aHi & m) == (bHi & m);
        }
        long m = prefix == 128 ? -1L : -1L << (128 - prefix);
        return aHi == bHi && (aLo & m) == (bLo & m);
    }

    private static long[] entry(InetAddress a, int prefix) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return new long[] {4, 0, readUnsigned(b, 0, 4), Math.max(0, Math.min(32, prefix))};
        }
        return new long[] {6, readUnsigned(b, 0, 8), readUnsigned(b, 8, 8), Math.max(0, Math.min(128, prefix))};
    }

    private static long readUnsigned(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
