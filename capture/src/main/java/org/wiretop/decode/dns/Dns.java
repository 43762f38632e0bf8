package org.wiretop.decode.dns;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;

/**
 * DNS (RFC 1035), over UDP and over TCP with its two-byte length prefix (§4.2.2); multicast DNS
 * (RFC 6762, port 5353) and LLMNR (RFC 4795, port 5355) share the format.
 *
 * <pre>
 *  0  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |                      ID                       |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * |          QDCOUNT / ANCOUNT / NSCOUNT / ARCOUNT |  four 16-bit counts
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * | questions: QNAME QTYPE QCLASS                  |
 * | records:   NAME TYPE CLASS TTL(32) RDLENGTH RDATA
 * +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 * </pre>
 * The decode walks the whole message once without following compression pointers, keeping the
 * header, the first question and where the A, AAAA and CNAME data lie (in any section, as
 * Wireshark's {@code dns.a} is); names become text only when printed. A count larger than the
 * message marks the packet invalid; a walk cut by the capture is truncated.
 */
public final class Dns extends AppDissector {
    static final int HEADER = 12;
    /** Addresses and names kept per kind; a filter or JSON sees at most this many of each. */
    static final int KEPT = 16;
    /** Records walked at most (each takes 11 bytes or more, so a message holds fewer anyway). */
    static final int MAX_RECORDS = 6000;
    static final int FLAG_RESPONSE = 0x8000;

    /** The header's offset in the packet (after TCP's length prefix). */
    int msg;
    /** TCP's length prefix, or -1. */
    int tcpLength;
    int id, flags, qdcount, ancount, nscount, arcount;
    /** First question: its name's offset, type and class (-1 = not reached). */
    int qname, qtype, qclass;
    final int[] a = new int[KEPT];
    final int[] aaaa = new int[KEPT];
    final int[] cname = new int[KEPT];
    int aCount, aaaaCount, cnameCount;
    private final DnsText text = new DnsText();
    /** Wireshark's protocols for DNS messages by port, and their Proto column labels. */
    private static final String[] PROTOCOLS = {"dns", "mdns", "llmnr"}, LABELS = {"DNS", "MDNS", "LLMNR"};
    /** This message's index in {@link #PROTOCOLS}, see {@link #protocol()}. */
    private int variant;

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public String label() {
        return LABELS[variant];
    }

    /** "mdns" or "llmnr" on their UDP ports (the lower of the two ports decides, as in Wireshark), else "dns". */
    @Override
    public String protocol() {
        return PROTOCOLS[variant];
    }

    @Override
    public String[] protocols() {
        return PROTOCOLS.clone();
    }

    @Override
    public String tcpdumpName() {
        return "domain";
    }

    /** print-domain.c checks its bounds and ends the line itself ("[|domain]"): no longjmp. */
    @Override
    public boolean tcpdumpStopsPacketWhenTruncated() {
        return false;
    }

