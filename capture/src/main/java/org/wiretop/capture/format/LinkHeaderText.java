package org.wiretop.capture.format;

import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The link level as tcpdump sees it: its {@code -e} text, and where it thinks the link-level
 * header ends (its {@code ndo_ll_hdr_len}, where {@code -x}, {@code -X} and {@code -A} start).
 * <pre>
 * Ethernet   02:00:00:00:00:01 &gt; 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 74: 
 * 802.1Q     ..., ethertype 802.1Q (0x8100), length 78: vlan 100, p 0, ethertype IPv4 (0x0800), 
 * SLL         In 02:00:00:00:00:01 ethertype IPv4 (0x0800), length 76: 
 * SLL2       ifindex 1 00:00:00:00:00:00 ethertype IPv4 (0x0800), length 80: 
 * null/loop  AF IPv4 (2), length 64: 
 * raw IP     ip: 
 * </pre>
 * Read from the captured bytes (print-ether.c, print-sll.c, print-null.c, print-raw.c), each
 * read bounded by the captured length. Only called when asked for ({@code -e}, a dump).
 */
final class LinkHeaderText {
    private LinkHeaderText() {
    }

    /** Appends the {@code -e} header; false (nothing appended) when it was not captured. */
    static boolean append(LineBuilder out, PacketSummary s, byte[] d, int caplen) {
        switch (s.linkType) {
            case Decoder.DLT_EN10MB:
                return ethernet(out, s, d, caplen);
            case Decoder.DLT_LINUX_SLL:
                return sll(out, s, d, caplen);
            case Decoder.DLT_LINUX_SLL2:
                return sll2(out, s, d, caplen);
            case Decoder.DLT_NULL:
            case Decoder.DLT_LOOP:
                return nullLoop(out, s, d, caplen);
            default:
                out.append("ip: "); // raw IP: tcpdump's raw_if_print
                return true;
        }
    }

    private static boolean ethernet(LineBuilder out, PacketSummary s, byte[] d, int caplen) {
        if (caplen < 14) {
            return false;
        }
        Addresses.appendMac(out, mac(d, 6)).append(" > ");
        Addresses.appendMac(out, mac(d, 0)).append(", ");
        int p = 12;
        int type = u16(d, p);
        boolean printedLength = false;
        while (EtherTypes.isTag(type)) {
            p += 2;
            if (caplen - p < 4) {
                return true; // tcpdump stops here with [|vlan]: the line's status says it
            }
            EtherTypes.append(out, type);
            if (!printedLength) {
                out.append(", length ").append(s.wireLength).append(": ");
                printedLength = true;
            } else {
                out.append(", ");
            }
            appendTci(out, u16(d, p)).append(", ");
            type = u16(d, p + 2);
            p += 2;
        }
        if (type <= 1500) {
            out.append("802.3");
            if (!printedLength) {
                out.append(", length ").append(Math.min(type, s.wireLength - p - 2)).append(": ");
            }
            return true;
        }
        EtherTypes.append(out, type);
        if (printedLength) {
            out.append(", ");
        } else {
            out.append(", length ").append(s.wireLength).append(": ");
        }
        return true;
    }

    /** An 802.1Q tag's TCI: "vlan 100, p 0" and ", DEI" when that bit is set. */
    static LineBuilder appendTci(LineBuilder out, int tci) {
        out.append("vlan ").append(tci & 0xfff).append(", p ").append(tci >>> 13);
        return (tci & 0x1000) != 0 ? out.append(", DEI") : out;
    }

    private static boolean sll(LineBuilder out, PacketSummary s, byte[] d, int caplen) {
        if (caplen < 16) {
            return false;
        }
        String type = packetType(u16(d, 0));
        for (int i = type.length(); i < 3; i++) {
            out.append(' ');
        }
        out.append(type).append(' ');
        if (u16(d, 4) == 6) {
            Addresses.appendMac(out, mac(d, 6)).append(' ');
        }
        appendProtocol(out, u16(d, 14)).append(", length ").append(s.wireLength).append(": ");
        return true;
    }

    private static boolean sll2(LineBuilder out, PacketSummary s, byte[] d, int caplen) {
        if (caplen < 20) {
            return false;
        }
        out.append("ifindex ").append(u32(d, 4)).append(' ');
        if ((d[11] & 0xff) == 6) {
            Addresses.appendMac(out, mac(d, 12)).append(' ');
        }
        appendProtocol(out, u16(d, 0)).append(", length ").append(s.wireLength).append(": ");
        return true;
    }

    private static LineBuilder appendProtocol(LineBuilder out, int protocol) {
        if (protocol > 1500) {
            return EtherTypes.append(out, protocol);
        }
        switch (protocol) {
            case 1: return out.append("802.3");
            case 4: return out.append("802.2");
            default:
                return out.append("ethertype Unknown (0x").appendHex2(protocol >>> 8).appendHex2(protocol & 0xff).append(')');
        }
    }

