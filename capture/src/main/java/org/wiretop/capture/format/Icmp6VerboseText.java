package org.wiretop.capture.format;

import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.dns.TcpdumpNames;

/**
 * What tcpdump's {@code -v} adds to IPv6 neighbour discovery (print-icmp6.c): a router
 * advertisement's parameters, a neighbour advertisement's flags and the options of RS, RA, NS, NA
 * and redirect, one a line:
 * <pre>
 * ICMP6, neighbor solicitation, length 32, who has fe80::2
 *	  source link-address option (1), length 8 (1): 02:00:00:00:00:01
 * </pre>
 * With {@code -vv} each option is followed by its bytes in hex. Reads are bounded by the
 * captured length; where tcpdump would stop at a missing byte, {@link #append} says so.
 */
final class Icmp6VerboseText {
    /** {@link #append}'s outcomes: done; tcpdump's "trunc" label (" [|icmp6]" follows). */
    static final int OK = 0, TRUNCATED = 1;

    private Icmp6VerboseText() {
    }

    /** True for the types after whose name tcpdump's -v prints ", length N" (and not at the end). */
    static boolean lengthAfterName(int type) {
        return type == 133 || type == 134 || type == 135 || type == 136 || type == 137 || type == 145 || type == 147;
    }

    /** Appends the -v details of ICMPv6 message {@code d[p, p + length)} (captured up to {@code end}). */
    static int append(LineBuilder out, int type, byte[] d, int p, int length, int end, int verbose) {
        switch (type) {
            case 133:
                return options(out, d, p + 8, length - 8, end, verbose);
            case 134:
                if (p + 16 > end) {
                    return TRUNCATED;
                }
                int flags = d[p + 5] & 0xff;
                out.append("\n\thop limit ").append(d[p + 4] & 0xff).append(", Flags [");
                int start = out.length();
                flag(out, start, flags & 0x80, "managed");
                flag(out, start, flags & 0x40, "other stateful");
                flag(out, start, flags & 0x20, "home agent");
                flag(out, start, flags & 0x02, "ipv6 only");
                if (out.length() == start) {
                    out.append("none");
                }
                out.append("], pref ").append(preference(flags)).append(", router lifetime ").append(u16(d, p + 6))
                        .append("s, reachable time ").append(u32(d, p + 8)).append("ms, retrans timer ")
                        .append(u32(d, p + 12)).append("ms");
                return options(out, d, p + 16, length - 16, end, verbose);
            case 135:
                return options(out, d, p + 24, length - 24, end, verbose);
            case 136: {
                if (p + 8 > end) {
                    return TRUNCATED;
                }
                long na = u32(d, p + 4);
                out.append(", Flags [");
                int at = out.length();
                flag(out, at, (int) (na >>> 24) & 0x80, "router");
                flag(out, at, (int) (na >>> 24) & 0x40, "solicited");
                flag(out, at, (int) (na >>> 24) & 0x20, "override");
                if (out.length() == at) {
                    out.append("none");
                }
                out.append(']');
                return options(out, d, p + 24, length - 24, end, verbose);
            }
            case 137:
                return options(out, d, p + 40, length - 40, end, verbose);
            default:
                return OK;
        }
    }

