package org.wiretop.conv;

import org.wiretop.decode.PacketSummary;

/**
 * One end of a followed conversation: an IPv4 address (in {@code lo}) or an IPv6 one, and a port.
 * Made once a stream, never per packet.
 */
public record Endpoint(boolean v6, long hi, long lo, int port) {
    /** The packet's source (or, with {@code source} false, destination), or null without IP. */
    public static Endpoint of(PacketSummary s, boolean source) {
        if (s.has(PacketSummary.IP4)) {
            return new Endpoint(false, 0, (source ? s.ip4Src : s.ip4Dst) & 0xffffffffL, source ? s.srcPort : s.dstPort);
        }
        if (s.has(PacketSummary.IP6)) {
            return source ? new Endpoint(true, s.ip6SrcHi, s.ip6SrcLo, s.srcPort)
                    : new Endpoint(true, s.ip6DstHi, s.ip6DstLo, s.dstPort);
        }
        return null;
    }

    /** True when the packet's source is this endpoint. */
    public boolean isSourceOf(PacketSummary s) {
        if (s.srcPort != port) {
            return false;
        }
        if (v6) {
            return s.has(PacketSummary.IP6) && s.ip6SrcHi == hi && s.ip6SrcLo == lo;
        }
        return s.has(PacketSummary.IP4) && (s.ip4Src & 0xffffffffL) == lo;
    }

    /** True when the packet's destination is this endpoint. */
    public boolean isDestinationOf(PacketSummary s) {
        if (s.dstPort != port) {
            return false;
        }
        if (v6) {
            return s.has(PacketSummary.IP6) && s.ip6DstHi == hi && s.ip6DstLo == lo;
        }
        return s.has(PacketSummary.IP4) && (s.ip4Dst & 0xffffffffL) == lo;
    }

    /** True when the packet goes between {@code a} and {@code b}, either way. */
    public static boolean between(Endpoint a, Endpoint b, PacketSummary s) {
        return a.isSourceOf(s) && b.isDestinationOf(s) || b.isSourceOf(s) && a.isDestinationOf(s);
    }
}
