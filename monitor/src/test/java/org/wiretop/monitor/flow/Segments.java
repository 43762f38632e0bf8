package org.wiretop.monitor.flow;

import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/** Builds decoder summaries by hand, as the decoder would fill them, for flow-table tests. */
final class Segments {
    static final int SYN = PacketSummary.SYN, ACK = PacketSummary.ACK, FIN = PacketSummary.FIN,
            RST = PacketSummary.RST, PSH = PacketSummary.PSH;
    static final long MS = 1_000_000L, SEC = 1_000_000_000L;

    private Segments() {
    }

    static int ip4(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** A TCP/IPv4 segment: 54 bytes of headers on the wire plus the payload. */
    static PacketSummary tcp4(PacketSummary s, long t, int src, int sport, int dst, int dport,
                              int flags, long seq, long ack, int payload) {
        s.clear();
        s.status = Status.OK;
        s.epochNanos = t;
        s.layers = PacketSummary.ETH | PacketSummary.IP4 | PacketSummary.TCP;
        s.ip4Src = src;
        s.ip4Dst = dst;
        s.ipProto = 6;
        s.transportProtocol = 6;
        s.srcPort = sport;
        s.dstPort = dport;
        s.tcpFlags = flags;
        s.tcpSeq = seq & 0xFFFFFFFFL;
        s.tcpAck = ack & 0xFFFFFFFFL;
        s.tcpPayloadLength = payload;
        s.wireLength = 54 + payload;
        s.capturedLength = s.wireLength;
        return s;
    }

    static PacketSummary tcp4(long t, int src, int sport, int dst, int dport, int flags, long seq, long ack, int payload) {
        return tcp4(new PacketSummary(), t, src, sport, dst, dport, flags, seq, ack, payload);
    }

    /** A UDP/IPv4 datagram: 42 bytes of headers plus the payload. */
    static PacketSummary udp4(long t, int src, int sport, int dst, int dport, int payload) {
        PacketSummary s = new PacketSummary();
        s.epochNanos = t;
        s.layers = PacketSummary.ETH | PacketSummary.IP4 | PacketSummary.UDP;
        s.ip4Src = src;
        s.ip4Dst = dst;
        s.ipProto = 17;
        s.transportProtocol = 17;
        s.srcPort = sport;
        s.dstPort = dport;
        s.udpLength = 8 + payload;
        s.udpPayloadLength = payload;
        s.wireLength = 42 + payload;
        return s;
    }

    /** A TCP/IPv6 segment: 74 bytes of headers plus the payload. */
    static PacketSummary tcp6(long t, long srcHi, long srcLo, int sport, long dstHi, long dstLo, int dport,
                              int flags, long seq, long ack, int payload) {
        PacketSummary s = new PacketSummary();
        s.epochNanos = t;
        s.layers = PacketSummary.ETH | PacketSummary.IP6 | PacketSummary.TCP;
        s.ip6SrcHi = srcHi;
        s.ip6SrcLo = srcLo;
        s.ip6DstHi = dstHi;
        s.ip6DstLo = dstLo;
        s.ip6NextHeader = 6;
        s.transportProtocol = 6;
        s.srcPort = sport;
        s.dstPort = dport;
        s.tcpFlags = flags;
        s.tcpSeq = seq;
        s.tcpAck = ack;
        s.tcpPayloadLength = payload;
        s.wireLength = 74 + payload;
        return s;
    }
}
