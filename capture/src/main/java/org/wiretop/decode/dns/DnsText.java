package org.wiretop.decode.dns;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;

/**
 * A DNS message the way {@code tcpdump -nn} 4.99 prints it ({@code domain_print} in
 * {@code print-domain.c}), so the lines are equal: a query {@code 13784+ A? example.com. (29)},
 * a response {@code 13784 1/0/1 A 93.184.216.34 (56)}, with tcpdump's flag marks ({@code +} RD,
 * {@code *} AA, {@code -} no RA, {@code |} TC, {@code $} AD, {@code %} CD), opcode and rcode
 * names, section counts ({@code [1au]}), EDNS options and its {@code -v}/{@code -vv}/{@code -vvv}
 * extras. It walks the bytes itself, as tcpdump does, and stops where they end; the caller then
 * prints {@code [|domain]}.
 */
final class DnsText {
    private static final String[] OPS = {"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
            " op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit", " zoneRef"};
    /** tcpdump's rcode names, its two missing spaces (17, 21) included. */
    private static final String[] RCODES = {"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
            " YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13",
            " Resp14", " NoChange", " BadVers", "Resp17", " Resp18", " Resp19", " Resp20", "Resp21", " Resp22",
            " BadCookie"};
    private static final int IQUERY = 1, C_QU = 0x8000;

    /** Thrown-away state of one print: set at its start. */
    private PacketBuf in;
    private LineBuilder out;
    private int verbose;
    private boolean mdns;
    private final byte[] scratch = new byte[16];

    /** Prints {@code d}'s message: what follows {@code length N} (TCP) or replaces {@code UDP, length N}. */
    void print(Dns d, PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        this.in = in;
        this.out = out;
        this.verbose = verbose;
        this.mdns = !d.overTcp() && (s.srcPort == 5353 || s.dstPort == 5353);
        int bp = d.start();
        int length = d.length();
        if (d.overTcp()) {
            if (length < 2) {
                out.append(" [DNS over TCP: length ").append(length).append(" < 2] (invalid)");
                return;
            }
            length -= 2;
            int prefix = in.u16(bp);
            if (prefix != length) {
                out.append(" [prefix length(").append(prefix).append(") != length(").append(length)
                        .append(")] (invalid)");
                return;
            }
            bp += 2;
            out.append(' ');
        }
        if (length < Dns.HEADER) {
            out.append("domain [length ").append(length).append(" < 12] (invalid)");
            return;
        }
        in.require(bp, Dns.HEADER);
        int flags = in.u16(bp + 2);
        int qd = in.u16(bp + 4), an = in.u16(bp + 6), ns = in.u16(bp + 8), ar = in.u16(bp + 10);
        int rcode = extendedRcode(bp, flags, qd, an, ns, ar);
        if ((flags & 0x8000) != 0) {
            response(bp, flags, rcode, qd, an, ns, ar);
        } else {
            query(bp, flags, qd, an, ns, ar);
        }
        out.append(" (").append(length).append(')');
    }

    /** The rcode, with the OPT record's upper eight bits when there is one (as tcpdump looks). */
    private int extendedRcode(int bp, int flags, int qd, int an, int ns, int ar) {
        int rcode = flags & 0xf;
        int end = in.end();
        int cp = bp + Dns.HEADER;
        for (int i = 0; i < qd; i++) {
            if ((cp = TcpdumpNames.skip(in, cp)) < 0) {
                return rcode;
            }
            cp += 4;
            if (cp >= end) {
                return rcode;
            }
        }
        for (int i = 0; i < an + ns; i++) {
            if ((cp = TcpdumpNames.skip(in, cp)) < 0) {
                return rcode;
            }
            cp += 8;
            if (cp + 2 > end) {
                return rcode;
            }
            cp += 2 + in.u16(cp);
            if (cp >= end) {
                return rcode;
            }
        }
        for (int i = 0; i < ar; i++) {
            if ((cp = TcpdumpNames.skip(in, cp)) < 0 || cp + 2 > end) {
                return rcode;
            }
            int type = in.u16(cp);
            cp += 4;
            if (cp + 1 > end) {
                return rcode;
            }
            if (type == DnsTypes.OPT) {
                return rcode | in.u8(cp) << 4;
            }
            cp += 4;
            if (cp + 2 > end) {
                return rcode;
            }
            cp += 2 + in.u16(cp);
            if (cp >= end) {
                return rcode;
            }
        }
        return rcode;
    }

