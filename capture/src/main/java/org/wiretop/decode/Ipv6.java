package org.wiretop.decode;

/**
 * IPv6 (RFC 8200), EtherType 0x86dd, with its extension-header chain.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   Source Address (128 bits)                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Destination Address (128 bits)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Extension headers: hop-by-hop (0), routing (43), destination options (60):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  |  (8 + 8 * Hdr Ext Len bytes)  |
 * Fragment (44, RFC 8200 §4.5), 8 bytes:
 * |  Next Header  |   Reserved    |   Fragment Offset       |Res|M|
 * |                         Identification                        |
 * Authentication header (51, RFC 4302): length is (Payload Len + 2) * 4 bytes.
 * </pre>
 * The chain ends at the first other value; ESP (50) and No Next Header (59) end it too.
 * A payload length of 0 followed by a hop-by-hop header (a jumbogram, RFC 2675) does not narrow
 * the packet; without one it means an empty payload.
 */
final class Ipv6 {
    static final int HEADER = 40;
    static final int HOP_BY_HOP = 0, ROUTING = 43, FRAGMENT = 44, ESP = 50, AH = 51, NO_NEXT = 59,
            DEST_OPTS = 60;

    private Ipv6() {
    }

    /** Returns the transport header's offset, or -1 when there is none to decode. */
    static int decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.IP6);
        s.layers |= PacketSummary.IP6;
        s.networkOffset = off;
        int first = b.i32(off);
        int version = first >>> 28;
        if (version != 6) {
            s.invalid("ip6-version #", version);
            return -1;
        }
        s.ip6TrafficClass = (first >>> 20) & 0xff;
        s.ip6FlowLabel = first & 0xfffff;
        int payloadLength = b.u16(off + 4);
        s.ip6PayloadLength = payloadLength;
        int next = b.u8(off + 6);
        s.ip6NextHeader = next;
        s.ip6HopLimit = b.u8(off + 7);
        s.ip6SrcHi = b.i64(off + 8);
        s.ip6SrcLo = b.i64(off + 16);
        s.ipHasAddrs = 1;
        s.ip6DstHi = b.i64(off + 24);
        s.ip6DstLo = b.i64(off + 32);
        s.ipHasAddrs = 3;
        if (payloadLength != 0 || next != HOP_BY_HOP) {
            b.narrow(off + HEADER + payloadLength); // 0 is a jumbogram only with a hop-by-hop header
        }
        int p = off + HEADER;
        while (true) {
            switch (next) {
                case HOP_BY_HOP:
                case ROUTING:
                case DEST_OPTS: {
                    int following = b.u8(p);
                    int length = (b.u8(p + 1) + 1) * 8;
                    next = following;
                    p += length;
                    break;
                }
                case FRAGMENT: {
                    next = b.u8(p);
                    int offsetFlags = b.u16(p + 2);
                    s.ip6Fragment = true;
                    s.ip6FragOffset = offsetFlags >>> 3;
                    s.ip6Mf = (offsetFlags & 1) != 0;
                    s.ip6FragId = b.u32(p + 4);
                    p += 8;
                    if (s.ip6FragOffset != 0) {
                        s.laterFragment = true;
                        return -1;
                    }
                    break;
                }
                case AH: {
                    int following = b.u8(p);
                    int length = (b.u8(p + 1) + 2) * 4;
                    next = following;
                    p += length;
                    break;
                }
                default:
                    if (p > b.reportedEnd()) {
                        s.invalid("ip6-ext-length # > payload", p - off - HEADER);
                        return -1;
                    }
                    s.transportProtocol = next;
                    return next == ESP || next == NO_NEXT ? -1 : p;
            }
        }
    }
}
