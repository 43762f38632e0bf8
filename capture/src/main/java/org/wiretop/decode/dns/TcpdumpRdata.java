package org.wiretop.decode.dns;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * The data of one resource record as tcpdump 4.99's {@code ns_rprint} prints it after the type
 * name: {@code A 192.0.2.1}, {@code CNAME www.example.com.}, {@code MX mail.example.com. 10},
 * {@code SRV host.:443 0 5}, {@code TXT "v=spf1"}, {@code OPT UDPsize=1232 DO [COOKIE ...]}, and
 * with {@code -v} SOA and TSIG details.
 */
final class TcpdumpRdata {
    private TcpdumpRdata() {
    }

    /**
     * Prints the data at {@code cp} ({@code len} bytes, ending at {@code rp}); false where tcpdump
     * returns NULL (the packet was cut).
     *
     * @param cls the class (for OPT: the UDP payload size), optFlags OPT's flags word
     */
    static boolean print(PacketBuf in, LineBuilder out, int type, int cls, int optFlags, int cp, int len, int rp,
                         int bp, int verbose, byte[] scratch) {
        switch (type) {
            case DnsTypes.A:
                if (!in.has(cp, 4)) {
                    return false;
                }
                out.append(' ');
                Addresses.appendIpv4(out, in.i32(cp));
                return true;
            case DnsTypes.NS:
            case DnsTypes.CNAME:
            case DnsTypes.PTR:
            case DnsTypes.DNAME:
                out.append(' ');
                return TcpdumpNames.print(in, cp, bp, out) >= 0;
            case DnsTypes.SOA:
                return verbose == 0 || soa(in, out, cp, bp);
            case DnsTypes.MX:
                out.append(' ');
                if (!in.has(cp, 2) || TcpdumpNames.print(in, cp + 2, bp, out) < 0) {
                    return false;
                }
                out.append(' ').append(in.u16(cp));
                return true;
            case DnsTypes.TXT:
                while (cp < rp) {
                    out.append(" \"");
                    if ((cp = TcpdumpNames.characterString(in, cp, out)) < 0) {
                        return false;
                    }
                    out.append('"');
                }
                return true;
            case DnsTypes.SRV:
                out.append(' ');
                if (!in.has(cp, 6) || TcpdumpNames.print(in, cp + 6, bp, out) < 0) {
                    return false;
                }
                out.append(':').append(in.u16(cp + 4)).append(' ').append(in.u16(cp)).append(' ')
                        .append(in.u16(cp + 2));
                return true;
            case DnsTypes.AAAA:
                if (!in.has(cp, 16)) {
                    return false;
                }
                out.append(' ');
                DnsText.appendIpv6(in, cp, out, scratch);
                return true;
            case DnsTypes.A6:
                return a6(in, out, cp, bp, scratch);
            case DnsTypes.URI:
                if (!in.has(cp, len)) {
                    return false;
                }
                out.append(' ').append(in.u16(cp)).append(' ').append(in.u16(cp + 2)).append(' ');
                return !TcpdumpNames.printn(in, cp + 4, len - 4, out);
            case DnsTypes.OPT:
                return opt(in, out, cls, optFlags, cp, rp, scratch);
            case DnsTypes.UNSPECA:
                return in.has(cp, len) && !TcpdumpNames.printn(in, cp, len, out);
            case DnsTypes.TSIG:
                return tsig(in, out, cp, len, bp, verbose);
            default:
                return true;
        }
    }

    private static boolean soa(PacketBuf in, LineBuilder out, int cp, int bp) {
        out.append(' ');
        if ((cp = TcpdumpNames.print(in, cp, bp, out)) < 0) {
            return false;
        }
        out.append(' ');
        if ((cp = TcpdumpNames.print(in, cp, bp, out)) < 0 || !in.has(cp, 20)) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            out.append(' ').append(in.u32(cp + 4 * i));
        }
        return true;
    }

    private static boolean a6(PacketBuf in, LineBuilder out, int cp, int bp, byte[] a) {
        if (!in.has(cp, 1)) {
            return false;
        }
        int pbit = in.u8(cp);
        int pbyte = (pbit & ~7) / 8;
        if (pbit > 128) {
            out.append(' ').append(pbit).append("(bad plen)");
            return true;
        }
        if (pbit < 128) {
            java.util.Arrays.fill(a, (byte) 0);
            for (int i = pbyte; i < 16; i++) {
                a[i] = (byte) in.u8(cp + 1 + i - pbyte);
            }
            out.append(' ').append(pbit).append(' ');
            Addresses.appendIpv6(out, a, 0);
        }
        if (pbit > 0) {
            out.append(' ');
            return TcpdumpNames.print(in, cp + 1 + 16 - pbyte, bp, out) >= 0;
        }
        return true;
    }

    private static boolean opt(PacketBuf in, LineBuilder out, int udpSize, int flags, int cp, int rp, byte[] s) {
        out.append(" UDPsize=").append(udpSize);
        if ((flags & 0x8000) != 0) {
            out.append(" DO");
        }
        if (cp < rp) {
            out.append(" [");
            while (cp < rp) {
                if ((cp = TcpdumpEdns.print(in, cp, out, s)) < 0) {
                    return false;
                }
                if (cp < rp) {
                    out.append(',');
                }
            }
            out.append(']');
        }
        return true;
    }

    private static boolean tsig(PacketBuf in, LineBuilder out, int cp, int len, int bp, int verbose) {
        if (cp + len > in.end()) {
            return false;
        }
        if (verbose == 0) {
            return true;
        }
        out.append(' ');
        if ((cp = TcpdumpNames.print(in, cp, bp, out)) < 0) {
            return false;
        }
        cp += 6;
        if (!in.has(cp, 2)) {
            return false;
        }
        out.append(" fudge=").append(in.u16(cp));
        cp += 2;
        if (!in.has(cp, 2)) {
            return false;
        }
        out.append(" maclen=").append(in.u16(cp));
        cp += 2 + in.u16(cp);
        final String[] names = {" origid=", " error=", " otherlen="};
        for (String name : names) {
            if (!in.has(cp, 2)) {
                return false;
            }
            out.append(name).append(in.u16(cp));
            cp += 2;
        }
        return true;
    }
}
