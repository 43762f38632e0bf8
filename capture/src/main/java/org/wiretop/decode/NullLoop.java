package org.wiretop.decode;

/**
 * BSD loopback encapsulation: DLT_NULL (0, address family in the capturing host's byte order)
 * and DLT_LOOP (108, network byte order).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              address family (AF_INET = 2, AF_INET6 = 24/28/30)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The byte order of DLT_NULL is not recorded in the file, so (as Wireshark does) a value
 * whose high 16 bits are set is taken to be byte-swapped. AF_INET6 differs per BSD:
 * 24 (NetBSD/OpenBSD), 28 (FreeBSD), 30 (macOS); Linux's 10 is accepted too.
 */
final class NullLoop {
    static final int HEADER = 4;

    private NullLoop() {
    }

    static int decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.NULL);
        s.layers |= PacketSummary.NULL_LOOP;
        int family = b.i32(off);
        if ((family & 0xffff0000) != 0) {
            family = Integer.reverseBytes(family);
        }
        switch (family) {
            case 2:
                s.netProtocol = 0x0800;
                return off + HEADER;
            case 10: case 24: case 28: case 30:
                s.netProtocol = 0x86dd;
                return off + HEADER;
            default:
                return -1; // other families (OSI, IPX...): not followed
        }
    }
}
