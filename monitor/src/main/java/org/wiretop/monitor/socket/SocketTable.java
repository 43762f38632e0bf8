package org.wiretop.monitor.socket;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the kernel's TCP and UDP sockets (what {@code ss -tuanp} prints),
 * safe to hand to any thread. {@link #owner} answers "which local socket is this flow?" for the
 * socket ↔ flow join.
 */
public final class SocketTable {
    private final List<SocketEntry> entries;
    private final String source;
    private final long takenAtMillis;
    private volatile Lookup lookup; // built on first use: the CLI never needs it

    public SocketTable(List<SocketEntry> entries, String source, long takenAtMillis) {
        this.entries = List.copyOf(entries);
        this.source = source;
        this.takenAtMillis = takenAtMillis;
    }

    /** Every socket, in the order the source listed them. */
    public List<SocketEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** Where the snapshot came from: {@code sock_diag} or {@code /proc/net}. */
    public String source() {
        return source;
    }

    /** Wall-clock time of the snapshot, epoch milliseconds. */
    public long takenAtMillis() {
        return takenAtMillis;
    }

    /**
     * The local socket that carries a flow seen on the wire: first the socket with this exact
     * 4-tuple, else one waiting on the local port (a TCP listener or a bound UDP socket) whose
     * address is the local address, or the wildcard {@code 0.0.0.0} / {@code ::}. IPv4-mapped
     * IPv6 addresses match their IPv4 form either way.
     */
    public Optional<SocketEntry> owner(Proto proto, InetAddress localAddr, int localPort,
                                       InetAddress remoteAddr, int remotePort) {
        Lookup l = lookup;
        if (l == null) {
            l = new Lookup(entries);
            lookup = l;
        }
        InetAddress local = unmapped(localAddr);
        SocketEntry exact = l.connected.get(new TupleKey(proto, local, localPort, unmapped(remoteAddr), remotePort));
        if (exact != null) {
            return Optional.of(exact);
        }
        SocketEntry best = null;
        int bestRank = Integer.MAX_VALUE;
        for (SocketEntry e : l.waiting.getOrDefault(new PortKey(proto, localPort), List.of())) {
            int rank = listenerRank(e.localAddr(), local);
            if (rank < bestRank) {
                best = e;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** 0 = bound to this very address, 1 = wildcard of its family, 2 = IPv6 wildcard for IPv4, else no match. */
    private static int listenerRank(InetAddress bound, InetAddress local) {
        if (bound.equals(local)) {
            return 0;
        }
        if (bound.isAnyLocalAddress()) {
            boolean sameFamily = (bound instanceof Inet4Address) == (local instanceof Inet4Address);
            if (sameFamily) {
                return 1;
            }
            if (local instanceof Inet4Address) {
                return 2; // a dual-stack "::" socket also takes IPv4 (unless IPV6_V6ONLY)
            }
        }
        return Integer.MAX_VALUE;
    }

    /** ::ffff:a.b.c.d → a.b.c.d, so IPv4 flows meet dual-stack sockets (InetAddress does it for byte[] input only). */
    static InetAddress unmapped(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16 && isV4Mapped(b)) {
            try {
                return InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
            } catch (UnknownHostException e) {
                throw new AssertionError(e); // 4 bytes are always a valid address
            }
        }
        return a;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private record TupleKey(Proto proto, InetAddress local, int localPort, InetAddress remote, int remotePort) {
    }

    private record PortKey(Proto proto, int port) {
    }

    /** Hash indexes over the entries, built once per snapshot. */
    private static final class Lookup {
        final Map<TupleKey, SocketEntry> connected = new HashMap<>();
        final Map<PortKey, List<SocketEntry>> waiting = new HashMap<>();

        Lookup(List<SocketEntry> entries) {
            for (SocketEntry e : entries) {
                if (e.state().isListening()) {
                    waiting.computeIfAbsent(new PortKey(e.proto(), e.localPort()), k -> new ArrayList<>(2)).add(e);
                } else {
                    TupleKey key = new TupleKey(e.proto(), unmapped(e.localAddr()), e.localPort(),
                            unmapped(e.remoteAddr()), e.remotePort());
                    // A live socket wins over a TIME_WAIT leftover (inode 0) of the same 4-tuple.
                    connected.merge(key, e, (old, neu) -> old.inode() != 0 ? old : neu);
                }
            }
        }
    }
}
