package org.wiretop.capture.format;

/**
 * The details tcpdump prints for ICMPv6 errors (print-icmp6.c), read from the quoted packet:
 * <pre>
 * destination unreachable, unreachable port, 2001:db8::2 udp port 53
 * time exceeded in-transit for 2001:db8::2
 * parameter problem, next header - octet 6
 * </pre>
 * Reads are bounded by the captured end; a missing byte gives tcpdump's outcome instead.
 */
final class Icmp6ErrorText {
    /** Outcomes: printed; tcpdump's "trunc" label; its longjmp; an unknown unreachable code whose
     *  bytes were dumped in hex instead of a length. */
    static final int OK = 0, TRUNCATED = 1, CUT = 2, DUMPED = 3;

    private Icmp6ErrorText() {
    }

    /** Appends what follows the type's name for types 1, 3 and 4; {@code p} is the message's first byte. */
    static int append(LineBuilder out, int type, int code, byte[] d, int p, int end, int length, int verbose) {
        int quote = p + 8;
        switch (type) {
            case 1:
                return unreachable(out, code, d, p, quote, end, length, verbose);
            case 3:
                if (code == 0) {
                    if (quote + 40 > end) {
                        return CUT;
                    }
                    out.append(" for ");
                    Addresses.appendIpv6(out, d, quote + 24);
                } else if (code == 1) {
                    out.append(" (reassembly)");
                } else {
                    out.append(", unknown code (").append(code).append(')');
                }
                return OK;
            case 4: {
                if (quote + 40 > end) {
                    return TRUNCATED;
                }
                String[] words = {", erroneous - octet ", ", next header - octet ", ", option - octet ",
                    ", incomplete header chain - octet "};
                if (code < words.length) {
                    out.append(words[code]).append(IpVerboseText.u32(d, p + 4));
                } else {
                    out.append(", code-#").append(code);
                }
                return OK;
            }
            default:
                return OK;
        }
    }

    private static int unreachable(LineBuilder out, int code, byte[] d, int p, int quote, int end, int length,
                                   int verbose) {
        String[] names = {"unreachable route", " unreachable prohibited", "beyond scope", "unreachable address",
            "unreachable port"};
        out.append(", ");
        if (code < names.length) {
            out.append(names[code]);
        } else {
            out.append("unknown unreach code (").append(code).append(')');
        }
        switch (code) {
            case 0: case 1: case 3:
                if (quote + 40 > end) {
                    return CUT;
                }
                out.append(' ');
                Addresses.appendIpv6(out, d, quote + 24);
                return OK;
            case 2:
                if (quote + 40 > end) {
                    return CUT;
                }
                out.append(' ');
                Addresses.appendIpv6(out, d, quote + 24).append(", source address ");
                Addresses.appendIpv6(out, d, quote + 8);
                return OK;
            case 4: {
                int upper = upperLayer(d, quote, end);
                if (upper < 0) {
                    return TRUNCATED;
                }
                if (quote + 40 > end) {
                    return CUT;
                }
                int protocol = upper >>> 24;
                int port = IpVerboseText.u16(d, (upper & 0xffffff) + 2);
                out.append(", ");
                Addresses.appendIpv6(out, d, quote + 24);
                if (protocol == 6 || protocol == 17) {
                    out.append(protocol == 6 ? " tcp port " : " udp port ").append(port);
                } else {
                    out.append(" protocol ").append(protocol).append(" port ").append(port).append(" unreachable");
                }
                return OK;
            }
            default:
                if (verbose <= 1) {
                    HexDump.hex(out, "\n\t", d, p, Math.max(0, Math.min(length, end - p)));
                    return DUMPED;
                }
                return OK;
        }
    }

    /**
     * get_upperlayer: the quoted packet's TCP or UDP header after its extension headers, as
     * (protocol &lt;&lt; 24 | offset), or -1 when it is not there (or not captured to its port).
     */
    private static int upperLayer(byte[] d, int ip, int end) {
        if (ip + 7 > end) {
            return -1;
        }
        int next = d[ip + 6] & 0xff;
        int p = ip + 40;
        for (int hops = 0; hops < 64 && p < end; hops++) {
            switch (next) {
                case 6: case 17:
                    return p + 4 <= end ? next << 24 | p : -1;
                case 0: case 60: case 43:
                    if (p + 2 > end) {
                        return -1;
                    }
                    next = d[p] & 0xff;
                    p += ((d[p + 1] & 0xff) + 1) << 3;
                    break;
                case 44:
                    if (p + 4 > end || (IpVerboseText.u16(d, p + 2) & 0xfff8) != 0) {
                        return -1;
                    }
                    next = d[p] & 0xff;
                    p += 8;
                    break;
                case 51:
                    if (p + 2 > end) {
                        return -1;
                    }
                    next = d[p] & 0xff;
                    p += ((d[p + 1] & 0xff) + 2) << 2;
                    break;
                default:
                    return -1;
            }
        }
        return -1;
    }
}
