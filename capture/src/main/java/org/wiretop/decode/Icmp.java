package org.wiretop.decode;

/**
 * ICMP for IPv4 (RFC 792), IP protocol 1, and ICMPv6 (RFC 4443), IPv6 next header 58.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Identifier (echo)         |        Sequence (echo)        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Identifier and sequence are read for the messages that carry them: echo request/reply
 * (8/0; ICMPv6 128/129), and for ICMPv4 timestamp (13/14), information (15/16) and
 * address mask (17/18). Unknown types are reported as they are.
 */
final class Icmp {
    static final int HEADER = 8;

    private Icmp() {
    }

    static void decodeV4(PacketBuf b, int off, PacketSummary s) {
        b.enter("icmp");
        s.layers |= PacketSummary.ICMP;
        s.transportOffset = off;
        int type = b.u8(off);
        s.icmpType = type;
        s.icmpCode = b.u8(off + 1);
        b.u16(off + 2);
        if (type == 0 || type == 8 || (type >= 13 && type <= 18)) {
            s.icmpId = b.u16(off + 4);
            s.icmpSeq = b.u16(off + 6);
        }
        payload(b, off, s);
    }

    static void decodeV6(PacketBuf b, int off, PacketSummary s) {
        b.enter("icmp6");
        s.layers |= PacketSummary.ICMP6;
        s.transportOffset = off;
        int type = b.u8(off);
        s.icmpType = type;
        s.icmpCode = b.u8(off + 1);
        b.u16(off + 2);
        if (type == 128 || type == 129) {
            s.icmpId = b.u16(off + 4);
            s.icmpSeq = b.u16(off + 6);
        }
        payload(b, off, s);
    }

    private static void payload(PacketBuf b, int off, PacketSummary s) {
        int start = Math.min(off + 4, b.end());
        s.payloadOffset = start;
        s.payloadLength = b.end() - start;
    }
}
