package org.wiretop.capture.format;

import static org.wiretop.capture.format.TcpOptionsText.u16;
import static org.wiretop.capture.format.TcpOptionsText.u32;

/**
 * The words tcpdump (non-verbose) prints for ICMP and ICMPv6 messages
 * ({@code echo request, id 1, seq 2}, {@code 10.0.0.2 udp port 45000 unreachable},
 * {@code neighbor solicitation, who has fe80::1}). Details that live in the message body
 * (the quoted datagram of an error, a redirect's gateway) are read from the captured bytes,
 * each read bounded by the captured length; when a detail is not captured the message name alone
 * is printed.
 */
final class IcmpText {
    /** tcpdump's unreach2str: for each code, the text before and after the address. */
    private static final String[] UNREACH_FORMS = {
        "net ", " unreachable", "host ", " unreachable",
        "", "", "", "", "", "", // codes 2-4 (protocol, port, need-frag) have their own wording
        "", " unreachable - source route failed",
        "net ", " unreachable - unknown", "host ", " unreachable - unknown",
        "", " unreachable - source host isolated",
        "net ", " unreachable - admin prohibited", "host ", " unreachable - admin prohibited",
        "net ", " unreachable - tos prohibited", "host ", " unreachable - tos prohibited",
        "host ", " unreachable - admin prohibited filter",
        "host ", " unreachable - host precedence violation",
        "host ", " unreachable - precedence cutoff"};

    private IcmpText() {
    }

    /** {@link #appendIcmp4}'s outcomes: printed; tcpdump's printer stopped at its "trunc" label
     *  (the line is " [|icmp]"); it ran past the capture and gave up the whole packet (longjmp). */
    static final int OK = 0, TRUNCATED = 1, CUT = 2;

    /**
     * Appends an ICMPv4 message's description (after "ICMP "); {@code p} is its first byte.
     * Returns {@link #OK}, or what tcpdump does when a byte it needs was not captured (the
     * caller then replaces what was appended by " [|icmp]").
     */
    static int appendIcmp4(LineBuilder out, int type, int code, byte[] d, int p, int end) {
        switch (type) {
            case 0:
            case 8:
                if (p + 8 > end) {
                    return CUT;
                }
                out.append(type == 8 ? "echo request" : "echo reply").append(", id ").append(u16(d, p + 4))
                        .append(", seq ").append(u16(d, p + 6));
                return OK;
            case 3:
                return appendUnreachable(out, code, d, p, end);
            case 5:
                if (p + 28 > end) {
                    return CUT;
                }
                if (code > 3) {
                    out.append("redirect-#").append(code).append(' ');
                } else {
                    out.append(code < 2 ? "redirect " : "redirect-tos ");
                }
                Addresses.appendIpv4(out, (int) u32(d, p + 24));
                out.append(code > 3 ? " to " : code == 1 || code == 3 ? " to host " : " to net ");
                Addresses.appendIpv4(out, (int) u32(d, p + 4));
                return OK;
            case 9:
                return appendRouterAdvertisement(out, d, p, end);
            case 11:
                if (p + 28 > end) {
                    return TRUNCATED;
                }
                if (code == 0) {
                    out.append("time exceeded in-transit");
                } else if (code == 1) {
                    out.append("ip reassembly time exceeded");
                } else {
                    out.append("time exceeded-#").append(code);
                }
                return OK;
            case 12:
                if (code != 0) {
                    out.append("parameter problem - code ").append(code);
                } else if (p + 5 <= end) {
                    out.append("parameter problem - octet ").append(d[p + 4] & 0xff);
                } else {
                    return CUT;
                }
                return OK;
            case 13:
                if (p + 8 > end) {
                    return CUT;
                }
                out.append("time stamp query id ").append(u16(d, p + 4)).append(" seq ").append(u16(d, p + 6));
                return OK;
            case 14:
                if (p + 20 > end) {
                    return TRUNCATED;
                }
                out.append("time stamp reply id ").append(u16(d, p + 4)).append(" seq ").append(u16(d, p + 6))
                        .append(": org ");
                appendTimestamp(out, u32(d, p + 8)).append(", recv ");
                appendTimestamp(out, u32(d, p + 12)).append(", xmit ");
                appendTimestamp(out, u32(d, p + 16));
                return OK;
            case 18:
                if (p + 16 > end) {
                    return CUT;
                }
                out.append("address mask is 0x");
                long mask = u32(d, p + 12);
                out.appendHex2((int) (mask >>> 24)).appendHex2((int) (mask >>> 16) & 0xff)
                        .appendHex2((int) (mask >>> 8) & 0xff).appendHex2((int) mask & 0xff);
                return OK;
            case 4: out.append("source quench"); return OK;
            case 10: out.append("router solicitation"); return OK;
            case 15: out.append("information request"); return OK;
            case 16: out.append("information reply"); return OK;
            case 17: out.append("address mask request"); return OK;
            default: out.append("type-#").append(type); return OK;
        }
    }

