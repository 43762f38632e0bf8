package org.wiretop.capture.format;

import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;

/**
 * The ICMP and ICMPv6 part of a line, as tcpdump prints it (print-icmp.c, print-icmp6.c):
 * {@code ICMP echo request, id 1, seq 2, length 64}, {@code ICMP6, neighbor solicitation, who
 * has fe80::1, length 32}; the words come from {@link IcmpText}. With {@code -v}: the checksum
 * ({@link TransportVerboseText}), the packet an ICMPv4 error quotes ({@link QuotedPacketText}) and
 * the extensions after it ({@link IcmpExtensionText}),
 * neighbour discovery's details ({@link Icmp6VerboseText}) and tcpdump's -v placement of an
 * ICMPv6 message's length. A type tcpdump's ICMPv6 printer does not know is followed by its
 * bytes in hex (unless -vv), as tcpdump prints it.
 */
final class IcmpLineText {
    private IcmpLineText() {
    }

    /**
     * Appends the text after "src > dst: "; false when tcpdump's printer would have given up the
     * packet (a header cut short, a quote not captured): its dumps then start at the first byte.
     *
     * @param length the ICMP message's length (from the IP header)
     */
    static boolean append(LineBuilder out, PacketSummary s, int length, byte[] d, int end, boolean v6, int verbose,
                          QuotedPacketText quote) {
        if (s.icmpType < 0) {
            out.append(v6 ? " [|icmp6]" : " [|icmp]");
            return false;
        }
        end = Math.min(end, s.transportOffset + Math.max(length, 0)); // tcpdump reads within the IP length
        if (v6) {
            return appendIcmp6(out, s, length, d, end, verbose);
        }
        int mark = out.length();
        out.append("ICMP ");
        int words = IcmpText.appendIcmp4(out, s.icmpType, s.icmpCode, d, s.transportOffset, end);
        if (words != IcmpText.OK) {
            out.setLength(mark); // tcpdump prints its words only once it has them all
            out.append(" [|icmp]");
            return words != IcmpText.CUT;
        }
        out.append(", length ").append(Math.max(length, 0));
        if (verbose > 0) {
            TransportVerboseText.appendIcmpChecksum(out, s, d, end, length);
            if (s.status == Status.OK && IcmpText.isError(s.icmpType)) {
                if (!quote.append(out, d, s.transportOffset + 8, end)) {
                    return false;
                }
                if (!IcmpExtensionText.append(out, s.icmpType, d, s.transportOffset, length, end)) {
                    out.append(" [|icmp]");
                }
                return true;
            }
        }
        StatusText.appendSuffix(out, s);
        return true;
    }

    private static boolean appendIcmp6(LineBuilder out, PacketSummary s, int length, byte[] d, int end, int verbose) {
        int type = s.icmpType;
        int at = s.transportOffset;
        if (verbose > 0) {
            TransportVerboseText.appendIcmp6Checksum(out, s, d, end, length);
        }
        out.append("ICMP6, ");
        if (!IcmpText.tcpdumpPrintsIcmp6(type)) {
            IcmpText.appendIcmp6(out, type, s.icmpCode, d, at, end, length, -1, verbose);
            out.append(", length ").append(Math.max(length, 0));
            if (verbose <= 1) {
                HexDump.hex(out, "\n\t", d, at, Math.max(0, Math.min(length, end - at)));
            }
            StatusText.appendSuffix(out, s);
            return true;
        }
        boolean lengthFirst = verbose > 0 && Icmp6VerboseText.lengthAfterName(type);
        int words = IcmpText.appendIcmp6(out, type, s.icmpCode, d, at, end, length,
                lengthFirst ? Math.max(length, 0) : -1, verbose);
        if (words == Icmp6ErrorText.CUT || words == Icmp6ErrorText.TRUNCATED) {
            out.append(" [|icmp6]"); // (print-icmp6.c prints as it goes: its words so far stay)
            return words == Icmp6ErrorText.TRUNCATED;
        }
        if (words == Icmp6ErrorText.DUMPED) {
            return true;
        }
        if (verbose > 0) {
            if (Icmp6VerboseText.append(out, type, d, at, length, end, verbose) == Icmp6VerboseText.TRUNCATED) {
                out.append(" [|icmp6]");
                return true;
            }
            StatusText.appendSuffix(out, s);
            return true; // tcpdump's -v puts no length at the end of ICMPv6 lines
        }
        out.append(", length ").append(Math.max(length, 0));
        StatusText.appendSuffix(out, s);
        return true;
    }
}
