package org.wiretop.monitor.flow;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wiretop.monitor.socket.SocketEntry;
import org.wiretop.monitor.socket.SocketTable;

/**
 * The owners of the sockets waiting for peers (TCP listeners, bound UDP sockets), from the
 * latest snapshot, for the writer thread to name a flow's server end on its first packet
 * without a syscall or a wait. Immutable; a lookup allocates nothing: listeners are sorted by
 * (protocol, port) and a binary search finds the few on a port, then the best address match
 * wins as {@link SocketTable#owner} ranks it: the address itself (an IPv4-mapped IPv6 address
 * counts as its IPv4 form), then the wildcard of the flow's family, then {@code ::} for IPv4
 * (a dual-stack socket). A wildcard matches any address, so callers ask only for ends known to
 * be local.
 */
public final class ListenerIndex {
    public static final ListenerIndex EMPTY = new ListenerIndex(List.of());
    private static final long V4_MAPPED_HI = 0, V4_MAPPED_PREFIX = 0xFFFFL << 32;

    private final long[] keys;
    private final int[] families;
    private final long[] his;
    private final long[] los;
    private final ProcessTag[] tags;

    private ListenerIndex(List<Listener> listeners) {
        int n = listeners.size();
        keys = new long[n];
        families = new int[n];
        his = new long[n];
        los = new long[n];
        tags = new ProcessTag[n];
        for (int i = 0; i < n; i++) {
            Listener l = listeners.get(i);
            keys[i] = l.key;
            families[i] = l.family;
            his[i] = l.hi;
            los[i] = l.lo;
            tags[i] = l.tag;
        }
    }

    private record Listener(long key, int family, long hi, long lo, ProcessTag tag) {
    }

    /** The listening sockets of {@code table} whose owner is known; one tag per process. */
    public static ListenerIndex of(SocketTable table) {
        List<Listener> all = new ArrayList<>();
        Map<String, ProcessTag> shared = new HashMap<>();
        for (SocketEntry e : table.entries()) {
            if (!e.state().isListening() || e.owner() == null) {
                continue;
            }
            ProcessTag tag = shared.computeIfAbsent(e.owner().pid() + "/" + e.owner().program(),
                    k -> ProcessTag.of(e.owner()));
            InetAddress a = e.localAddr();
            byte[] b = a.getAddress();
            long hi = 0, lo = 0;
            if (a instanceof Inet4Address) {
                lo = bits(b, 0, 4);
            } else {
                hi = bits(b, 0, 8);
                lo = bits(b, 8, 8);
            }
            all.add(new Listener(key(e.proto().ipProtocol(), e.localPort()), b.length == 4 ? 4 : 6, hi, lo, tag));
        }
        all.sort(Comparator.comparingLong(Listener::key));
        return new ListenerIndex(all);
    }

    /** Listeners known. */
    public int size() {
        return keys.length;
    }

    /**
     * The owner of the socket waiting on this local endpoint, or null.
     *
     * @param family 4 or 6; {@code hi}/{@code lo} as in {@link FlowEndpoint}
     */
    public ProcessTag find(int protocol, int family, long hi, long lo, int port) {
        long key = key(protocol, port);
        int i = Arrays.binarySearch(keys, key);
        if (i < 0) {
            return null;
        }
        while (i > 0 && keys[i - 1] == key) {
            i--;
        }
        ProcessTag best = null;
        int bestRank = Integer.MAX_VALUE;
        for (; i < keys.length && keys[i] == key; i++) {
            int rank = rank(families[i], his[i], los[i], family, hi, lo);
            if (rank < bestRank) {
                bestRank = rank;
                best = tags[i];
            }
        }
        return best;
    }

    /** 0 = bound to this address, 1 = wildcard of its family, 2 = {@code ::} taking IPv4, else no match. */
    private static int rank(int lf, long lHi, long lLo, int family, long hi, long lo) {
        if (lf == family && lHi == hi && lLo == lo) {
            return 0;
        }
        if (lf == 6 && family == 4 && lHi == V4_MAPPED_HI && lLo == (V4_MAPPED_PREFIX | lo)) {
            return 0;
        }
        if (lHi == 0 && lLo == 0) {
            return lf == family ? 1 : lf == 6 ? 2 : Integer.MAX_VALUE;
        }
        return Integer.MAX_VALUE;
    }

    private static long key(int protocol, int port) {
        return (long) protocol << 16 | port;
    }

    private static long bits(byte[] b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
