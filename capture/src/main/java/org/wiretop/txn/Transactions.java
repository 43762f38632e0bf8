package org.wiretop.txn;

import static org.wiretop.decode.PacketSummary.*;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;
import org.wiretop.decode.dns.Dns;
import org.wiretop.decode.http.Http;

/**
 * Transactions (design §8): DNS queries matched to responses by conversation and id, HTTP/1.x
 * requests to responses on a TCP stream, as tshark 4.0 matches them. Runs after
 * {@link org.wiretop.conv.ConversationAnalyzer#analyze} on every packet in capture order (it needs
 * the stream numbers and relative sequence numbers); on the packet that completes a matched
 * response it sets {@link PacketSummary#txnKind}, {@link PacketSummary#txnTimeNanos}
 * ({@code dns.time} / {@code http.time}) and {@link PacketSummary#txnRequestFrame}
 * ({@code dns.response_to} / {@code http.request_in}), and tells the {@link TransactionSink}.
 *
 * <p>Bounded ({@code pending} DNS transactions, {@code streams} HTTP streams, both allocated once);
 * allocates nothing per packet. Single writer, not thread-safe.
 */
public final class Transactions {
    /** Default bounds: DNS transactions and HTTP streams remembered. */
    public static final int DEFAULT_PENDING = 16_384, DEFAULT_STREAMS = 4_096;

    /** Bodies announced longer than this (4 GiB, TCP's sequence space) are not waited for. */
    private static final long MAX_BODY = 1L << 32;

    private final DnsTransactions dns;
    private final HttpTransactions http;
    private final TransactionSink sink;
    private final Transaction t = new Transaction();
    private final LineBuilder scratch = new LineBuilder(HttpTransactions.TEXT + 16);
    private long matched;

    public Transactions(TransactionSink sink) {
        this(DEFAULT_PENDING, DEFAULT_STREAMS, sink);
    }

    /** @param sink told of each matched transaction, or null */
    public Transactions(int pending, int streams, TransactionSink sink) {
        dns = new DnsTransactions(pending);
        http = new HttpTransactions(streams);
        this.sink = sink;
    }

    /** Looks at one analysed packet (the next in capture order). */
    public void analyze(PacketSummary s) {
        AppDissector app = s.app;
        if (app instanceof Dns) {
            dns(s, (Dns) app);
        } else if (s.tcpStream >= 0 && s.tcpPayloadLength > 0 && s.tcpRelSeq >= 0
                && (s.tcpAnalysis & TA_RETRANSMISSION) == 0) {
            http(s, app instanceof Http && "http".equals(app.name()) ? (Http) app : null);
        }
    }

    /** Transactions matched so far. */
    public long matched() {
        return matched;
    }

    /** Requests still waiting for their response (DNS and HTTP). */
    public long unanswered() {
        return dns.unanswered() + http.unanswered() + dns.evictedUnanswered();
    }

    /** Times the bounds were hit: DNS transactions and HTTP streams forgotten to make room. */
    public long evicted() {
        return dns.evicted() + http.evicted();
    }

    private void dns(PacketSummary s, Dns d) {
        int id = d.id();
        boolean tcp = s.tcpStream >= 0;
        int stream = tcp ? s.tcpStream : s.udpStream;
        if (id < 0 || stream < 0 || s.status == Status.TRUNCATED || s.status == Status.INVALID && s.reason.startsWith("dns")) {
            return; // tshark matches a message after dissecting it whole: a cut or malformed one is not
        }
        long k = DnsTransactions.key(tcp, stream, id);
        if (!d.response()) {
            dns.query(k, s.frameNumber, s.epochNanos, d.messageLength());
            return;
        }
        int i = dns.response(k, s.frameNumber);
        if (i < 0) {
            return;
        }
        matched(s, TXN_DNS, dns.requestFrame(i), dns.requestNanos(i));
        if (sink != null) {
            t.status = d.replyCode();
            t.requestBytes = dns.requestBytes(i);
            t.responseBytes = d.messageLength();
            t.request.setLength(0);
            d.appendQuestion(t.request);
            sink.onTransaction(t, s);
        }
    }

