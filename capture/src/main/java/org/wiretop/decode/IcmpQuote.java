package org.wiretop.decode;

/**
 * The start of the packet an ICMP or ICMPv6 error message quotes (RFC 792: destination
 * unreachable, source quench, redirect, time exceeded, parameter problem; RFC 4443 types 1–4):
 * its IP header and the first bytes of its transport header, enough to name the flow the error
 * is about ("udp port 53 unreachable").
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 unused / pointer / MTU / gateway              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      quoted IP header + at least 8 bytes of its payload       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The quote is optional detail: it is read only as far as it was captured, never raising the
 * truncation signal, and it does not set the TCP/UDP layer bits (those describe the packet itself).
 */
final class IcmpQuote {
    private IcmpQuote() {
    }

    static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    static boolean isIcmpv6Error(int type) {
        return type >= 1 && type <= 4;
    }

    /**
     * Reads the quoted IPv4 packet at {@code off}, as far as it was captured; a quote whose
     * version nibble says 6 is read as IPv6, as tshark does.
     */
    static void ipv4(PacketBuf b, int off, PacketSummary s) {
        if (b.has(off, 1) && (b.u8(off) >>> 4) == 6) {
            ipv6(b, off, s);
            return;
        }
        if (!b.has(off, 20) || (b.u8(off) >>> 4) != 4) {
            return;
        }
        int headerLength = (b.u8(off) & 0x0f) * 4;
        if (headerLength < 20) {
            return;
        }
        s.quotedProtocol = b.u8(off + 9);
        s.quotedIp4Src = b.i32(off + 12);
        s.quotedIp4Dst = b.i32(off + 16);
        s.quotedHasIp4 = true;
        if ((b.u16(off + 6) & 0x1fff) == 0) {
            ports(b, off + headerLength, s);
        }
    }

    /** Reads the quoted IPv6 packet at {@code off} (fixed header only), as far as it was captured. */
    static void ipv6(PacketBuf b, int off, PacketSummary s) {
        if (!b.has(off, 40) || (b.u8(off) >>> 4) != 6) {
            return;
        }
        s.quotedProtocol = b.u8(off + 6);
        s.quotedIp6PayloadLength = b.u16(off + 4);
        s.quotedIp6HopLimit = b.u8(off + 7);
        s.quotedIp6SrcHi = b.i64(off + 8);
        s.quotedIp6SrcLo = b.i64(off + 16);
        s.quotedIp6DstHi = b.i64(off + 24);
        s.quotedIp6DstLo = b.i64(off + 32);
        s.quotedHasIp6 = true;
        ports(b, off + 40, s);
    }

    private static void ports(PacketBuf b, int off, PacketSummary s) {
        if ((s.quotedProtocol == 6 || s.quotedProtocol == 17) && b.has(off, 1)) {
            s.quotedTransportCaptured = Math.min(20, b.end() - off);
        }
        if (s.quotedProtocol == 6 && b.has(off, 16)) { // what tshark reads before it looks up the conversation
            s.quotedTcpSeq = b.u32(off + 4);
            s.quotedTcpFlags = b.u16(off + 12) & 0x0fff;
        }
        if ((s.quotedProtocol == 6 || s.quotedProtocol == 17) && b.has(off, 4)) {
            s.quotedSrcPort = b.u16(off);
            s.quotedDstPort = b.u16(off + 2);
            if (s.quotedProtocol == 17 && b.has(off + 4, 2)) {
                s.quotedUdpLength = b.u16(off + 4);
            }
        }
    }
}
