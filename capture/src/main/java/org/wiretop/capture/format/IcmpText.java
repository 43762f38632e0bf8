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

    /** Appends an ICMPv4 message's description (after "ICMP "); {@code p} is its first byte. */
    static void appendIcmp4(LineBuilder out, int type, int code, int id, int seq, byte[] d, int p, int end) {
        switch (type) {
            case 0:
            case 8:
                out.append(type == 8 ? "echo request" : "echo reply");
                if (id >= 0) {
                    out.append(", id ").append(id).append(", seq ").append(seq);
                }
                return;
            case 3:
                appendUnreachable(out, code, d, p, end);
                return;
            case 5:
                if (p + 28 <= end) {
                    if (code > 3) {
                        out.append("redirect-#").append(code).append(' ');
                    } else {
                        out.append(code < 2 ? "redirect " : "redirect-tos ");
                    }
                    Addresses.appendIpv4(out, (int) u32(d, p + 24));
                    out.append(code == 1 || code == 3 ? " to host " : " to net ");
                    Addresses.appendIpv4(out, (int) u32(d, p + 4));
                } else {
                    out.append("redirect");
                }
                return;
            case 11:
                if (code == 0) {
                    out.append("time exceeded in-transit");
                } else if (code == 1) {
                    out.append("ip reassembly time exceeded");
                } else {
                    out.append("time exceeded-#").append(code);
                }
                return;
            case 12:
                if (code != 0) {
                    out.append("parameter problem - code ").append(code);
                } else if (p + 5 <= end) {
                    out.append("parameter problem - octet ").append(d[p + 4] & 0xff);
                } else {
                    out.append("parameter problem");
                }
                return;
            case 13:
                out.append("time stamp query id ").append(Math.max(id, 0)).append(" seq ").append(Math.max(seq, 0));
                return;
            case 14:
                out.append("time stamp reply id ").append(Math.max(id, 0)).append(" seq ").append(Math.max(seq, 0));
                return;
            case 18:
                if (p + 12 <= end) {
                    out.append("address mask is 0x");
                    String hex = Long.toHexString(u32(d, p + 8));
                    for (int i = hex.length(); i < 8; i++) {
                        out.append('0');
                    }
                    out.append(hex);
                } else {
                    out.append("address mask reply");
                }
                return;
            case 4: out.append("source quench"); return;
            case 9: out.append("router advertisement"); return;
            case 10: out.append("router solicitation"); return;
            case 15: out.append("information request"); return;
            case 16: out.append("information reply"); return;
            case 17: out.append("address mask request"); return;
            default: out.append("type-#").append(type);
        }
    }

    private static void appendUnreachable(LineBuilder out, int code, byte[] d, int p, int end) {
        int inner = p + 8; // the quoted IP header
        if (inner + 20 > end) {
            out.append("unreachable");
            return;
        }
        int innerDst = (int) u32(d, inner + 16);
        int innerProto = d[inner + 9] & 0xff;
        switch (code) {
            case 2:
                Addresses.appendIpv4(out, innerDst).append(" protocol ").append(innerProto).append(" unreachable");
                return;
            case 3: {
                int portAt = inner + (d[inner] & 0x0f) * 4 + 2;
                if (portAt + 2 > end) {
                    Addresses.appendIpv4(out, innerDst).append(" unreachable");
                    return;
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
                return;
            }
            case 4: {
                int mtu = u16(d, p + 6);
                Addresses.appendIpv4(out, innerDst).append(" unreachable - need to frag");
                if (mtu != 0) {
                    out.append(" (mtu ").append(mtu).append(')');
                }
                return;
            }
            default:
                if (code * 2 + 1 < UNREACH_FORMS.length) {
                    out.append(UNREACH_FORMS[code * 2]);
                    Addresses.appendIpv4(out, innerDst).append(UNREACH_FORMS[code * 2 + 1]);
                } else {
                    out.append('#').append(code).append(' ');
                    Addresses.appendIpv4(out, innerDst).append(" unreachable");
                }
        }
    }

    /** Appends an ICMPv6 message's description (after "ICMP6, "); {@code p} is its first byte. */
    static void appendIcmp6(LineBuilder out, int type, int code, int id, int seq, byte[] d, int p, int end) {
        switch (type) {
            case 1: out.append("destination unreachable"); return;
            case 2:
                out.append("packet too big");
                if (p + 8 <= end) {
                    out.append(", mtu ").append(u32(d, p + 4));
                }
                return;
            case 3: out.append("time exceeded in-transit"); return;
            case 4: out.append("parameter problem"); return;
            case 128:
            case 129:
                out.append(type == 128 ? "echo request" : "echo reply");
                if (id >= 0) {
                    out.append(", id ").append(id).append(", seq ").append(seq);
                }
                return;
            case 130: out.append("multicast listener query"); return;
            case 131: out.append("multicast listener report"); return;
            case 132: out.append("multicast listener done"); return;
            case 133: out.append("router solicitation"); return;
            case 134: out.append("router advertisement"); return;
            case 135:
            case 136:
                out.append(type == 135 ? "neighbor solicitation" : "neighbor advertisement");
                if (p + 24 <= end) {
                    out.append(type == 135 ? ", who has " : ", tgt is ");
                    Addresses.appendIpv6(out, d, p + 8);
                }
                return;
            case 137: out.append("redirect"); return;
            case 143: out.append("multicast listener report v2"); return;
            default: out.append("unknown icmp6 type (").append(type).append(')');
        }
    }
}
