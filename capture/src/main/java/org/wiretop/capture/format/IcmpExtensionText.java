package org.wiretop.capture.format;

/**
 * ICMP multi-part extensions (RFC 4884, RFC 4950 MPLS label stacks) as tcpdump's {@code -v}
 * prints them after an error's quoted packet (print-icmp.c):
 * <pre>
 *	ICMP Multi-Part extension v2, checksum 0x1234 (correct), length 12
 *	  MPLS Stack Entry Object (1), Class-Type: 1, length 8
 *	    label 16, tc 0, [S], ttl 1
 * </pre>
 * The extension structure starts 128 bytes into the message's body. Reads are bounded by the
 * captured end.
 */
final class IcmpExtensionText {
    /** Where the extension header lies: the 8-byte ICMP header and a 128-byte original datagram. */
    private static final int EXTENSION = 136;

    private IcmpExtensionText() {
    }

    /**
     * Appends the extensions of the ICMP message at {@code p} ({@code length} bytes, captured up
     * to {@code end}); false when tcpdump stops at its "trunc" label (the caller appends " [|icmp]").
     */
    static boolean append(LineBuilder out, int type, byte[] d, int p, int length, int end) {
        if (length <= EXTENSION || !(type == 3 || type == 11 || type == 12)) {
            return true;
        }
        if (p + EXTENSION + 5 > end) {
            return false;
        }
        int size = length - EXTENSION;
        boolean whole = p + EXTENSION + size <= end;
        if ((d[p + 5] & 0xff) == 0 && whole && Checksums.plain(d, p + EXTENSION, size) != 0) {
            return true; // no length and no valid checksum: tcpdump takes it for no extension
        }
        int version = (d[p + EXTENSION] & 0xff) >>> 4;
        out.append("\n\tICMP Multi-Part extension v").append(version);
        if (version != 2) {
            out.append(" packet not supported");
            return true;
        }
        if (whole) {
            int field = IpVerboseText.u16(d, p + EXTENSION + 2);
            out.append(", checksum 0x").appendHex2(field >>> 8).appendHex2(field & 0xff).append(" (")
                    .append(Checksums.plain(d, p + EXTENSION, size) != 0 ? "in" : "").append("correct), length ")
                    .append(size);
        }
        int left = size - 4;
        int at = p + EXTENSION + 4;
        while (left > 4) {
            if (at + 4 > end) {
                return false;
            }
            int objectLength = IpVerboseText.u16(d, at);
            int objectClass = d[at + 2] & 0xff;
            int classType = d[at + 3] & 0xff;
            at += 4;
            out.append("\n\t  ").append(objectClass == 1 ? "MPLS Stack Entry" : objectClass == 2 ? "Interface Identification"
                    : "unknown").append(" Object (").append(objectClass).append("), Class-Type: ").append(classType)
                    .append(", length ").append(objectLength);
            left -= 4;
            if (objectClass == 0 || objectLength < 4) {
                return true;
            }
            objectLength -= 4;
            if (objectClass == 1 && classType == 1) {
                if (at + 4 > end) {
                    return false;
                }
                long entry = IpVerboseText.u32(d, at);
                out.append("\n\t    label ").append(entry >>> 12).append(", tc ").append((entry >>> 9) & 7);
                if ((entry & 0x100) != 0) {
                    out.append(", [S]");
                }
                out.append(", ttl ").append(entry & 0xff);
            } else if (at > end) {
                out.append("\n\t    Dissector error: print_unknown_data called with pointer past end of packet");
            } else {
                HexDump.hex(out, "\n\t    ", d, at, Math.min(objectLength, end - at));
            }
            if (left < objectLength) {
                break;
            }
            left -= objectLength;
            at += objectLength;
        }
        return true;
    }
}
