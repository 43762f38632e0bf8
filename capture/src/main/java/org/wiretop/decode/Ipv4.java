package org.wiretop.decode;

/**
 * IPv4 (RFC 791), EtherType 0x0800.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * The total length narrows the packet (Ethernet padding is not payload). A total length of 0
 * is taken as "unknown" (TCP segmentation offload on the sending host writes 0), and, as
 * Wireshark does, {@code ipTotalLength} then reports the length on the wire. Non-first fragments carry no transport header, so the transport is not decoded.
 * The header checksum is verified on demand, when the whole header was captured.
 */
final class Ipv4 {
    static final int MIN_HEADER = 20;

    private Ipv4() {
    }

    /** Returns the transport header's offset, or -1 when there is none to decode. */
    static int decode(PacketBuf b, int off, PacketSummary s) {
        b.enter(PacketBuf.IP);
        s.layers |= PacketSummary.IP4;
        s.networkOffset = off;
        if (!b.has(off, MIN_HEADER)) {
            return fieldByField(b, off, s);
        }
        // The fixed header was captured: three loads, where the cut case below reads field by field.
        long w01 = b.i64(off);
        int w0 = (int) (w01 >>> 32);
        int version = w0 >>> 28;
        if (version != 4) {
            s.invalid("ip-version #", version);
            return -1;
        }
        int headerLength = (w0 >>> 24 & 0x0f) * 4;
        s.ipHeaderLength = headerLength;
        if (headerLength < MIN_HEADER) {
            s.invalid("bad-ihl #", headerLength);
            return -1;
        }
        s.ipTos = w0 >>> 16 & 0xff;
        int totalLength = w0 & 0xffff;
        s.ipTotalLength = totalLength;
        if (totalLength != 0 && totalLength < headerLength) {
            s.invalid("ip-length # < ihl", totalLength);
            return -1;
        }
        int w1 = (int) w01;
        s.ipId = w1 >>> 16;
        flags(w1 & 0xffff, s);
        long w23 = b.i64(off + 8);
        s.ipTtl = (int) (w23 >>> 56);
        s.ipProto = (int) (w23 >>> 48) & 0xff;
        s.ip4Src = (int) w23;
        s.ip4Dst = b.i32(off + 16);
        s.ipHasAddrs = 3;
        return rest(b, off, s);
    }

    /** {@link #decode} for a fixed header cut short: each field as far as the bytes go, as tshark shows them. */
    private static int fieldByField(PacketBuf b, int off, PacketSummary s) {
        int versionIhl = b.u8(off);
        int version = versionIhl >>> 4;
        if (version != 4) {
            s.invalid("ip-version #", version);
            return -1;
        }
        int headerLength = (versionIhl & 0x0f) * 4;
        s.ipHeaderLength = headerLength;
        if (headerLength < MIN_HEADER) {
            s.invalid("bad-ihl #", headerLength);
            return -1;
        }
        s.ipTos = b.u8(off + 1);
        int totalLength = b.u16(off + 2);
        s.ipTotalLength = totalLength;
        if (totalLength != 0 && totalLength < headerLength) {
            s.invalid("ip-length # < ihl", totalLength);
            return -1;
        }
        s.ipId = b.u16(off + 4);
        flags(b.u16(off + 6), s);
        s.ipTtl = b.u8(off + 8);
        s.ipProto = b.u8(off + 9);
        s.ip4Src = b.i32(off + 12);
        s.ipHasAddrs = 1;
        s.ip4Dst = b.i32(off + 16);
        s.ipHasAddrs = 3;
        return rest(b, off, s);
    }

    private static void flags(int flagsOffset, PacketSummary s) {
        s.ipDf = (flagsOffset & 0x4000) != 0;
        s.ipMf = (flagsOffset & 0x2000) != 0;
        s.ipFragOffset = flagsOffset & 0x1fff;
    }

    /** After the addresses: the length's narrowing, the options, fragments. */
    private static int rest(PacketBuf b, int off, PacketSummary s) {
        int totalLength = s.ipTotalLength;
        int headerLength = s.ipHeaderLength;
        if (totalLength != 0) {
            b.narrow(off + totalLength);
        } else {
            s.ipTotalLength = b.reportedEnd() - off; // TSO: the length is what was sent, as Wireshark shows it
        }
        b.require(off, headerLength);
        s.ipHeaderWhole = true; // the checksum is checked on demand (PacketSummary.ipChecksumOk)
        if (s.ipFragOffset != 0) {
            s.laterFragment = true;
            return -1;
        }
        s.transportProtocol = s.ipProto;
        return off + headerLength;
    }
}