    /** icmp6_opt_print: "\n\t  NAME option (T), length L (N): VALUE", for each option. */
    private static int options(LineBuilder out, byte[] d, int from, int resid, int end, int verbose) {
        int cp = from;
        while (cp < end) {
            if (cp + 2 > end) {
                return TRUNCATED;
            }
            if (resid <= 0) {
                return OK;
            }
            int type = d[cp] & 0xff;
            int units = d[cp + 1] & 0xff;
            int length = units << 3;
            if (units == 0 || cp + length > end) {
                return TRUNCATED;
            }
            out.append("\n\t  ");
            String name = optionName(type);
            out.append(name == null ? "unknown" : name).append(" option (").append(type).append("), length ")
                    .append(length).append(" (").append(units).append("): ");
            switch (type) {
                case 1:
                case 2:
                    for (int q = cp + 2; q < cp + length; q++) {
                        if (q > cp + 2) {
                            out.append(':');
                        }
                        out.appendHex2(d[q]);
                    }
                    break;
                case 3:
                    if (cp + 32 > end) {
                        return TRUNCATED;
                    }
                    Addresses.appendIpv6(out, d, cp + 16);
                    out.append('/').append(d[cp + 2] & 0xff).append(units != 4 ? "badlen" : "").append(", Flags [");
                    int at = out.length();
                    int pi = d[cp + 3] & 0xff;
                    flag(out, at, pi & 0x80, "onlink");
                    flag(out, at, pi & 0x40, "auto");
                    flag(out, at, pi & 0x20, "router");
                    if (out.length() == at) {
                        out.append("none");
                    }
                    out.append("], valid time ");
                    lifetime(out, u32(d, cp + 4)).append(", pref. time ");
                    lifetime(out, u32(d, cp + 8));
                    break;
                case 4:
                    HexDump.hex(out, "\n\t    ", d, from, Math.min(length, end - from));
                    break;
                case 5:
                    out.append(' ').append(u32(d, cp + 4)).append(units != 1 ? "bad option length" : "");
                    break;
                case 25: {
                    out.append(" lifetime ").append(u32(d, cp + 4)).append("s,");
                    for (int i = 0, a = cp + 8; i < (units - 1) / 2; i++, a += 16) {
                        out.append(" addr: ");
                        Addresses.appendIpv6(out, d, a);
                    }
                    break;
                }
                case 31: {
                    out.append(" lifetime ").append(u32(d, cp + 4)).append("s, domain(s):");
                    PacketBuf names = new PacketBuf().wrap(d, end, end); // (rare: an allocation is fine)
                    for (int domain = cp + 8; domain < cp + length && d[domain] != 0; ) {
                        out.append(' ');
                        domain = TcpdumpNames.print(names, domain, from, out);
                        if (domain < 0) {
                            return TRUNCATED;
                        }
                    }
                    break;
                }
                case 7:
                    out.append(' ').append(u32(d, cp + 4)).append("ms");
                    break;
                case 24: {
                    if (units > 3) {
                        return TRUNCATED;
                    }
                    long hi = units >= 2 ? u64(d, cp + 8) : 0;
                    long lo = units == 3 ? u64(d, cp + 16) : 0;
                    out.append(' ');
                    Addresses.appendIpv6(out, hi, lo).append('/').append(d[cp + 2] & 0xff).append(", pref=")
                            .append(preference(d[cp + 3] & 0xff)).append(", lifetime=");
                    lifetime(out, u32(d, cp + 4));
                    break;
                }
                case 8:
                    out.append(" preference ").append(u16(d, cp + 4)).append(", lifetime ").append(u16(d, cp + 6));
                    break;
                default:
                    if (verbose <= 1) {
                        HexDump.hex(out, "\n\t  ", d, cp + 2, length - 2);
                        return OK;
                    }
                    break;
            }
            if (verbose > 1) {
                HexDump.hex(out, "\n\t    ", d, cp + 2, length - 2);
            }
            cp += length;
            resid -= length;
        }
        return OK;
    }

    /** tcpdump's icmp6_opt_values. */
    private static String optionName(int type) {
        switch (type) {
            case 1: return "source link-address";
            case 2: return "destination link-address";
            case 3: return "prefix info";
            case 4: return "redirected header";
            case 5: return "mtu";
            case 25: return "rdnss";
            case 7: return "advertisement interval";
            case 8: return "homeagent information";
            case 24: return "route info";
            case 31: return "dnssl";
            default: return null;
        }
    }

    private static LineBuilder lifetime(LineBuilder out, long v) {
        return v == 0xffffffffL ? out.append("infinity") : out.append(v).append('s');
    }

    private static String preference(int flags) {
        switch ((flags & 0x18) >>> 3) {
            case 0: return "medium";
            case 1: return "high";
            case 2: return "rsv";
            default: return "low";
        }
    }

    /** bittok2str's ", "-joined names. */
    private static void flag(LineBuilder out, int start, int bit, String name) {
        if (bit != 0) {
            if (out.length() > start) {
                out.append(", ");
            }
            out.append(name);
        }
    }

    private static int u16(byte[] d, int p) {
        return (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
    }

    private static long u32(byte[] d, int p) {
        return ((long) u16(d, p) << 16 | u16(d, p + 2)) & 0xffffffffL;
    }

    private static long u64(byte[] d, int p) {
        return u32(d, p) << 32 | u32(d, p + 4);
    }
}
