package org.wiretop.decode;

/**
 * UDP (RFC 768), IP protocol 17.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The length (header included) narrows the packet; below 8 it is invalid. A length of 0 over
 * IPv6 (a jumbogram, RFC 2675) means "see the IP length". In the first fragment of a fragmented
 * datagram the length covers the whole datagram, so it may exceed this packet's IP payload:
 * that is normal there (the payload is what this fragment holds), and invalid only otherwise.
 */
final class Udp {
    static final int HEADER = 8;

    private Udp() {
    }

    /**
     * Decodes the header; returns true when the payload can be handed on (a datagram longer than
     * its IP packet is invalid, but, as tcpdump and tshark do, its payload is what IP carried).
     */
    static boolean decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.UDP);
        s.layers |= PacketSummary.UDP;
        s.transportOffset = off;
        int length;
        if (b.has(off, HEADER)) { // the whole header: one load
            long header = b.i64(off);
            s.srcPort = (int) (header >>> 48);
            s.dstPort = (int) (header >>> 32) & 0xffff;
            length = (int) header >>> 16;
            s.udpLength = length;
        } else {
            b.require(off, 4); // as tshark: both ports or neither
            s.srcPort = b.u16(off);
            s.dstPort = b.u16(off + 2);
            s.udpLength = b.u16(off + 4);
            b.u16(off + 6); // throws: the checksum was not captured, so the header is not whole
            return false;
        }
        if (length == 0 && s.has(PacketSummary.IP6)) {
            length = b.reportedEnd() - off;
        }
        if (length < HEADER) {
            s.invalid("udp-length # < 8", length);
            return false;
        }
        if (off + length > b.reportedEnd() && !firstFragment(s)) {
            s.invalid("udp-length # > ip-payload", length);
        } else {
            b.narrow(off + length);
        }
        s.udpPayloadLength = length - HEADER; // the datagram's, even when it spans fragments
        s.payloadOffset = off + HEADER;
        s.payloadLength = Math.max(0, b.end() - s.payloadOffset);
        return true;
    }

    /** True when more fragments follow this one (later fragments never reach the transport). */
    private static boolean firstFragment(PacketSummary s) {
        return s.ipMf || s.ip6Mf;
    }
}
