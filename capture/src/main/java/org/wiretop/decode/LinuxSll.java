package org.wiretop.decode;

/**
 * Linux "cooked" capture headers: SLL (DLT_LINUX_SLL = 113) and SLL2 (DLT_LINUX_SLL2 = 276,
 * what the {@code any} device gives). See pcap-linktype(7) / tcpdump.org/linktypes.
 *
 * <pre>
 * SLL (16 bytes)                         SLL2 (20 bytes)
 * +---------------+---------------+      +---------------+---------------+
 * |  packet type  |  ARPHRD type  |      |   protocol    |   reserved    |
 * +---------------+---------------+      +---------------+---------------+
 * | link addr len |               |      |       interface index         |
 * +---------------+               |      +---------------+-------+-------+
 * |   link-layer address (8)      |      |  ARPHRD type  |pkttyp |addrlen|
 * |               +---------------+      +---------------+-------+-------+
 * |               |   protocol    |      |     link-layer address (8)    |
 * +---------------+---------------+      +-------------------------------+
 * </pre>
 * The protocol is an EtherType, except the Linux pseudo-values below 0x0600
 * (1 = Novell 802.3, 4 = 802.2 LLC) which this decoder does not follow.
 */
final class LinuxSll {
    static final int SLL_HEADER = 16, SLL2_HEADER = 20;

    private LinuxSll() {
    }

    static int decodeSll(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.SLL);
        s.layers |= PacketSummary.SLL;
        s.sllPacketType = b.u16(off);
        int protocol = b.u16(off + 14);
        return ethertype(protocol, off + SLL_HEADER, s);
    }

    static int decodeSll2(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.SLL2);
        s.layers |= PacketSummary.SLL;
        int protocol = b.u16(off);
        s.ifIndex = b.i32(off + 4);
        s.sllPacketType = b.u8(off + 10);
        return ethertype(protocol, off + SLL2_HEADER, s);
    }

    private static int ethertype(int protocol, int next, PacketSummary s) {
        if (protocol < 0x0600) {
            return -1; // Linux pseudo-protocol (LLC, Novell, CAN...): not followed
        }
        s.netProtocol = protocol;
        return next;
    }
}
