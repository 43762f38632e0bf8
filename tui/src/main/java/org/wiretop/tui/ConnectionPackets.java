package org.wiretop.tui;

import org.wiretop.capture.format.Addresses;
import org.wiretop.decode.PacketSummary;
import org.wiretop.tui.model.ConnRow;

/**
 * Finds the ring's newest packet of a Connections row (its two ends, either way), so {@code f}
 * there opens the Follow view on its stream. Looks back at most {@link #SCAN} packets (a key
 * press's worth of decoding); UI thread.
 */
final class ConnectionPackets {
    static final int SCAN = 200_000;

    private ConnectionPackets() {
    }

    /** The packet's sequence number in the ring, or -1. */
    static long newest(PacketRing ring, DecodeChoices choices, ConnRow row) {
        int protocol = row.proto().equals("tcp") ? PacketSummary.TCP : row.proto().equals("udp") ? PacketSummary.UDP : 0;
        if (protocol == 0) {
            return -1;
        }
        PacketSummary s = new PacketSummary();
        PacketRing.Scratch scratch = new PacketRing.Scratch();
        DecodeChoices.Follower decoders = choices.follower();
        long stop = Math.max(ring.first(), ring.end() - SCAN);
        for (long seq = ring.end() - 1; seq >= stop; seq--) {
            if (!ring.readInto(seq, scratch)) {
                continue;
            }
            decoders.decoder().decode(ring.linkType(), scratch.data, scratch.length, scratch.wireLength, s);
            if (!s.has(protocol)) {
                continue;
            }
            String src = end(s, true), dst = end(s, false);
            if (src != null && (src.equals(row.local()) && dst.equals(row.remote())
                    || src.equals(row.remote()) && dst.equals(row.local()))) {
                return seq;
            }
        }
        return -1;
    }

    /** An end as the Connections table writes it ({@code 127.0.0.1:52340}, {@code [::1]:8080}), or null. */
    private static String end(PacketSummary s, boolean source) {
        int port = source ? s.srcPort : s.dstPort;
        if (s.has(PacketSummary.IP4)) {
            return Addresses.ipv4(source ? s.ip4Src : s.ip4Dst) + ":" + port;
        }
        if (s.has(PacketSummary.IP6)) {
            return "[" + (source ? Addresses.ipv6(s.ip6SrcHi, s.ip6SrcLo) : Addresses.ipv6(s.ip6DstHi, s.ip6DstLo)) + "]:" + port;
        }
        return null;
    }
}
