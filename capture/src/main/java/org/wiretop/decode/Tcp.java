package org.wiretop.decode;

/**
 * TCP (RFC 9293), IP protocol 6, with the options of RFC 7323 (window scale, timestamps) and
 * RFC 2018 (SACK).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsv |E|W|C|R|C|S|S|Y|I|            Window             |
 * |       |     | |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (Data Offset > 5)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * {@code tcp.flags} is the low 12 bits of the offset/flags word, as Wireshark shows it.
 * The payload length comes from the IP length (what was sent), not from the capture.
 * A header cut short reports what tshark reports: the ports, and from 16 bytes on the sequence
 * and acknowledgment numbers, header length, flags and window too ({@code [|tcp]} in tcpdump's text).
 */
final class Tcp {
    static final int MIN_HEADER = 20;
    /** Where the window field ends: what tshark needs to report the header's fields. */
    private static final int WINDOW_END = 16;
    static final int EOL = 0, NOP = 1, MSS = 2, WSCALE = 3, SACK_PERMITTED = 4, SACK = 5, TIMESTAMP = 8;

    private Tcp() {
    }

    static void decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.TCP);
        s.layers |= PacketSummary.TCP;
        s.transportOffset = off;
        if (!b.has(off, MIN_HEADER)) {
            cutHeader(b, off, s);
            return;
        }
        long portsSeq = b.i64(off); // the fixed header was captured: three loads
        long ackRest = b.i64(off + 8);
        s.srcPort = (int) (portsSeq >>> 48);
        s.dstPort = (int) (portsSeq >>> 32) & 0xffff;
        s.tcpSeq = portsSeq & 0xffffffffL;
        s.tcpAck = ackRest >>> 32;
        int offsetFlagsWindow = (int) ackRest;
        int headerLength = (offsetFlagsWindow >>> 28) * 4;
        s.tcpHeaderLength = headerLength;
        s.tcpFlags = offsetFlagsWindow >>> 16 & 0x0fff;
        s.tcpWindow = offsetFlagsWindow & 0xffff;
        s.tcpUrgent = b.i32(off + 16) & 0xffff;
        if (headerLength < MIN_HEADER) {
            s.invalid("tcp-header-length # < 20", headerLength);
            return;
        }
        int payloadStart = off + headerLength;
        if (payloadStart > b.reportedEnd()) {
            s.invalid("tcp-header-length # > segment", headerLength);
            return;
        }
        s.tcpPayloadLength = b.reportedEnd() - payloadStart;
        options(b, off + MIN_HEADER, payloadStart, s);
        s.payloadOffset = payloadStart;
        s.payloadLength = Math.max(0, b.end() - payloadStart);
    }

    /**
     * A fixed header cut short, as tshark reports it: the ports, and from 16 bytes on the sequence
     * and acknowledgment numbers, header length, flags and window too; then the signal.
     */
    private static void cutHeader(PacketBuf b, int off, PacketSummary s) {
        b.require(off, 4); // as tshark: both ports or neither
        s.srcPort = b.u16(off);
        s.dstPort = b.u16(off + 2);
        b.require(off, WINDOW_END);
        s.tcpSeq = b.u32(off + 4);
        s.tcpAck = b.u32(off + 8);
        int offsetFlags = b.u16(off + 12);
        int headerLength = (offsetFlags >>> 12) * 4;
        s.tcpHeaderLength = headerLength;
        s.tcpFlags = offsetFlags & 0x0fff;
        s.tcpWindow = b.u16(off + 14);
        if (headerLength >= MIN_HEADER && off + headerLength <= b.reportedEnd()) {
            s.tcpPayloadLength = b.reportedEnd() - off - headerLength; // tshark's tcp.len, from the IP length
        }
        b.require(off, MIN_HEADER); // throws: the urgent pointer was not captured ([|tcp])
    }

    /** NOP, NOP, timestamps (kind 8, length 10): the options of almost every segment after the handshake. */
    private static final int NOP_NOP_TIMESTAMPS = 0x0101080a;

    /**
     * The options in {@code [p, end)}. Kept small, so that C2 inlines it into every decode: the
     * common case costs no call, the general walk ({@link #walkOptions}) one.
     */
    private static void options(PacketBuf b, int p, int end, PacketSummary s) {
        long head = end - p == 12 && b.has(p, 12) ? b.i64(p) : 0;
        if (head >>> 32 == NOP_NOP_TIMESTAMPS) {
            // what the walk finds for these 12 bytes, in one comparison
            byte[] kinds = s.tcpOptionKinds;
            kinds[0] = NOP;
            kinds[1] = NOP;
            kinds[2] = TIMESTAMP;
            s.tcpOptionCount = 3;
            s.tcpHasTimestamps = true;
            s.tcpTsVal = head & 0xffffffffL;
            s.tcpTsEcr = b.u32(p + 8);
        } else if (p < end) {
            walkOptions(b, p, end, s);
        }
    }

    private static void walkOptions(PacketBuf b, int p, int end, PacketSummary s) {
        while (p < end) {
            int kind = b.u8(p);
            s.tcpOptionKinds[s.tcpOptionCount++] = (byte) kind;
            if (kind == EOL) {
                return;
            }
            if (kind == NOP) {
                p++;
                continue;
            }
            int length = b.u8(p + 1);
            if (length < 2 || p + length > end) {
                s.invalid("tcp-option-length #", length);
                return;
            }
            b.require(p, length);
            switch (kind) {
                case MSS:
                    if (length == 4) {
                        s.tcpMss = b.u16(p + 2);
                    }
                    break;
                case WSCALE:
                    if (length == 3) {
                        s.tcpWindowScale = b.u8(p + 2);
                    }
                    break;
                case SACK_PERMITTED:
                    s.tcpSackPermitted = true;
                    break;
                case SACK:
                    for (int e = p + 2; e + 8 <= p + length && s.tcpSackBlocks < 4; e += 8) {
                        s.tcpSackEdges[2 * s.tcpSackBlocks] = b.u32(e);
                        s.tcpSackEdges[2 * s.tcpSackBlocks + 1] = b.u32(e + 4);
                        s.tcpSackBlocks++;
                    }
                    break;
                case TIMESTAMP:
                    if (length == 10) {
                        s.tcpHasTimestamps = true;
                        s.tcpTsVal = b.u32(p + 2);
                        s.tcpTsEcr = b.u32(p + 6);
                    }
                    break;
                default:
                    break; // unknown kinds are recorded, not errors
            }
            p += length;
        }
    }
}
