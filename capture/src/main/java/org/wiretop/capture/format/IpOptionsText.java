package org.wiretop.capture.format;

/**
 * IPv4 options as tcpdump's {@code -v} prints them inside {@code options (...)} (print-ip.c's
 * ip_optprint, ip_printroute, ip_printts): {@code RR 10.0.0.1, 10.0.0.2}, {@code NOP},
 * {@code timestamp TS{TSONLY ^ 0 0}}, {@code RA}, with tcpdump's own "[bad length]" remarks.
 * Every read is bounded by the captured length.
 */
final class IpOptionsText {
    /** Outcomes: printed; an option was not captured whole (tcpdump's "trunc" label); a read
     *  ran past the capture (tcpdump's longjmp: the line ends there). */
    static final int OK = 0, TRUNCATED = 1, CUT = 2;

    private IpOptionsText() {
    }

    /** Appends the options in {@code d[p, p + length)}. */
    static int append(LineBuilder out, byte[] d, int p, int length, int caplen) {
        boolean first = true;
        while (length > 0) {
            if (!first) {
                out.append(',');
            }
            first = false;
            if (p >= caplen) {
                return CUT;
            }
            int code = d[p] & 0xff;
            appendName(out, code);
            int optionLength;
            if (code == 0 || code == 1) {
                optionLength = 1;
            } else {
                if (p + 1 >= caplen) {
                    return CUT;
                }
                optionLength = d[p + 1] & 0xff;
                if (optionLength < 2) {
                    out.append(" [bad length ").append(optionLength).append(']');
                    return OK;
                }
            }
            if (optionLength > length) {
                out.append(" [bad length ").append(optionLength).append(']');
                return OK;
            }
            if (p + optionLength > caplen) {
                return TRUNCATED;
            }
            switch (code) {
                case 0:
                    return OK;
                case 68:
                    if (!timestamps(out, d, p, optionLength, caplen)) {
                        return TRUNCATED;
                    }
                    break;
                case 7: case 131: case 137:
                    if (!route(out, d, p, optionLength, caplen)) {
                        return TRUNCATED;
                    }
                    break;
                case 148:
                    if (optionLength < 4) {
                        out.append(" [bad length ").append(optionLength).append(']');
                    } else if (u16(d, p + 2) != 0) {
                        out.append(" value ").append(u16(d, p + 2));
                    }
                    break;
                default:
                    break;
            }
            p += optionLength;
            length -= optionLength;
        }
        return OK;
    }

    private static void appendName(LineBuilder out, int code) {
        switch (code) {
            case 0: out.append("EOL"); break;
            case 1: out.append("NOP"); break;
            case 68: out.append("timestamp"); break;
            case 130: out.append("security"); break;
            case 7: out.append("RR"); break;
            case 137: out.append("SSRR"); break;
            case 131: out.append("LSRR"); break;
            case 148: out.append("RA"); break;
            case 82: out.append("traceroute"); break;
            default: out.append("unknown ").append(code);
        }
    }

    /** ip_printroute: the addresses, a ',' after each one the pointer has passed. */
    private static boolean route(LineBuilder out, byte[] d, int cp, int length, int caplen) {
        if (length < 3) {
            out.append(" [bad length ").append(length).append(']');
            return true;
        }
        if (((length + 1) & 3) != 0) {
            out.append(" [bad length ").append(length).append(']');
        }
        int ptr = (d[cp + 2] & 0xff) - 1;
        if (ptr < 3 || ((ptr + 1) & 3) != 0 || ptr > length + 1) {
            out.append(" [bad ptr ").append(d[cp + 2] & 0xff).append(']');
        }
        for (int len = 3; len < length; len += 4) {
            if (cp + len + 4 > caplen) {
                return false;
            }
            out.append(' ');
            Addresses.appendIpv4(out, (int) IpVerboseText.u32(d, cp + len));
            if (ptr > len) {
                out.append(',');
            }
        }
        return true;
    }

    /** ip_printts: " TS{TSONLY ^ 123 456}" and its variants. */
    private static boolean timestamps(LineBuilder out, byte[] d, int cp, int length, int caplen) {
        if (length < 4) {
            out.append("[bad length ").append(length).append(']');
            return true;
        }
        out.append(" TS{");
        int flags = d[cp + 3] & 0xff;
        int hopLength = (flags & 0xf) != 0 ? 8 : 4;
        if (((length - 4) & (hopLength - 1)) != 0) {
            out.append("[bad length ").append(length).append(']');
        }
        int ptr = (d[cp + 2] & 0xff) - 1;
        int len = 0;
        if (ptr < 4 || ((ptr - 4) & (hopLength - 1)) != 0 || ptr > length + 1) {
            out.append("[bad ptr ").append(d[cp + 2] & 0xff).append(']');
        }
        boolean known = true;
        switch (flags & 0xf) {
            case 0: out.append("TSONLY"); break;
            case 1: out.append("TS+ADDR"); break;
            case 3: out.append("PRESPEC"); break;
            default:
                out.append("[bad ts type ").append(flags & 0xf).append(']');
                known = false;
        }
        if (known) {
            String type = " ";
            for (len = 4; len < length; len += hopLength) {
                if (ptr == len) {
                    type = " ^ ";
                }
                if (cp + len + hopLength > caplen) {
                    return false;
                }
                out.append(type).append(IpVerboseText.u32(d, cp + len + hopLength - 4)).append('@');
                if (hopLength == 8) {
                    Addresses.appendIpv4(out, (int) IpVerboseText.u32(d, cp + len));
                }
                type = " ";
            }
        }
        out.append(ptr == len ? " ^ " : "");
        if ((flags >>> 4) != 0) {
            out.append(" [").append(flags >>> 4).append(" hops not recorded]} ");
        } else {
            out.append('}');
        }
        return true;
    }

    private static int u16(byte[] d, int p) {
        return IpVerboseText.u16(d, p);
    }
}
