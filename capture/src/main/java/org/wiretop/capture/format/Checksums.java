package org.wiretop.capture.format;

/**
 * The Internet checksum as tcpdump's {@code -v} checks it (in_cksum.c, ip_finddst,
 * nextproto4_cksum, nextproto6_cksum): over a TCP/UDP/ICMPv6 message with its pseudo-header
 * (the final destination of a source route, as tcpdump), or over an ICMP message alone. A result
 * of 0 means correct; otherwise {@link #shouldBe} gives the value the field should hold.
 * The callers check that the bytes were captured.
 */
final class Checksums {
    private Checksums() {
    }

    /**
     * in_cksum of the IPv4 pseudo-header and {@code d[from, from + length)}.
     *
     * @param ip the IPv4 header's offset (for the addresses and a source route's destination)
     */
    static int ipv4(byte[] d, int ip, int caplen, int protocol, int from, int length) {
        long sum = u16(d, ip + 12) + u16(d, ip + 14);
        int dst = finalDestination4(d, ip, caplen);
        sum += u16(d, dst) + u16(d, dst + 2);
        sum += protocol + length;
        return finish(sum + sum(d, from, length));
    }

    /** in_cksum of the IPv6 pseudo-header (a routing header's last address as destination) and the data. */
    static int ipv6(byte[] d, int ip, int caplen, int protocol, int from, int length) {
        long sum = sum(d, ip + 8, 16);
        sum += sum(d, finalDestination6(d, ip, caplen), 16);
        sum += (length >>> 16) + (length & 0xffff) + protocol;
        return finish(sum + sum(d, from, length));
    }

    /** in_cksum of {@code d[from, from + length)} alone (ICMP, the IPv4 header). */
    static int plain(byte[] d, int from, int length) {
        return finish(sum(d, from, length));
    }

    /** tcpdump's in_cksum_shouldbe: the checksum field's right value, from its value and the result. */
    static int shouldBe(int field, int computed) {
        int v = field + computed;
        v = (v & 0xffff) + (v >>> 16);
        v = (v & 0xffff) + (v >>> 16);
        return v & 0xffff;
    }

    private static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) ~sum & 0xffff;
    }

    /** The 16-bit big-endian words of {@code d[from, from + length)}, an odd last byte padded with 0. */
    private static long sum(byte[] d, int from, int length) {
        long sum = 0;
        int end = from + (length & ~1);
        for (int p = from; p < end; p += 2) {
            sum += (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (d[end] & 0xff) << 8;
        }
        return sum;
    }

    /** ip_finddst: the last address of a strict or loose source route option, else the destination. */
    private static int finalDestination4(byte[] d, int ip, int caplen) {
        int headerLength = (d[ip] & 0x0f) * 4;
        int p = ip + 20;
        int end = ip + headerLength;
        while (p < end && p < caplen) {
            int type = d[p] & 0xff;
            if (type == 0) {
                break;
            }
            int length = 1;
            if (type != 1) {
                if (p + 1 >= caplen) {
                    break;
                }
                length = d[p + 1] & 0xff;
                if (length < 2) {
                    break;
                }
            }
            if (end - p < length || caplen - p < length) {
                break;
            }
            if ((type == 131 || type == 137) && length >= 7) {
                return p + length - 4;
            }
            p += length;
        }
        return ip + 16;
    }

    /** ip6_finddst: the last address of a type 0/2 routing header, the first of a type 4 one. */
    private static int finalDestination6(byte[] d, int ip, int caplen) {
        int dst = ip + 24;
        int next = d[ip + 6] & 0xff;
        int p = ip + 40;
        for (int hops = 0; hops < 64 && p + 8 <= caplen; hops++) {
            switch (next) {
                case 0: case 60: case 62: case 135:
                    next = d[p] & 0xff;
                    p += ((d[p + 1] & 0xff) + 1) << 3;
                    break;
                case 44:
                    next = d[p] & 0xff;
                    p += 8;
                    break;
                case 43: {
                    int length = d[p + 1] & 0xff;
                    int type = d[p + 2] & 0xff;
                    if ((length & 1) == 1) {
                        return dst;
                    }
                    if (type == 0 || type == 2) {
                        for (int i = 0, a = p + 8; i < length / 2 && a + 16 <= caplen; i++, a += 16) {
                            dst = a;
                        }
                    } else if (type == 4 && p + 24 <= caplen) {
                        dst = p + 8;
                    }
                    return dst;
                }
                default:
                    return dst;
            }
        }
        return dst;
    }

    private static int u16(byte[] d, int p) {
        return (d[p] & 0xff) << 8 | (d[p + 1] & 0xff);
    }
}