    /** print-icmp.c's icmp_tstamp_print: milliseconds since midnight as hh:mm:ss.mmm. */
    private static LineBuilder appendTimestamp(LineBuilder out, long ms) {
        long sec = ms / 1000, min = sec / 60, hours = min / 60;
        if (hours < 10) {
            out.append('0');
        }
        return out.append(hours).append(':').appendPadded((int) (min % 60), 2).append(':')
                .appendPadded((int) (sec % 60), 2).append('.').appendPadded((int) (ms % 1000), 3);
    }

    /** RFC 1256: "router advertisement lifetime 30:00 1: {10.0.0.1 0}". */
    private static int appendRouterAdvertisement(LineBuilder out, byte[] d, int p, int end) {
        if (p + 8 > end) {
            return TRUNCATED;
        }
        int lifetime = u16(d, p + 6);
        out.append("router advertisement lifetime ");
        if (lifetime < 60) {
            out.append(lifetime);
        } else if (lifetime < 3600) {
            out.append(lifetime / 60).append(':').appendPadded(lifetime % 60, 2);
        } else {
            out.append(lifetime / 3600).append(':').appendPadded(lifetime % 3600 / 60, 2).append(':')
                    .appendPadded(lifetime % 60, 2);
        }
        int count = d[p + 4] & 0xff;
        out.append(' ').append(count).append(':');
        int size = d[p + 5] & 0xff;
        if (size != 2) {
            out.append(" [size ").append(size).append(']');
            return OK;
        }
        for (int i = 0, at = p + 8; i < count; i++, at += 8) {
            if (at + 8 > end) {
                return TRUNCATED;
            }
            out.append(" {");
            Addresses.appendIpv4(out, (int) u32(d, at)).append(' ').append(u32(d, at + 4)).append('}');
        }
        return OK;
    }

    private static int appendUnreachable(LineBuilder out, int code, byte[] d, int p, int end) {
        int inner = p + 8; // the quoted IP header
        if (code == 3 && inner + 10 > end) {
            return TRUNCATED; // tcpdump checks the quoted protocol first, at its "trunc" label
        }
        if (inner + 20 > end) {
            return CUT;
        }
        int innerDst = (int) u32(d, inner + 16);
        int innerProto = d[inner + 9] & 0xff;
        switch (code) {
            case 2:
                Addresses.appendIpv4(out, innerDst).append(" protocol ").append(innerProto).append(" unreachable");
                return OK;
            case 3: {
                int portAt = inner + (d[inner] & 0x0f) * 4 + 2;
                if (portAt + 2 > end) {
                    return CUT;
                }
                int port = u16(d, portAt);
                Addresses.appendIpv4(out, innerDst);
                if (innerProto == 6) {
                    out.append(" tcp port ").append(port);
                } else if (innerProto == 17) {
                    out.append(" udp port ").append(port);
                } else {
                    out.append(" protocol ").append(innerProto).append(" port ").append(port);
                }
                out.append(" unreachable");
                return OK;
            }
            case 4: {
                int mtu = u16(d, p + 6);
                Addresses.appendIpv4(out, innerDst).append(" unreachable - need to frag");
                if (mtu != 0) {
                    out.append(" (mtu ").append(mtu).append(')');
                }
                return OK;
            }
            default:
                if (code * 2 + 1 < UNREACH_FORMS.length) {
                    out.append(UNREACH_FORMS[code * 2]);
                    Addresses.appendIpv4(out, innerDst).append(UNREACH_FORMS[code * 2 + 1]);
                } else {
                    Addresses.appendIpv4(out, innerDst).append(" unreachable - #").append(code);
                }
                return OK;
        }
    }

