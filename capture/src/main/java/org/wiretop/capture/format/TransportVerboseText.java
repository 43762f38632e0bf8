package org.wiretop.capture.format;

import org.wiretop.decode.PacketSummary;

/**
 * What tcpdump's {@code -v} adds to TCP, UDP and ICMP lines: their checksums, verified over
 * what was captured (print-tcp.c, print-udp.c, print-icmp.c, print-icmp6.c), and the text a TCP
 * reset carries. Nothing is said when the message was not captured whole or is a fragment.
 * <pre>
 * TCP     Flags [S], cksum 0x1c46 (correct), seq ...      (incorrect -&gt; 0x1c47)
 * UDP     [udp sum ok] / [bad udp cksum 0x1234 -&gt; 0x5678!] / [no cksum]   (IPv4: -vv)
 * ICMP    ..., length 64 (wrong icmp cksum 1234 (-&gt;5678)!)
 * ICMPv6  [icmp6 sum ok] ICMP6, echo request, ...
 * TCP RST ..., length 5 [RST hello]
 * </pre>
 */
final class TransportVerboseText {
    /** tcpdump prints at most this much of a reset's text (MAX_RST_DATA_LEN). */
    private static final int RST_TEXT = 30;

    private TransportVerboseText() {
    }

    /** ", cksum 0x1c46 (correct)"; {@code length} is the segment's (IP payload) length. */
    static void appendTcpChecksum(LineBuilder out, PacketSummary s, byte[] d, int end, int length, boolean v6) {
        int tcp = s.transportOffset;
        if (fragmented(s, v6) || length < 20 || tcp + length > end) {
            return;
        }
        int sum = pseudoSum(s, d, end, 6, tcp, length, v6);
        int field = u16(d, tcp + 16);
        out.append(", cksum 0x").appendHex2(field >>> 8).appendHex2(field & 0xff);
        if (sum != 0) {
            int right = Checksums.shouldBe(field, sum);
            out.append(" (incorrect -> 0x").appendHex2(right >>> 8).appendHex2(right & 0xff).append(')');
        } else {
            out.append(" (correct)");
        }
    }

    /**
     * UDP's checksum remark, with its trailing space, before the datagram's text; {@code length}
     * is what tcpdump checks: the smaller of the UDP and the IP payload lengths, header excluded.
     */
    static void appendUdpChecksum(LineBuilder out, PacketSummary s, byte[] d, int end, int length, int verbose,
                                  boolean v6) {
        int udp = s.transportOffset;
        if (fragmented(s, v6) || (!v6 && verbose < 2) || udp + 8 > end) {
            return;
        }
        int field = u16(d, udp + 6);
        if (!v6 && field == 0) {
            out.append("[no cksum] ");
            return;
        }
        if (length < 0 || udp + 8 + length > end) {
            return;
        }
        int sum = pseudoSum(s, d, end, 17, udp, length + 8, v6);
        if (sum != 0) {
            int right = Checksums.shouldBe(field, sum);
            out.append("[bad udp cksum 0x").appendHex2(field >>> 8).appendHex2(field & 0xff).append(" -> 0x")
                    .appendHex2(right >>> 8).appendHex2(right & 0xff).append("!] ");
        } else {
            out.append("[udp sum ok] ");
        }
    }

    /** ICMP's " (wrong icmp cksum 1234 (->5678)!)" after its length; silent when right. */
    static void appendIcmpChecksum(LineBuilder out, PacketSummary s, byte[] d, int end, int length) {
        int icmp = s.transportOffset;
        if (s.ipMf || length < 4 || icmp + length > end) {
            return;
        }
        int sum = Checksums.plain(d, icmp, length);
        if (sum != 0) {
            int field = u16(d, icmp + 2);
            out.append(" (wrong icmp cksum ").appendHex16(field).append(" (->")
                    .appendHex16(Checksums.shouldBe(field, sum)).append(")!)");
        }
    }

    /** ICMPv6's "[icmp6 sum ok] " or "[bad icmp6 cksum 0x.. -> 0x..!] ", before "ICMP6, ". */
    static void appendIcmp6Checksum(LineBuilder out, PacketSummary s, byte[] d, int end, int length) {
        int icmp = s.transportOffset;
        if (s.ip6Fragment || length < 4 || icmp + length > end) {
            return;
        }
        int sum = Checksums.ipv6(d, s.networkOffset, end, 58, icmp, length);
        if (sum != 0) {
            int field = u16(d, icmp + 2);
            int right = Checksums.shouldBe(field, sum);
            out.append("[bad icmp6 cksum 0x").appendHex2(field >>> 8).appendHex2(field & 0xff).append(" -> 0x")
                    .appendHex2(right >>> 8).appendHex2(right & 0xff).append("!] ");
        } else {
            out.append("[icmp6 sum ok] ");
        }
    }

    /**
     * A reset's text: " [RST text]" (" [!RST" when not all of it was captured, "+" when longer
     * than tcpdump shows), control characters as ^X and bytes above 127 as M-x, as its fn_print_char.
     */
    static void appendResetText(LineBuilder out, byte[] d, int from, int length, int end) {
        out.append(from + length <= end ? " [RST" : " [!RST");
        if (length > RST_TEXT) {
            length = RST_TEXT;
            out.append('+');
        }
        out.append(' ');
        for (int p = from; p < from + length && p < end; p++) {
            int c = d[p] & 0xff;
            if (c >= 0x80) {
                c &= 0x7f;
                out.append("M-");
            }
            if (c < 0x20 || c == 0x7f) {
                c ^= 0x40;
                out.append('^');
            }
            out.append((char) c);
        }
        out.append(']');
    }

    /** tcpdump checks no checksum in a fragment (more to come, or after an IPv6 fragment header). */
    private static boolean fragmented(PacketSummary s, boolean v6) {
        return v6 ? s.ip6Fragment : s.ipMf;
    }

    private static int pseudoSum(PacketSummary s, byte[] d, int end, int proto, int from, int length, boolean v6) {
        return v6 ? Checksums.ipv6(d, s.networkOffset, end, proto, from, length)
                : Checksums.ipv4(d, s.networkOffset, end, proto, from, length);
    }

    private static int u16(byte[] d, int p) {
        return (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
    }
}
