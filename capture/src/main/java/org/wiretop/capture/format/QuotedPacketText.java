package org.wiretop.capture.format;

import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The packet an ICMP error quotes, printed as tcpdump's {@code -v} prints it (print-icmp.c hands
 * it to its IP printer after "\n\t", limited to the quoted IP length):
 * <pre>
 * IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto ICMP (1), length 56)
 *     10.0.0.2 &gt; 10.0.0.1: ICMP 10.0.0.9 udp port 53 unreachable, length 36
 *	IP (tos 0x0, ttl 64, id 7, offset 0, flags [none], proto UDP (17), length 28)
 *     10.0.0.1.40000 &gt; 10.0.0.9.53: [|domain]
 * </pre>
 * The quote is decoded by a decoder of its own over a copy of its bytes and printed by a
 * formatter of its own (absolute sequence numbers), made on first use and reused after.
 * Quotes inside quotes are followed a few levels deep.
 */
final class QuotedPacketText {
    private static final int MAX_DEPTH = 4;

    private final TextOptions options;
    private final int depth;
    private Decoder decoder;
    private PacketSummary summary;
    private TextFormatter formatter;
    private byte[] scratch = new byte[0];

    QuotedPacketText(TextOptions options, int depth) {
        this.options = options;
        this.depth = depth;
    }

    /**
     * Appends "\n\t" and the IPv4 packet quoted at {@code d[at, end)}. Returns false when tcpdump's
     * line ends there (a read past the capture: the caller ends it as tcpdump's longjmp does).
     */
    boolean append(LineBuilder out, byte[] d, int at, int end) {
        out.append("\n\t");
        int ipLength = at + 4 <= end ? (d[at + 2] & 0xff) << 8 | (d[at + 3] & 0xff) : 0;
        int captured = Math.min(ipLength, end - at);
        if (captured < 4) {
            out.append(" [|icmp]"); // tcpdump reads the quoted length again, within that length
            return false;
        }
        int version = (d[at] & 0xff) >>> 4;
        if (version != 4) {
            if (version == 6) {
                out.append("IP6, wrong link-layer encapsulation (invalid)");
            } else {
                out.append("IP").append(version).append(" (invalid)");
            }
            return true;
        }
        if (depth >= MAX_DEPTH) {
            return true;
        }
        if (formatter == null) {
            decoder = new Decoder();
            summary = new PacketSummary();
            formatter = new TextFormatter(null, false,
                    options.withoutDump(), depth + 1);
        }
        if (scratch.length < captured) {
            scratch = new byte[Math.max(captured, 256)];
        }
        System.arraycopy(d, at, scratch, 0, captured);
        decoder.decode(Decoder.DLT_IPV4, scratch, captured, ipLength, summary);
        return formatter.formatNetwork(summary, scratch, captured, false, out);
    }
}