    private void response(int bp, int flags, int rcode, int qd, int an, int ns, int ar) {
        out.append(in.u16(bp)).append(OPS[(flags >>> 11) & 0xf]);
        if (rcode < RCODES.length) {
            out.append(RCODES[rcode]);
        } else {
            out.append(" Resp").append(rcode & 0xfff);
        }
        out.append((flags & 0x0400) != 0 ? "*" : "").append((flags & 0x0080) != 0 ? "" : "-")
                .append((flags & 0x0200) != 0 ? "|" : "").append((flags & 0x0020) != 0 ? "$" : "");
        if (qd != 1) {
            out.append(" [").append(qd).append("q]");
        }
        int cp = bp + Dns.HEADER;
        for (int i = 0; i < qd; i++) {
            if (i != 0) {
                out.append(',');
            }
            if (verbose > 1) {
                out.append(" q:");
                cp = question(cp, bp);
            } else {
                cp = TcpdumpNames.skip(in, cp);
                cp = cp < 0 ? -1 : cp + 4;
            }
            if (cp < 0) {
                throw org.wiretop.decode.Truncated.INSTANCE;
            }
        }
        out.append(' ').append(an).append('/').append(ns).append('/').append(ar);
        cp = records(cp, bp, an, "");
        if (verbose > 1) {
            cp = records(cp, bp, ns, " ns:");
            records(cp, bp, ar, " ar:");
        }
    }

    private void query(int bp, int flags, int qd, int an, int ns, int ar) {
        int opcode = (flags >>> 11) & 0xf;
        out.append(in.u16(bp)).append(OPS[opcode]).append((flags & 0x0100) != 0 ? "+" : "")
                .append((flags & 0x0010) != 0 ? "%" : "");
        if ((flags & 0x6cf) != 0) {
            out.append(" [b2&3=0x");
            appendHex(flags);
            out.append(']');
        }
        if (opcode == IQUERY) {
            if (qd != 0) {
                out.append(" [").append(qd).append("q]");
            }
            if (an != 1) {
                out.append(" [").append(an).append("a]");
            }
        } else {
            if (an != 0) {
                out.append(" [").append(an).append("a]");
            }
            if (qd != 1) {
                out.append(" [").append(qd).append("q]");
            }
        }
        if (ns != 0) {
            out.append(" [").append(ns).append("n]");
        }
        if (ar != 0) {
            out.append(" [").append(ar).append("au]");
        }
        int cp = bp + Dns.HEADER;
        int end = in.end();
        for (int left = qd; left > 0; left--) {
            if (left != qd && cp >= end) {
                throw org.wiretop.decode.Truncated.INSTANCE;
            }
            if ((cp = question(cp, bp)) < 0) {
                throw org.wiretop.decode.Truncated.INSTANCE;
            }
        }
        if (verbose > 1) {
            cp = records(cp, bp, an, "");
            cp = records(cp, bp, ns, " ns:");
            records(cp, bp, ar, " ar:");
        }
    }

    /**
     * Prints {@code count} records from {@code cp}, comma-separated after {@code label}, as
     * tcpdump's loops do (a section with records left after the bytes end is a cut packet).
     */
    private int records(int cp, int bp, int count, String label) {
        if (count == 0) {
            return cp;
        }
        int end = in.end();
        if (!label.isEmpty()) {
            if (cp >= end) {
                throw org.wiretop.decode.Truncated.INSTANCE;
            }
            out.append(label);
        }
        if ((cp = record(cp, bp)) < 0) {
            throw org.wiretop.decode.Truncated.INSTANCE;
        }
        count--;
        while (cp < end && count > 0) {
            out.append(',');
            if ((cp = record(cp, bp)) < 0) {
                throw org.wiretop.decode.Truncated.INSTANCE;
            }
            count--;
        }
        if (count > 0) {
            throw org.wiretop.decode.Truncated.INSTANCE;
        }
        return cp;
    }