    /** True for the ICMPv4 errors that quote a packet (tcpdump's ICMP_ERRTYPE). */
    static boolean isError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /**
     * Appends an ICMPv6 message's description (after "ICMP6, "); {@code p} is its first byte.
     * Returns an {@link Icmp6ErrorText} outcome: OK, or what tcpdump does when a byte it needs
     * was not captured.
     *
     * @param lengthAfterName the length tcpdump's -v prints right after the type's name, or -1
     */
    static int appendIcmp6(LineBuilder out, int type, int code, byte[] d, int p, int end, int length,
                           int lengthAfterName, int verbose) {
        appendIcmp6Name(out, type);
        if (lengthAfterName >= 0) {
            out.append(", length ").append(lengthAfterName);
        }
        switch (type) {
            case 1:
            case 3:
            case 4:
                return Icmp6ErrorText.append(out, type, code, d, p, end, length, verbose);
            case 2:
                if (p + 8 > end) {
                    return Icmp6ErrorText.CUT;
                }
                out.append(", mtu ").append(u32(d, p + 4));
                return Icmp6ErrorText.OK;
            case 128:
            case 129:
                if (p + 8 > end) {
                    return Icmp6ErrorText.CUT;
                }
                out.append(", id ").append(u16(d, p + 4)).append(", seq ").append(u16(d, p + 6));
                return Icmp6ErrorText.OK;
            case 135:
            case 136:
                if (p + 24 > end) {
                    return Icmp6ErrorText.CUT;
                }
                out.append(type == 135 ? ", who has " : ", tgt is ");
                Addresses.appendIpv6(out, d, p + 8);
                return Icmp6ErrorText.OK;
            default:
                return Icmp6ErrorText.OK;
        }
    }

    private static void appendIcmp6Name(LineBuilder out, int type) {
        switch (type) {
            case 1: out.append("destination unreachable"); return;
            case 2: out.append("packet too big"); return;
            case 3: out.append("time exceeded in-transit"); return;
            case 4: out.append("parameter problem"); return;
            case 128: out.append("echo request"); return;
            case 129: out.append("echo reply"); return;
            case 130: out.append("multicast listener query"); return;
            case 131: out.append("multicast listener report"); return;
            case 132: out.append("multicast listener done"); return;
            case 133: out.append("router solicitation"); return;
            case 134: out.append("router advertisement"); return;
            case 135: out.append("neighbor solicitation"); return;
            case 136: out.append("neighbor advertisement"); return;
            case 137: out.append("redirect"); return;
            case 138: out.append("router renumbering"); return;
            case 139: out.append("who-are-you request"); return;
            case 140: out.append("who-are-you reply"); return;
            case 141: out.append("inverse neighbor solicitation"); return;
            case 142: out.append("inverse neighbor advertisement"); return;
            case 143: out.append("multicast listener report v2"); return;
            case 144: out.append("ha discovery request"); return;
            case 145: out.append("ha discovery reply"); return;
            case 146: out.append("mobile router solicitation"); return;
            case 147: out.append("mobile router advertisement"); return;
            case 155: out.append("RPL"); return;
            case 200: out.append("mtrace message"); return;
            case 201: out.append("mtrace response"); return;
            default: out.append("unknown icmp6 type (").append(type).append(')');
        }
    }

    /** True for the ICMPv6 types tcpdump's printer has a case for (the rest it dumps in hex). */
    static boolean tcpdumpPrintsIcmp6(int type) {
        return type >= 1 && type <= 4 || type >= 128 && type <= 147 || type == 155;
    }
}
