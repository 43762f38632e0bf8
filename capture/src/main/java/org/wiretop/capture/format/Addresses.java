package org.wiretop.capture.format;

/**
 * Turns the decoder's numeric addresses into the text tcpdump and tshark print, appending to a
 * caller's {@link LineBuilder} so formatting a packet allocates nothing.
 *
 * <ul>
 *   <li>IPv4 (an int, first octet in the high byte) → {@code 192.0.2.1}</li>
 *   <li>IPv6 (two longs, high and low 64 bits) → RFC 5952 text as glibc's {@code inet_ntop}
 *       prints it (and so tshark and tcpdump): lower-case hex, the longest run of two or more
 *       zero groups (the first on a tie) as {@code ::}, and {@code ::ffff:a.b.c.d} /
 *       {@code ::a.b.c.d} for IPv4-mapped and IPv4-compatible addresses</li>
 *   <li>MAC (low 48 bits of a long) → {@code aa:bb:cc:dd:ee:ff}</li>
 * </ul>
 */
public final class Addresses {
    private Addresses() {
    }

    /** Appends an IPv4 address in dotted-quad form. */
    public static LineBuilder appendIpv4(LineBuilder out, int address) {
        return out.appendOctet(address >>> 24).append('.').appendOctet(address >>> 16).append('.')
                .appendOctet(address >>> 8).append('.').appendOctet(address);
    }

    /** Appends a MAC address as six lower-case hex pairs separated by colons. */
    public static LineBuilder appendMac(LineBuilder out, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xff;
            out.appendHex2(b);
            if (shift != 0) {
                out.append(':');
            }
        }
        return out;
    }

    /** Appends an IPv6 address in RFC 5952 compressed form (see the class comment). */
    public static LineBuilder appendIpv6(LineBuilder out, long hi, long lo) {
        // Bit i set = group i is zero; the longest run of set bits (the first on a tie, and
        // only runs of two or more) becomes "::", as inet_ntop does.
        int zeros = 0;
        for (int i = 0; i < 8; i++) {
            if (group(hi, lo, i) == 0) {
                zeros |= 1 << i;
            }
        }
        int bestStart = -1, bestLen = 1;
        for (int start = 0, run = zeros; run != 0; ) {
            start += Integer.numberOfTrailingZeros(run);
            run = zeros >>> start;
            int len = Integer.numberOfTrailingZeros(~run);
            if (len > bestLen) {
                bestStart = start;
                bestLen = len;
            }
            start += len;
            run = start >= 8 ? 0 : zeros >>> start;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(':');
                i += bestLen - 1;
                if (i == 7) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            // IPv4-compatible (::a.b.c.d) or IPv4-mapped (::ffff:a.b.c.d): last 32 bits dotted.
            if (i == 6 && bestStart == 0 && (bestLen == 6 || (bestLen == 5 && group(hi, lo, 5) == 0xffff))) {
                appendIpv4(out, (int) lo);
                break;
            }
            out.appendHex16(group(hi, lo, i));
        }
        return out;
    }

    /** Appends an IPv6 address given as 16 bytes at {@code offset} of {@code bytes}. */
    public static LineBuilder appendIpv6(LineBuilder out, byte[] bytes, int offset) {
        return appendIpv6(out, readLong(bytes, offset), readLong(bytes, offset + 8));
    }

    /** Text of an IPv4 address (allocates; for cold paths and tests). */
    public static String ipv4(int address) {
        return appendIpv4(new LineBuilder(15), address).toString();
    }

    /** Text of an IPv6 address (allocates; for cold paths and tests). */
    public static String ipv6(long hi, long lo) {
        return appendIpv6(new LineBuilder(39), hi, lo).toString();
    }

    /** Text of an IPv6 address given as its 16 bytes (allocates; for cold paths). */
    public static String ipv6(byte[] address) {
        return appendIpv6(new LineBuilder(39), address, 0).toString();
    }

    /** Text of a MAC address (allocates; for cold paths and tests). */
    public static String mac(long mac) {
        return appendMac(new LineBuilder(17), mac).toString();
    }

    private static int group(long hi, long lo, int i) {
        long half = i < 4 ? hi : lo;
        return (int) (half >>> ((3 - (i & 3)) * 16)) & 0xffff;
    }


    private static long readLong(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[off + i] & 0xff);
        }
        return v;
    }
}
