package org.wiretop.tui;

import java.util.HashMap;
import java.util.Map;
import org.wiretop.capture.format.Addresses;
import org.wiretop.decode.PacketSummary;

/**
 * Packets with a TCP problem flag (those the Packets view marks red: all of tshark's expert flags
 * but window updates and keep-alives) counted per connection, for the Connections view's
 * {@code Exp} column. A connection is keyed by its two ends written as the Connections table writes
 * them ({@code 127.0.0.1:52340}, {@code [::1]:8080}), in either order. Only flagged packets cost a
 * key; at most {@link #MAX} connections are counted (later ones are not). UI thread only.
 */
public final class ExpertCounts {
    static final int MAX = 65_536;
    private final Map<String, long[]> counts = new HashMap<>();

    /** Counts {@code s} when it carries a problem flag. */
    void count(PacketSummary s) {
        if ((s.tcpAnalysis & PacketRows.PROBLEMS) == 0 || !s.has(PacketSummary.TCP)) {
            return;
        }
        String src, dst;
        if (s.has(PacketSummary.IP4)) {
            src = Addresses.ipv4(s.ip4Src) + ":" + s.srcPort;
            dst = Addresses.ipv4(s.ip4Dst) + ":" + s.dstPort;
        } else if (s.has(PacketSummary.IP6)) {
            src = "[" + Addresses.ipv6(s.ip6SrcHi, s.ip6SrcLo) + "]:" + s.srcPort;
            dst = "[" + Addresses.ipv6(s.ip6DstHi, s.ip6DstLo) + "]:" + s.dstPort;
        } else {
            return;
        }
        String key = key(src, dst);
        long[] n = counts.get(key);
        if (n == null) {
            if (counts.size() >= MAX) {
                return;
            }
            n = new long[1];
            counts.put(key, n);
        }
        n[0]++;
    }

    /** Problem packets seen between {@code local} and {@code remote} (as the Connections table writes them). */
    public long of(String local, String remote) {
        long[] n = counts.get(key(local, remote));
        return n == null ? 0 : n[0];
    }

    private static String key(String a, String b) {
        return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
    }
}
