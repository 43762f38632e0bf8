package org.wiretop.decode.dns;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * Names and strings the way tcpdump 4.99's {@code print-domain.c} prints them ({@code fqdn_print},
 * {@code ns_nskip}, {@code ns_cprint}), quirks included, so our lines equal its lines. Offsets are
 * into the packet; -1 plays the part of tcpdump's NULL (stop, and say the packet was cut).
 *
 * <p>Pointers must go backwards, as in tcpdump (and BIND), which rules out loops; a step budget
 * also bounds a chain of labels walked again after each pointer.
 */
public final class TcpdumpNames {
    static final int MAXCDNAME = 255;
    /** Labels and pointers followed at most in one name (tcpdump has no such bound). */
    private static final int STEP_BUDGET = 4096;

    private TcpdumpNames() {
    }

    /** {@code ns_nskip}: the offset after the name at {@code cp}, or -1. */
    static int skip(PacketBuf in, int cp) {
        if (!in.has(cp, 1)) {
            return -1;
        }
        int i = in.u8(cp++);
        while (i != 0) {
            switch (i & DnsName.POINTER) {
                case DnsName.POINTER:
                    return cp + 1;
                case DnsName.EXTENDED: {
                    if ((i & 0x3f) != 1 || !in.has(cp, 1)) {
                        return -1;
                    }
                    int bitlen = in.u8(cp++);
                    cp += ((bitlen == 0 ? 256 : bitlen) + 7) / 8;
                    break;
                }
                case DnsName.RESERVED:
                    return -1;
                default:
                    cp += i;
                    break;
            }
            if (!in.has(cp, 1)) {
                return -1;
            }
            i = in.u8(cp++);
        }
        return cp;
    }

    /** {@code labellen}: a label's length (bit labels: their bytes), or -1 after printing why. */
    private static int labelLength(PacketBuf in, int cp, LineBuilder out) {
        if (!in.has(cp, 1)) {
            return -1;
        }
        int i = in.u8(cp);
        switch (i & DnsName.POINTER) {
            case DnsName.EXTENDED: {
                int elt = i & 0x3f;
                if (elt != 1) {
                    out.append("<ELT ").append(elt).append('>');
                    return -1;
                }
                if (!in.has(cp + 1, 1)) {
                    return -1;
                }
                int bitlen = in.u8(cp + 1);
                return ((bitlen == 0 ? 256 : bitlen) + 7) / 8 + 1;
            }
            case DnsName.POINTER:
            case 0:
                return i;
            default:
                out.append("<BAD LABEL TYPE>");
                return -1;
        }
    }

    /**
     * {@code fqdn_print}: prints the name at {@code cp} (compression offsets from {@code bp}, the
     * message start) and returns the offset after it where it lay, or -1. Public for the other
     * printers that use tcpdump's fqdn_print (ICMPv6's DNS search list option).
     */
    public static int print(PacketBuf in, int cp, int bp, LineBuilder out) {
        int l = labelLength(in, cp, out);
        if (l == -1 || !in.has(cp, 1)) {
            return -1;
        }
        int maxOffset = cp - bp;
        int i = in.u8(cp++);
        int rp = -1;
        boolean compress = false;
        if ((i & DnsName.POINTER) != DnsName.POINTER) {
            rp = cp + l;
        }
        if (i == 0) {
            out.append('.');
            return rp;
        }
        int nameChars = 0;
        int steps = 0;
        int snapEnd = in.end();
        while (i != 0 && cp < snapEnd) {
            if (++steps > STEP_BUDGET) {
                return -1;
            }
            switch (i & DnsName.POINTER) {
                case DnsName.POINTER: {
                    if (!compress) {
                        rp = cp + 1;
                        compress = true;
                    }
                    if (!in.has(cp, 1)) {
                        return -1;
                    }
                    int offset = ((i << 8) | in.u8(cp)) & 0x3fff;
                    if (offset >= maxOffset) {
                        out.append("<BAD PTR>");
                        return -1;
                    }
                    maxOffset = offset;
                    cp = bp + offset;
                    if (!in.has(cp, 1)) {
                        return -1;
                    }
                    i = in.u8(cp);
                    if ((l = labelLength(in, cp, out)) == -1) {
                        return -1;
                    }
                    cp++;
                    continue;
                }
                case DnsName.EXTENDED:
                    if ((i & 0x3f) != 1) {
                        out.append("<ELT ").append(i & 0x3f).append('>');
                        return -1;
                    }
                    if (!bitLabel(in, cp, out)) {
                        return -1;
                    }
                    break;
                case DnsName.RESERVED:
                    out.append("<BAD LABEL TYPE>");
                    return -1;
                default:
                    if (nameChars + l <= MAXCDNAME) {
                        if (printn(in, cp, l, out)) {
                            return -1;
                        }
                    } else if (nameChars < MAXCDNAME && printn(in, cp, MAXCDNAME - nameChars, out)) {
                        return -1;
                    }
                    nameChars += l;
                    break;
            }
            cp += l;
            if (nameChars <= MAXCDNAME) {
                out.append('.');
            }
            nameChars++;
            if (!in.has(cp, 1)) {
                return -1;
            }
            i = in.u8(cp);
            if ((l = labelLength(in, cp, out)) == -1) {
                return -1;
            }
            cp++;
            if (!compress) {
                rp += l + 1;
            }
        }
        if (nameChars > MAXCDNAME) {
            out.append("<DOMAIN NAME TOO LONG>");
        }
        return rp;
    }

    /** {@code blabel_print}: an RFC 2673 bit label as {@code \[x0a/12]}; false when cut. */
    private static boolean bitLabel(PacketBuf in, int cp, LineBuilder out) {
        if (!in.has(cp, 1)) {
            return false;
        }
        int bitlen = in.u8(cp);
        if (bitlen == 0) {
            bitlen = 256;
        }
        int lim = cp + 1 + (bitlen + 3) / 4;
        out.append("\\[x");
        int p = cp + 1;
        int b = bitlen;
        for (; p < lim && b > 7; b -= 8, p++) {
            out.appendHex2(in.u8(p));
        }
        if (b > 4) {
            out.appendHex2(in.u8(p) & (0xff << (8 - b)) & 0xff);
        } else if (b > 0) {
            out.append("0123456789abcdef".charAt(((in.u8(p) >> 4) & 0x0f) & (0x0f << (4 - b)) & 0x0f));
        }
        out.append('/').append(bitlen).append(']');
        return true;
    }

    /** {@code nd_printn}: up to {@code n} bytes as printable text; true when the capture cut it. */
    static boolean printn(PacketBuf in, int cp, int n, LineBuilder out) {
        int end = in.end();
        while (n > 0 && cp < end) {
            n--;
            printChar(in.u8(cp++), out);
        }
        return n != 0;
    }

    /** {@code fn_print_char}: {@code M-} for the high bit, {@code ^} for control characters. */
    static void printChar(int c, LineBuilder out) {
        if ((c & 0x80) != 0) {
            c &= 0x7f;
            out.append("M-");
        }
        if (c < 0x20 || c > 0x7e) {
            c ^= 0x40;
            out.append('^');
        }
        out.append((char) c);
    }

    /** {@code ns_cprint}: a character-string (length byte, bytes); the offset after it, or -1. */
    static int characterString(PacketBuf in, int cp, LineBuilder out) {
        if (!in.has(cp, 1)) {
            return -1;
        }
        int i = in.u8(cp++);
        if (printn(in, cp, i, out)) {
            return -1;
        }
        return cp + i;
    }
}
