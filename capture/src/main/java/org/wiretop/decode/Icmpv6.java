package org.wiretop.decode;

/**
 * ICMPv6 (RFC 4443), IPv6 next header 58; same first four bytes as ICMP.
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
 * Identifier and sequence are read for echo request/reply (128/129). Every type and code is a
 * code point, so no ICMPv6 header value is invalid.
 */
final class Icmpv6 {
    private Icmpv6() {
    }

    static void decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.ICMP6);
        s.layers |= PacketSummary.ICMP6;
        s.transportOffset = off;
        b.require(off, 4); // as tshark: type and code only with the checksum
        int type = b.u8(off);
        s.icmpType = type;
        s.icmpCode = b.u8(off + 1);
        b.u16(off + 2); // checksum
        if (type == 128 || type == 129) {
            s.icmpId = b.u16(off + 4);
            s.icmpSeq = b.u16(off + 6);
        } else if (IcmpQuote.isIcmpv6Error(type)) {
            IcmpQuote.ipv6(b, off + Icmp.HEADER, s);
        }
        Icmp.payload(b, off, s);
    }
}