    /** tcpdump's sll_pkttype_values ("?" for the rest). */
    static String packetType(int type) {
        switch (type) {
            case PacketSummary.SLL_HOST: return "In";
            case PacketSummary.SLL_BROADCAST: return "B";
            case PacketSummary.SLL_MULTICAST: return "M";
            case PacketSummary.SLL_OTHERHOST: return "P";
            case PacketSummary.SLL_OUTGOING: return "Out";
            default: return "?";
        }
    }

    private static boolean nullLoop(LineBuilder out, PacketSummary s, byte[] d, int caplen) {
        if (caplen < 4) {
            return false;
        }
        long family = u32le(d, 0); // tcpdump reads it in host order, then swaps a value with high bits set
        if ((family & 0xffff0000L) != 0) {
            family = Integer.reverseBytes((int) family) & 0xffffffffL;
        }
        out.append("AF ").append(familyName(family)).append(" (").append(family).append("), length ")
                .append(s.wireLength).append(": ");
        return true;
    }

    private static String familyName(long family) {
        switch ((int) family) {
            case 2: return "IPv4";
            case 6: return "NS";
            case 7: return "ISO";
            case 16: return "Appletalk";
            case 23: return "IPX";
            case 24: case 28: case 30: return "IPv6";
            default: return "Unknown";
        }
    }

    /**
     * Where tcpdump's dump without the link header starts: the link header with its tags (and an
     * 802.2 LLC/SNAP header after an 802.3 length), or the captured length when the header itself
     * was cut short (then nothing is dumped).
     */
    static int networkStart(PacketSummary s, byte[] d, int caplen) {
        switch (s.linkType) {
            case Decoder.DLT_EN10MB:
                return ethernetEnd(d, caplen, 12);
            case Decoder.DLT_LINUX_SLL:
                return caplen < 16 ? 0 : sllEnd(d, caplen, 14);
            case Decoder.DLT_LINUX_SLL2:
                return caplen < 20 ? 0 : sllEnd(d, caplen, 0);
            case Decoder.DLT_NULL:
            case Decoder.DLT_LOOP:
                return caplen < 4 ? 0 : 4;
            default:
                return 0;
        }
    }

    /** After the type at {@code typeAt}: Ethernet's tags, then LLC for a length. */
    private static int ethernetEnd(byte[] d, int caplen, int typeAt) {
        if (caplen < 14) {
            return caplen;
        }
        int p = typeAt + 2;
        int type = u16(d, typeAt);
        while (EtherTypes.isTag(type)) {
            if (caplen - p < 4) {
                return caplen;
            }
            type = u16(d, p + 2);
            p += 4;
        }
        return type <= 1500 ? p + llcLength(d, p, caplen) : p;
    }

    /** SLL and SLL2: 802.1Q tags only, then LLC for Linux's 802.2 pseudo-type. */
    private static int sllEnd(byte[] d, int caplen, int protocolAt) {
        int p = protocolAt == 14 ? 16 : 20;
        int type = u16(d, protocolAt);
        while (type == 0x8100) {
            if (caplen - p < 4) {
                return caplen;
            }
            type = u16(d, p + 2);
            p += 4;
            if (type <= 1500) {
                type = 4;
            }
        }
        return type == 4 ? p + llcLength(d, p, caplen) : p;
    }

    /** llc_print's header length: 3 (U frame) or 4, +5 for SNAP, 0 for raw 802.3 IPX; cut short: all. */
    private static int llcLength(byte[] d, int p, int caplen) {
        if (caplen - p < 3) {
            return caplen - p;
        }
        int dsap = d[p] & 0xff;
        int ssap = d[p + 1] & 0xff;
        int control = d[p + 2] & 0xff;
        int length = 3;
        if ((control & 3) != 3) {
            if (caplen - p < 4) {
                return caplen - p;
            }
            length = 4;
        }
        if (dsap == 0xff && ssap == 0xff) {
            return 0;
        }
        if ((dsap & 0xfe) == 0xaa && (ssap & 0xfe) == 0xaa && control == 3) {
            return length + 5;
        }
        return length;
    }

    private static long mac(byte[] d, int p) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (d[p + i] & 0xff);
        }
        return v;
    }

    private static int u16(byte[] d, int p) {
        return (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
    }

    private static long u32(byte[] d, int p) {
        return ((long) u16(d, p) << 16 | u16(d, p + 2)) & 0xffffffffL;
    }

    private static long u32le(byte[] d, int p) {
        return Integer.reverseBytes((int) u32(d, p)) & 0xffffffffL;
    }
}
