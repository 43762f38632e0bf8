package org.wiretop.decode;

/**
 * MPLS label stack (RFC 3032), EtherTypes 0x8847 (unicast) and 0x8848 (multicast).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Label                  | TC  |S|      TTL      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Entries repeat until one has the bottom-of-stack bit S. The payload's type is not written
 * anywhere; as tcpdump and Wireshark do, the first nibble after the stack decides: 4 is IPv4,
 * 6 is IPv6, anything else (a pseudowire, say) is not followed.
 */
final class Mpls {
    static final int UNICAST = 0x8847, MULTICAST = 0x8848;

    private Mpls() {
    }

    /** Returns the offset after the stack and sets {@code netProtocol}, or -1. */
    static int decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.MPLS);
        s.layers |= PacketSummary.MPLS;
        int entry;
        do {
            entry = b.i32(off);
            if (s.mplsLabel < 0) {
                s.mplsLabel = entry >>> 12;
            }
            off += 4;
        } while ((entry & 0x100) == 0);
        if (off >= b.reportedEnd()) {
            return -1; // an empty payload: nothing more to decode, nothing missing
        }
        switch (b.u8(off) >>> 4) {
            case 4:
                s.netProtocol = 0x0800;
                return off;
            case 6:
                s.netProtocol = 0x86dd;
                return off;
            default:
                return -1;
        }
    }
}