    private void http(PacketSummary s, Http h) {
        boolean messages = h != null && h.messages() > 0;
        int i = messages ? http.findOrCreate(s.tcpStream, s.frameNumber) : http.find(s.tcpStream, s.frameNumber);
        if (i < 0) {
            return;
        }
        long from = (long) s.srcPort << 32 | (s.has(IP4) ? s.ip4Src : (int) s.ip6SrcLo) & 0xffffffffL | 1L << 48;
        long segmentEnd = s.tcpRelSeq + s.tcpPayloadLength;
        int d = http.pending(i, from);
        if (d >= 0 && segmentEnd >= http.pendingEnd(d)) {
            http.release(d);
            complete(s, i, http.pendingRequest(d), http.pendingBytes(d), http.pendingStatus(d),
                    http.pendingTextBuffer(), d * HttpTransactions.TEXT, http.pendingTextLength(d));
        }
        if (!messages) {
            return;
        }
        int payload = h.start(), payloadEnd = h.start() + s.tcpPayloadLength;
        for (int m = 0; m < h.messages(); m++) {
            boolean request = h.isRequest(m);
            int headersEnd = h.headersEnd(m);
            long body = !request && http.awaitsHead(i) ? 0 : h.bodyLength(m);
            if (body > MAX_BODY) {
                body = -1; // a Content-Length beyond any stream's sequence space: not waited for
            }
            // headers past the segment, a chunked body, a body to the close: counted here (see docs/json.md)
            long end = headersEnd < 0 || body < 0 ? payloadEnd : headersEnd + body;
            long bytes = end - h.messageStart(m);
            scratch.setLength(0);
            if (request) {
                h.appendRequest(m, scratch);
            }
            int textLength = Math.min(scratch.length(), HttpTransactions.TEXT);
            if (end <= payloadEnd) {
                complete(s, i, request, bytes, h.statusCode(m), scratch.array(), 0, textLength);
            } else {
                int p = http.hold(i, from, request, s.tcpRelSeq + (end - payload), bytes, h.statusCode(m));
                System.arraycopy(scratch.array(), 0, http.pendingTextBuffer(), p * HttpTransactions.TEXT, textLength);
                http.pendingText(p, textLength);
                return; // the body runs into later segments
            }
        }
    }

    /** A message completes on this packet: a request starts a transaction, a response may end one. */
    private void complete(PacketSummary s, int i, boolean request, long bytes, int status, byte[] text, int textOffset,
                          int textLength) {
        if (request) {
            boolean isHead = textLength >= 5 && text[textOffset] == 'H' && text[textOffset + 1] == 'E'
                    && text[textOffset + 2] == 'A' && text[textOffset + 3] == 'D' && text[textOffset + 4] == ' ';
            http.request(i, s.frameNumber, s.epochNanos, bytes, isHead);
            System.arraycopy(text, textOffset, http.textBuffer(), i * HttpTransactions.TEXT, textLength);
            http.textLength(i, textLength);
            return;
        }
        if (!http.response(i, s.frameNumber)) {
            return;
        }
        if (s.txnKind == 0) {
            matched(s, TXN_HTTP, http.requestFrame(i), http.requestNanos(i));
        } else {
            matched++;
        }
        if (sink != null) {
            t.kind = TXN_HTTP;
            t.requestFrame = http.requestFrame(i);
            t.requestNanos = http.requestNanos(i);
            t.responseFrame = s.frameNumber;
            t.responseNanos = s.epochNanos;
            t.status = status;
            t.requestBytes = http.requestBytes(i);
            t.responseBytes = bytes;
            t.request.setLength(0);
            t.request.append(http.textBuffer(), i * HttpTransactions.TEXT, http.textLength(i));
            sink.onTransaction(t, s);
        }
    }

    private void matched(PacketSummary s, int kind, long requestFrame, long requestNanos) {
        matched++;
        s.txnKind = kind;
        s.txnTimeNanos = s.epochNanos - requestNanos;
        s.txnRequestFrame = requestFrame;
        t.kind = kind;
        t.requestFrame = requestFrame;
        t.requestNanos = requestNanos;
        t.responseFrame = s.frameNumber;
        t.responseNanos = s.epochNanos;
    }
}
