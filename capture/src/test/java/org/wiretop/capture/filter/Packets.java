package org.wiretop.capture.filter;

import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/** Hand-filled summaries for filter tests (what the decoder would produce). */
final class Packets {
    private Packets() {
    }

    static int ip4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    static PacketSummary eth() {
        PacketSummary s = new PacketSummary();
        s.frameNumber = 1;
        s.wireLength = 74;
        s.capturedLength = 74;
        s.layers = PacketSummary.ETH;
        s.ethSrc = 0x001122334455L;
        s.ethDst = 0xffffffffffffL;
        return s;
    }

    /** Ethernet / IPv4 src→dst / TCP sport→dport with the given flags. */
    static PacketSummary tcp4(int src, int sport, int dst, int dport, int flags) {
        PacketSummary s = eth();
        s.ethType = 0x0800;
        s.layers |= PacketSummary.IP4 | PacketSummary.TCP;
        s.ip4Src = src;
        s.ip4Dst = dst;
        s.ipProto = 6;
        s.ipTtl = 64;
        s.ipTotalLength = 60;
        s.ipId = 0x1234;
        s.ipDf = true;
        s.ipFragOffset = 0;
        s.transportProtocol = 6;
        s.srcPort = sport;
        s.dstPort = dport;
        s.tcpSeq = 0xfffffff0L;
        s.tcpAck = 0;
        s.tcpFlags = flags;
        s.tcpWindow = 65535;
        s.tcpPayloadLength = 0;
        return s;
    }

    static PacketSummary udp4(int src, int sport, int dst, int dport) {
        PacketSummary s = eth();
        s.ethType = 0x0800;
        s.layers |= PacketSummary.IP4 | PacketSummary.UDP;
        s.ip4Src = src;
        s.ip4Dst = dst;
        s.ipProto = 17;
        s.ipTtl = 1;
        s.transportProtocol = 17;
        s.srcPort = sport;
        s.dstPort = dport;
        s.udpLength = 20;
        return s;
    }

    static PacketSummary udp6(long srcHi, long srcLo, long dstHi, long dstLo, int sport, int dport) {
        PacketSummary s = eth();
        s.ethType = 0x86dd;
        s.layers |= PacketSummary.IP6 | PacketSummary.UDP;
        s.ip6SrcHi = srcHi;
        s.ip6SrcLo = srcLo;
        s.ip6DstHi = dstHi;
        s.ip6DstLo = dstLo;
        s.ip6NextHeader = 17;
        s.ip6HopLimit = 64;
        s.transportProtocol = 17;
        s.srcPort = sport;
        s.dstPort = dport;
        return s;
    }

    static PacketSummary arp() {
        PacketSummary s = eth();
        s.ethType = 0x0806;
        s.layers |= PacketSummary.ARP;
        s.arpOpcode = 1;
        s.arpSenderIp = ip4(192, 168, 1, 1);
        s.arpTargetIp = ip4(192, 168, 1, 2);
        s.arpSenderMac = s.ethSrc;
        return s;
    }

    static PacketSummary truncatedTcp() {
        PacketSummary s = tcp4(ip4(10, 0, 0, 1), 443, ip4(10, 0, 0, 2), 51000, PacketSummary.SYN);
        s.status = Status.TRUNCATED;
        s.reason = "tcp";
        s.tcpSeq = -1;
        s.tcpAck = -1;
        s.tcpFlags = -1;
        return s;
    }
}
