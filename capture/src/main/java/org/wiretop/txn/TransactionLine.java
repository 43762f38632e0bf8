package org.wiretop.txn;

import static org.wiretop.decode.PacketSummary.*;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.PacketSummary;

/**
 * The text of one transaction ({@code --transactions}): the request's time, protocol, client and
 * server as tcpdump writes endpoints, the request, its status, the latency in milliseconds to the
 * microsecond ({@code dns.time} / {@code http.time}) and the request and response sizes:
 * <pre>
 * 12:00:00.000001 HTTP 127.0.0.1.40000 > 127.0.0.1.8080: GET /index.html -> 200, 5.853 ms, 89/190 bytes
 * 12:00:00.000002 DNS 127.0.0.1.43966 > 127.0.0.1.53: A www.example.org -> NOERROR, 0.422 ms, 45/61 bytes
 * </pre>
 */
public final class TransactionLine {
    private static final String[] RCODES = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
        "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH", "NOTZONE"};

    private TransactionLine() {
    }

    /** Appends the line (no newline); {@code time} null for none. */
    public static void append(Transaction t, PacketSummary response, TimestampStyle time, LineBuilder out) {
        if (time != null) {
            time.append(out, t.requestNanos);
            out.append(' ');
        }
        out.append(t.kind == TXN_DNS ? "DNS " : "HTTP ");
        appendEndpoint(response, false, out);
        out.append(" > ");
        appendEndpoint(response, true, out);
        out.append(": ").append(t.request).append(" -> ");
        appendStatus(t, out);
        out.append(", ");
        appendMillis(out, t.latencyNanos());
        out.append(" ms, ").append(t.requestBytes).append('/').append(t.responseBytes).append(" bytes");
    }

    /** {@code 200}, or a DNS reply code's name ({@code NOERROR}, {@code NXDOMAIN}, {@code RCODE12}). */
    public static void appendStatus(Transaction t, LineBuilder out) {
        if (t.kind == TXN_HTTP) {
            out.append(t.status);
        } else if (t.status >= 0 && t.status < RCODES.length) {
            out.append(RCODES[t.status]);
        } else {
            out.append("RCODE").append(t.status);
        }
    }

    /** Milliseconds with 3 decimals (the microsecond), e.g. {@code 5.853}. */
    public static LineBuilder appendMillis(LineBuilder out, long nanos) {
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        long micros = nanos / 1000;
        return out.append(micros / 1000).append('.').appendPadded((int) (micros % 1000), 3);
    }

    /** The response's source ({@code server}) or destination (the client) as {@code addr.port}. */
    public static void appendEndpoint(PacketSummary s, boolean server, LineBuilder out) {
        if (s.has(IP4)) {
            Addresses.appendIpv4(out, server ? s.ip4Src : s.ip4Dst);
        } else if (server) {
            Addresses.appendIpv6(out, s.ip6SrcHi, s.ip6SrcLo);
        } else {
            Addresses.appendIpv6(out, s.ip6DstHi, s.ip6DstLo);
        }
        out.append('.').append(server ? s.srcPort : s.dstPort);
    }
}
