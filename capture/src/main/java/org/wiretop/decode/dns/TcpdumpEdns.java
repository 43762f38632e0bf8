package org.wiretop.decode.dns;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * EDNS(0) options (RFC 6891) of an OPT record, as tcpdump 4.99's {@code eopt_print} prints them
 * inside {@code [...]}: {@code COOKIE 0102030405060708}, {@code ECS 192.0.2.0/24/0},
 * {@code PADDING (12)}, {@code KEEPALIVE 1.5 sec}, ...
 */
final class TcpdumpEdns {
    private static final String[] NAMES = {null, "LLQ", "UL", "NSID", null, "DAU", "DHU", "N3U", "ECS", "EXPIRE",
            "COOKIE", "KEEPALIVE", "PADDING", "CHAIN", "KEY-TAG", null, "CLIENT-TAG", "SERVER-TAG"};
    private static final int ECS = 8, EXPIRE = 9, COOKIE = 10, KEEPALIVE = 11, PADDING = 12, CHAIN = 13,
            KEYTAG = 14, DAU = 5, DHU = 6, N3U = 7;

    private TcpdumpEdns() {
    }

    /** Prints one option at {@code cp}; returns the offset after it, or -1 when cut. */
    static int print(PacketBuf in, int cp, LineBuilder out, byte[] scratch) {
        if (!in.has(cp, 2)) {
            return -1;
        }
        int opt = in.u16(cp);
        cp += 2;
        String name = opt < NAMES.length ? NAMES[opt] : null;
        if (name != null) {
            out.append(name);
        } else {
            out.append("Opt").append(opt);
        }
        if (!in.has(cp, 2)) {
            return -1;
        }
        int len = in.u16(cp);
        cp += 2;
        if (!in.has(cp, len)) {
            return -1;
        }
        if (len > 0) {
            out.append(' ');
            data(in, opt, cp, len, out, scratch);
        }
        return cp + len;
    }

    private static void data(PacketBuf in, int opt, int cp, int len, LineBuilder out, byte[] scratch) {
        switch (opt) {
            case ECS:
                clientSubnet(in, cp, len, out, scratch);
                break;
            case COOKIE:
                if (len < 8 || (len > 8 && len < 16) || len > 40) {
                    out.append(" (invalid)");
                } else {
                    for (int i = 0; i < len; i++) {
                        if (i == 8) {
                            out.append(' ');
                        }
                        out.appendHex2(in.u8(cp + i));
                    }
                }
                break;
            case KEEPALIVE:
                if (len != 2) {
                    out.append(" (invalid)");
                } else {
                    int tenths = in.u16(cp);
                    out.append(tenths / 10).append('.').append(tenths % 10).append(" sec");
                }
                break;
            case EXPIRE:
                if (len != 4) {
                    out.append(" (invalid)");
                } else {
                    out.append(in.u32(cp)).append(" sec");
                }
                break;
            case PADDING:
                out.append('(').append(len).append(')');
                break;
            case KEYTAG:
                if (len % 2 != 0) {
                    out.append(" (invalid)");
                } else {
                    for (int i = 0; i < len; i += 2) {
                        if (i > 0) {
                            out.append(' ');
                        }
                        out.append(in.u16(cp + i));
                    }
                }
                break;
            case DAU:
            case DHU:
            case N3U:
                for (int i = 0; i < len; i++) {
                    if (i > 0) {
                        out.append(' ');
                    }
                    algorithm(opt, in.u8(cp + i), out);
                }
                break;
            case CHAIN:
                TcpdumpNames.print(in, cp, cp + len, out);
                break;
            default:
                for (int i = 0; i < len; i++) {
                    out.appendHex2(in.u8(cp + i));
                }
                break;
        }
    }

    /** {@code print_eopt_ecs}: family, source and scope prefix lengths, the address zero-padded. */
    private static void clientSubnet(PacketBuf in, int cp, int len, LineBuilder out, byte[] padded) {
        if (len < 4) {
            out.append(" (invalid)");
            return;
        }
        int family = in.u16(cp);
        int source = in.u8(cp + 2);
        int scope = in.u8(cp + 3);
        int bits = family == 1 ? 32 : family == 2 ? 128 : -1;
        if (bits < 0 || len - 4 > bits / 8 || source > bits || scope > bits || (source + 7) / 8 != len - 4) {
            out.append(" (invalid)");
            return;
        }
        java.util.Arrays.fill(padded, (byte) 0);
        for (int i = 0; i < len - 4; i++) {
            padded[i] = (byte) in.u8(cp + 4 + i);
        }
        if (family == 1) {
            Addresses.appendIpv4(out, (padded[0] & 0xff) << 24 | (padded[1] & 0xff) << 16 | (padded[2] & 0xff) << 8
                    | (padded[3] & 0xff));
        } else {
            Addresses.appendIpv6(out, padded, 0);
        }
        out.append('/').append(source).append('/').append(scope);
    }

    private static void algorithm(int opt, int alg, LineBuilder out) {
        String name = null;
        if (opt == DAU) {
            switch (alg) {
                case 0: name = "DELETE"; break;
                case 1: name = "RSAMD5"; break;
                case 2: name = "DH"; break;
                case 3: name = "DS"; break;
                case 5: name = "RSASHA1"; break;
                case 6: name = "DSA-NSEC3-SHA1"; break;
                case 7: name = "RSASHA1-NSEC3-SHA1"; break;
                case 8: name = "RSASHA256"; break;
                case 10: name = "RSASHA512"; break;
                case 12: name = "ECC-GOST"; break;
                case 13: name = "ECDSAP256SHA256"; break;
                case 14: name = "ECDSAP384SHA384"; break;
                case 15: name = "ED25519"; break;
                case 16: name = "ED448"; break;
                case 252: name = "INDIRECT"; break;
                case 253: name = "PRIVATEDNS"; break;
                case 254: name = "PRIVATEOID"; break;
                default: break;
            }
        } else if (opt == DHU) {
            switch (alg) {
                case 1: name = "SHA-1"; break;
                case 2: name = "SHA-256"; break;
                case 3: name = "GOST_R_34.11-94"; break;
                case 4: name = "SHA-384"; break;
                default: break;
            }
        } else if (alg == 1) {
            name = "SHA-1";
        }
        if (name != null) {
            out.append(name);
        } else {
            out.append("Alg_").append(alg);
        }
    }
}
