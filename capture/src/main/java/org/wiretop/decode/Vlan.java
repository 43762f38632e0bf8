package org.wiretop.decode;

/**
 * IEEE 802.1Q VLAN tags (TPID 0x8100, and the pre-standard 0x9100 Wireshark also treats as
 * 802.1Q) and IEEE 802.1ad service tags (TPID 0x88a8), stacked any number of times.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | PCP |D|        VLAN id        |     inner EtherType / TPID    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   (the TPID in front of the tag is the previous header's type)
 * </pre>
 * As tshark: the first 802.1Q tag's id is {@code vlan.id}, the first 802.1ad tag's is
 * {@code ieee8021ad.id}.
 */
final class Vlan {
    static final int TPID_8021Q = 0x8100, TPID_8021AD = 0x88a8, TPID_QINQ_OLD = 0x9100;

    private Vlan() {
    }

    static boolean isTag(int type) {
        return type == TPID_8021Q || type == TPID_8021AD || type == TPID_QINQ_OLD;
    }

    /** Skips every tag at {@code off}; returns the offset of the first untagged header. */
    static int decode(PacketBuf b, int off, int tpid, PacketSummary s) {
        int type = tpid;
        while (isTag(type)) {
            boolean serviceTag = type == TPID_8021AD;
            b.enter(serviceTag ? PacketBuf.QINQ : PacketBuf.VLAN);
            s.layers |= serviceTag ? PacketSummary.QINQ : PacketSummary.VLAN;
            int id = b.u16(off) & 0x0fff;
            if (serviceTag) {
                if (s.qinqId < 0) {
                    s.qinqId = id;
                }
            } else if (s.vlanId < 0) {
                s.vlanId = id;
            }
            type = b.u16(off + 2);
            off += 4;
        }
        s.netProtocol = type;
        return off;
    }
}