    /** {@code ns_qprint}: {@code  A? example.com.}; returns the offset after it, or -1. */
    private int question(int cp, int bp) {
        int name = cp;
        cp = TcpdumpNames.skip(in, cp);
        if (cp < 0 || !in.has(cp, 4)) {
            return -1;
        }
        typeName(in.u16(cp));
        int i = in.u16(cp + 2);
        int cls = mdns ? i & ~C_QU : i;
        if (cls != DnsTypes.CLASS_IN) {
            className(cls);
        }
        if (mdns) {
            out.append((i & C_QU) != 0 ? " (QU)" : " (QM)");
        }
        out.append("? ");
        cp = TcpdumpNames.print(in, name, bp, out);
        return cp < 0 ? -1 : cp + 4;
    }

    /** {@code ns_rprint}: one resource record; returns the offset after it, or -1. */
    private int record(int cp, int bp) {
        if (verbose > 0) {
            out.append(' ');
            if ((cp = TcpdumpNames.print(in, cp, bp, out)) < 0) {
                return -1;
            }
        } else {
            cp = TcpdumpNames.skip(in, cp);
        }
        if (cp < 0 || !in.has(cp, 10)) {
            return in.end();
        }
        int type = in.u16(cp);
        int i = in.u16(cp + 2);
        cp += 4;
        int cls = mdns ? i & ~C_QU : i;
        if (cls != DnsTypes.CLASS_IN && type != DnsTypes.OPT) {
            className(cls);
        }
        if (mdns && (i & C_QU) != 0) {
            out.append(" (Cache flush)");
        }
        int optFlags = 0;
        if (type == DnsTypes.OPT) {
            optFlags = in.u16(cp + 2);
        } else if (verbose > 2) {
            out.append(" [");
            relativeTime(in.u32(cp));
            out.append(']');
        }
        cp += 4;
        int len = in.u16(cp);
        cp += 2;
        int rp = cp + len;
        typeName(type);
        if (rp > in.end()) {
            return -1;
        }
        return TcpdumpRdata.print(in, out, type, cls, optFlags, cp, len, rp, bp, verbose, scratch) ? rp : -1;
    }

    private void typeName(int type) {
        String name = DnsTypes.tcpdump(type);
        out.append(' ');
        if (name != null) {
            out.append(name);
        } else {
            out.append("Type").append(type);
        }
    }

    private void className(int cls) {
        String name = DnsTypes.tcpdumpClass(cls);
        out.append(' ');
        if (name != null) {
            out.append(name);
        } else {
            out.append("(Class ").append(cls).append(')');
        }
    }

    /** {@code unsigned_relts_print}: 90061 as {@code 1d1h1m1s}. */
    private void relativeTime(long secs) {
        if (secs == 0) {
            out.append("0s");
            return;
        }
        final long[] units = {31536000, 604800, 86400, 3600, 60, 1};
        final String letters = "ywdhms";
        for (int u = 0; u < units.length && secs > 0; u++) {
            if (secs >= units[u]) {
                out.append(secs / units[u]).append(letters.charAt(u));
                secs %= units[u];
            }
        }
    }

    private void appendHex(int v) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int nibble = (v >>> shift) & 0xf;
            if (nibble != 0 || started || shift == 0) {
                out.append("0123456789abcdef".charAt(nibble));
                started = true;
            }
        }
    }

    /** For {@link TcpdumpRdata}: an IPv6 address's bytes copied out of the packet. */
    static void appendIpv6(PacketBuf in, int cp, LineBuilder out, byte[] scratch) {
        for (int i = 0; i < 16; i++) {
            scratch[i] = (byte) in.u8(cp + i);
        }
        Addresses.appendIpv6(out, scratch, 0);
    }
}