    @Override
    public AppField[] fields() {
        return DnsFields.ALL;
    }

    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        tcpLength = -1;
        id = flags = qdcount = ancount = nscount = arcount = -1;
        qname = qtype = qclass = -1;
        aCount = aaaaCount = cnameCount = 0;
        variant = overTcp() ? 0 : variant(Math.min(s.srcPort, s.dstPort), Math.max(s.srcPort, s.dstPort));
        int off = start();
        int size = length();
        if (overTcp()) {
            tcpLength = size >= 2 ? b.u16(off) : -1;
            off += 2;
            size -= 2;
        }
        msg = off;
        if (size < HEADER) {
            // as Wireshark: the header's words that are there, then "malformed"
            shortHeader(b, off, size);
            s.invalid("dns-length # < 12", Math.max(size, 0));
            return;
        }
        if (b.has(off, HEADER)) { // two reads for the six words
            long idFlagsCounts = b.i64(off);
            id = (int) (idFlagsCounts >>> 48);
            flags = (int) (idFlagsCounts >>> 32) & 0xffff;
            qdcount = (int) idFlagsCounts >>> 16;
            ancount = (int) idFlagsCounts & 0xffff;
            int counts = b.i32(off + 8);
            nscount = counts >>> 16;
            arcount = counts & 0xffff;
        } else { // cut short: the words that were captured, then the signal
            id = b.u16(off);
            flags = b.u16(off + 2);
            qdcount = b.u16(off + 4);
            ancount = b.u16(off + 6);
            nscount = b.u16(off + 8);
            arcount = b.u16(off + 10);
        }
        int p = off + HEADER;
        int wireEnd = b.reportedEnd();
        for (int q = 0; q < qdcount; q++) {
            if (p >= wireEnd) {
                pastEnd(s);
                return;
            }
            int next = DnsName.skip(b, p);
            if (next < 0) {
                s.invalid("dns-label-type", -1);
                return;
            }
            if (q == 0) {
                qname = p;
                qtype = b.u16(next);
                qclass = b.u16(next + 2);
            }
            p = next + 4;
        }
        int records = Math.min(ancount + nscount + arcount, MAX_RECORDS);
        for (int r = 0; r < records; r++) {
            if (p >= wireEnd) {
                pastEnd(s);
                return;
            }
            int next = DnsName.skip(b, p);
            if (next < 0) {
                s.invalid("dns-label-type", -1);
                return;
            }
            int type = b.u16(next);
            int rdLength = b.u16(next + 8);
            int rdata = next + 10;
            keep(b, type, rdata, rdLength);
            p = rdata + rdLength;
        }
    }

    /** Reads the whole 16-bit words of a header cut short by the message's own length. */
    private void shortHeader(PacketBuf b, int off, int size) {
        int words = Math.max(size, 0) / 2;
        for (int w = 0; w < words && b.has(off + 2 * w, 2); w++) {
            int v = b.u16(off + 2 * w);
            switch (w) {
                case 0: id = v; break;
                case 1: flags = v; break;
                case 2: qdcount = v; break;
                case 3: ancount = v; break;
                default: nscount = v; break;
            }
        }
    }

    /** A count promised more than the message holds: over UDP that is invalid; over TCP the
     *  message may go on in the next segment. */
    private void pastEnd(PacketSummary s) {
        if (!overTcp()) {
            s.invalid("dns-counts # > message", ancount + nscount + arcount + qdcount);
        }
    }

    private void keep(PacketBuf b, int type, int rdata, int rdLength) {
        switch (type) {
            case DnsTypes.A:
                if (rdLength == 4 && aCount < KEPT && b.has(rdata, 4)) {
                    a[aCount++] = rdata;
                }
                break;
            case DnsTypes.AAAA:
                if (rdLength == 16 && aaaaCount < KEPT && b.has(rdata, 16)) {
                    aaaa[aaaaCount++] = rdata;
                }
                break;
            case DnsTypes.CNAME:
                if (cnameCount < KEPT && b.has(rdata, rdLength)) {
                    cname[cnameCount++] = rdata;
                }
                break;
            default:
                break;
        }
    }

    /**
     * Wireshark 4.0's UDP heuristic for DNS on any port: a standard query or response with small
     * counts (queries: one question and no answers or authorities; responses: at most one
     * question, 100 answers and 10 authorities; at most 10 additional records; a question or an
     * answer at all). It does not check that the records fit; neither do we.
     */
    public static boolean looksLike(PacketBuf b, int off) {
        if (b.reportedEnd() - off <= HEADER || !b.has(off, HEADER)) {
            return false;
        }
        int flags = b.u16(off + 2);
        int quest = b.u16(off + 4), ans = b.u16(off + 6), auth = b.u16(off + 8), add = b.u16(off + 10);
        if ((flags & 0x7800) != 0) {
            return false;
        }
        if ((flags & FLAG_RESPONSE) == 0 ? quest != 1 || ans != 0 || auth != 0 : quest > 1 || ans > 100 || auth > 10) {
            return false;
        }
        return add <= 10 && quest + ans != 0;
    }

    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        text.print(this, in, out, s, verbose);
    }

    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        DnsFields.appendInfo(this, out);
    }

    // ---- the message, for transactions (org.wiretop.txn) ----

    /** The transaction id, or -1 when the header is not whole. */
    public int id() {
        return id;
    }

    /** True for a response (QR set), false for a query or a header not whole. */
    public boolean response() {
        return isResponse();
    }

    /** The reply code (0 = NOERROR), or -1. */
    public int replyCode() {
        return rcode();
    }

    /** The message's length without TCP's prefix (as in the UDP payload). */
    public int messageLength() {
        return Math.max(0, start() + length() - msg);
    }

    /** Appends the first question as {@code A example.org} (Wireshark's type name), or nothing. */
    public void appendQuestion(LineBuilder out) {
        if (qname < 0 || qtype < 0) {
            return;
        }
        DnsFields.typeName(qtype, out);
        out.append(' ');
        appendName(qname, out);
    }

    // ---- values for the fields (-1 = absent) ----

    boolean isResponse() {
        return flags >= 0 && (flags & FLAG_RESPONSE) != 0;
    }

    int opcode() {
        return flags < 0 ? -1 : (flags >>> 11) & 0xf;
    }

    int rcode() {
        return flags < 0 ? -1 : flags & 0xf;
    }

    private static int variant(int low, int high) {
        int port = low == 53 || low == 5353 || low == 5355 ? low : high;
        return port == 5353 ? 1 : port == 5355 ? 2 : 0;
    }

    /** The message's size as Wireshark bounds name walks with it. */
    int messageSize() {
        return Math.max(1, start() + length() - msg);
    }

    /** Appends a name at {@code off} as Wireshark shows it. */
    void appendName(int off, LineBuilder out) {
        DnsName.appendWireshark(data(), msg, off, end(), messageSize(), out);
    }
}
