package org.wiretop.decode;

/**
 * ICMP for IPv4 (RFC 792), IP protocol 1.
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
 * Identifier and sequence are read for the messages that carry them: echo reply/request (0/8),
 * timestamp (13/14), information (15/16) and address mask (17/18). Every type and code is a
 * code point (unknown ones are reported as they are), so no ICMP header value is invalid.
 */
final class Icmp {
    static final int HEADER = 8;

    private Icmp() {
    }

    static void decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.ICMP);
        s.layers |= PacketSummary.ICMP;
        s.transportOffset = off;
        b.require(off, 4); // as tshark: type and code only with the checksum
        int type = b.u8(off);
        s.icmpType = type;
        s.icmpCode = b.u8(off + 1);
        b.u16(off + 2); // checksum
        if (type == 0 || type == 8 || (type >= 13 && type <= 18)) {
            s.icmpId = b.u16(off + 4);
            s.icmpSeq = b.u16(off + 6);
        } else if (IcmpQuote.isIcmpError(type)) {
            IcmpQuote.ipv4(b, off + HEADER, s);
        }
        payload(b, off, s);
    }

    /** The message body after type, code and checksum (shared with ICMPv6). */
    static void payload(PacketBuf b, int off, PacketSummary s) {
        int start = Math.min(off + 4, b.end());
        s.payloadOffset = start;
        s.payloadLength = b.end() - start;
    }
}
