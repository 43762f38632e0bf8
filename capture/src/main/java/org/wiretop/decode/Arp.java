package org.wiretop.decode;

/**
 * ARP (RFC 826), EtherType 0x0806.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       hardware type           |        protocol type          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  hw addr len  | proto addr len|          opcode               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | sender hw addr (hlen) | sender proto addr (plen) |
 * | target hw addr (hlen) | target proto addr (plen) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Addresses are kept only for the common case, IPv4 over 6-byte MACs; other sizes are skipped.
 */
final class Arp {
    static final int FIXED = 8;

    private Arp() {
    }

    static void decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.ARP);
        s.layers |= PacketSummary.ARP;
        s.networkOffset = off;
        int protocolType = b.u16(off + 2);
        int hlen = b.u8(off + 4);
        int plen = b.u8(off + 5);
        s.arpOpcode = b.u16(off + 6);
        boolean mac = hlen == 6;
        boolean ipv4 = protocolType == 0x0800 && plen == 4;
        int p = off + FIXED;
        if (mac) {
            s.arpSenderMac = b.u48(p);
        }
        p += hlen;
        if (ipv4) {
            s.arpSenderIp = b.i32(p);
            s.arpHasIps |= 1;
        }
        p += plen;
        if (mac) {
            s.arpTargetMac = b.u48(p);
        }
        p += hlen;
        if (ipv4) {
            s.arpTargetIp = b.i32(p);
            s.arpHasIps |= 2;
        }
    }
}
