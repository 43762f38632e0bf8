package org.wiretop.decode;

/**
 * Ethernet II / IEEE 802.3 (DLT_EN10MB = 1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 destination MAC (6 bytes)                     |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                   source MAC (6 bytes)                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   EtherType (≥ 0x0600) or    |
 * |   802.3 length (≤ 1500)      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * An 802.3 frame (length field) carries LLC, which this decoder does not follow; its length
 * narrows the frame so trailing padding is not mistaken for data.
 */
final class Ethernet {
    static final int HEADER = 14;

    private Ethernet() {
    }

    /** Returns the offset after the header; the type goes to {@code netProtocol}. */
    static int decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.ETHER);
        s.layers |= PacketSummary.ETH;
        int type;
        if (b.has(off, HEADER)) { // the whole header: two loads instead of five reads
            long srcType = b.i64(off + 6);
            s.ethDst = b.i64(off) >>> 16;
            s.ethSrc = srcType >>> 16;
            s.ethHasAddrs = 3;
            type = (int) srcType & 0xffff;
        } else { // cut short: what was captured, as tshark shows it
            s.ethDst = b.u48(off);
            s.ethHasAddrs = 2;
            s.ethSrc = b.u48(off + 6);
            s.ethHasAddrs = 3;
            type = b.u16(off + 12);
        }
        if (type <= 1500) {
            s.ethLength = type;
            if (off + HEADER + type > b.reportedEnd()) {
                s.invalid("802.3-length # > frame", type);
                return -1;
            }
            b.narrow(off + HEADER + type);
            return -1;
        }
        s.ethType = type;
        s.netProtocol = type;
        return off + HEADER;
    }
}
