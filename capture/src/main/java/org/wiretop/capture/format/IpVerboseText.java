package org.wiretop.capture.format;

import org.wiretop.decode.PacketSummary;

/**
 * What tcpdump's {@code -v} adds to an IP line (print-ip.c, print-ip6.c):
 * <pre>
 * IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)
 *     10.0.0.1.40000 &gt; 10.0.0.2.80: ...
 * IP6 (flowlabel 0x12345, hlim 64, next-header TCP (6) payload length: 40) ::1.40000 &gt; ::1.80: ...
 * </pre>
 * with the IPv4 options ({@link IpOptionsText}) and a wrong header checksum
 * ({@code , bad cksum 1234 (->5678)!}). Read from the captured bytes.
 */
final class IpVerboseText {
    /** {@link #appendIpv4}'s outcomes: go on, or the line ends as tcpdump's did. */
    static final int OK = 0, TRUNCATED_OPTION = 1, CUT = 2;

    private IpVerboseText() {
    }

    /**
     * Appends "(tos ..., length N)\n    " for the IPv4 header at {@code s.networkOffset} (its fixed
     * 20 bytes captured). Returns {@link #OK}; {@link #TRUNCATED_OPTION} when tcpdump's option
     * printer ran out of bytes (the caller prints "src > dst:  [|ip]"); {@link #CUT} when a
     * read ran past the capture (tcpdump's longjmp: the caller ends the line with " [|ip]").
     */
    static int appendIpv4(LineBuilder out, PacketSummary s, byte[] d, int caplen) {
        int ip = s.networkOffset;
        int tos = d[ip + 1] & 0xff;
        out.append("(tos 0x").appendHex16(tos);
        switch (tos & 3) {
            case 1: out.append(",ECT(1)"); break;
            case 2: out.append(",ECT(0)"); break;
            case 3: out.append(",CE"); break;
            default: break;
        }
        int ttl = d[ip + 8] & 0xff;
        if (ttl >= 1) {
            out.append(", ttl ").append(ttl);
        }
        int off = u16(d, ip + 6);
        out.append(", id ").append(u16(d, ip + 4)).append(", offset ").append((off & 0x1fff) * 8).append(", flags [");
        appendFragmentFlags(out, off);
        int proto = d[ip + 9] & 0xff;
        out.append("], proto ");
        appendProtocolName(out, proto).append(" (").append(proto).append("), length ").append(u16(d, ip + 2));
        int headerLength = (d[ip] & 0x0f) * 4;
        int result = OK;
        if (headerLength > 20) {
            out.append(", options (");
            int r = IpOptionsText.append(out, d, ip + 20, headerLength - 20, caplen);
            if (r == IpOptionsText.CUT) {
                return CUT;
            }
            if (r == IpOptionsText.TRUNCATED) {
                out.append(" [truncated-option]");
            }
            out.append(')');
            result = r == IpOptionsText.TRUNCATED ? TRUNCATED_OPTION : OK;
        }
        if (ip + headerLength <= caplen) {
            int sum = Checksums.plain(d, ip, headerLength);
            if (sum != 0) {
                int field = u16(d, ip + 10);
                out.append(", bad cksum ").appendHex16(field).append(" (->")
                        .appendHex16(Checksums.shouldBe(field, sum)).append(")!");
            }
        }
        out.append(")\n    ");
        return result;
    }

    /** bittok2str(ip_frag_values, "none", ...): "+", "DF", "rsvd" in that order, ", " between. */
    private static void appendFragmentFlags(LineBuilder out, int off) {
        int start = out.length();
        if ((off & 0x2000) != 0) {
            out.append('+');
        }
        if ((off & 0x4000) != 0) {
            out.append(out.length() > start ? ", DF" : "DF");
        }
        if ((off & 0x8000) != 0) {
            out.append(out.length() > start ? ", rsvd" : "rsvd");
        }
        if (out.length() == start) {
            out.append("none");
        }
    }

    /**
     * Appends IPv6's "(class 0x.., flowlabel 0x....., hlim 64, next-header TCP (6) payload length: 40) "
     * for the fixed header at {@code s.networkOffset} (captured whole).
     */
    static void appendIpv6(LineBuilder out, PacketSummary s, byte[] d) {
        int ip = s.networkOffset;
        int flow = (int) u32(d, ip);
        out.append('(');
        if ((flow & 0x0ff00000) != 0) {
            out.append("class 0x").appendHex2((flow >>> 20) & 0xff).append(", ");
        }
        if ((flow & 0x000fffff) != 0) {
            int label = flow & 0xfffff;
            out.append("flowlabel 0x").append(Character.forDigit(label >>> 16, 16))
                    .appendHex2((label >>> 8) & 0xff).appendHex2(label & 0xff).append(", ");
        }
        int next = d[ip + 6] & 0xff;
        out.append("hlim ").append(d[ip + 7] & 0xff).append(", next-header ");
        appendProtocolName(out, next).append(" (").append(next).append(") payload length: ")
                .append(u16(d, ip + 4)).append(") ");
    }

    /** tcpdump's ipproto_values, "unknown" for the rest. */
    static LineBuilder appendProtocolName(LineBuilder out, int proto) {
        return out.append(protocolName(proto));
    }

    private static String protocolName(int proto) {
        switch (proto) {
            case 0: return "Options";
            case 1: return "ICMP";
            case 2: return "IGMP";
            case 4: return "IPIP";
            case 6: return "TCP";
            case 8: return "EGP";
            case 9: return "IGRP";
            case 17: return "UDP";
            case 33: return "DCCP";
            case 41: return "IPv6";
            case 43: return "Routing";
            case 44: return "Fragment";
            case 46: return "RSVP";
            case 47: return "GRE";
            case 50: return "ESP";
            case 51: return "AH";
            case 55: return "Mobile IP";
            case 58: return "ICMPv6";
            case 62: return "Mobile IP (old)";
            case 88: return "EIGRP";
            case 89: return "OSPF";
            case 103: return "PIM";
            case 108: return "Compressed IP";
            case 112: return "VRRP";
            case 113: return "PGM";
            case 132: return "SCTP";
            case 135: return "Mobility";
            case 143: return "Ethernet";
            default: return "unknown";
        }
    }

    static int u16(byte[] d, int p) {
        return (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
    }

    static long u32(byte[] d, int p) {
        return ((long) u16(d, p) << 16 | u16(d, p + 2)) & 0xffffffffL;
    }
}
