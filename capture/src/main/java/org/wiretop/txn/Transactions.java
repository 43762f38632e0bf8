package org.wiretop.txn;

import static org.wiretop.decode.PacketSummary.*;

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

    private final DnsTransactions dns;
    private final HttpTransactions http;
    private final TransactionSink sink;
    private final Transaction t = new Transaction();
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
        } else if (s.tcpStream >= 0 && (s.tcpPayloadLength > 0 || (s.tcpFlags & FIN) != 0 && s.tcpFlags > 0)
                && s.tcpRelSeq >= 0 && (s.tcpAnalysis & TA_RETRANSMISSION) == 0) {
            http(s, s.tcpPayloadLength > 0 && app instanceof Http && "http".equals(app.name()));
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

    /**
     * Feeds the segment's bytes to its direction's framer; each message it completes here starts a
     * transaction (a request) or may end one (a response). A bare FIN ends a body that runs to the close.
     */
    private void http(PacketSummary s, boolean isHttp) {
        int i = isHttp ? http.findOrCreate(s.tcpStream, s.frameNumber) : http.find(s.tcpStream, s.frameNumber);
        if (i < 0) {
            return;
        }
        long from = (long) s.srcPort << 32 | (s.has(IP4) ? s.ip4Src : (int) s.ip6SrcLo) & 0xffffffffL | 1L << 48;
        int d = http.side(i, from);
        if (d < 0) {
            return;
        }
        HttpFramer framer = http.framer();
        boolean fin = (s.tcpFlags & FIN) != 0;
        if (s.tcpPayloadLength == 0) {
            if (fin && framer.fin(d)) {
                complete(s, i, d);
            }
            return;
        }
        int captured = Math.max(0, Math.min(s.payloadLength, s.tcpPayloadLength));
        boolean whole = captured == s.tcpPayloadLength;
        int skip = framer.begin(d, s.tcpRelSeq, captured, whole);
        if (skip < 0 || captured == 0 || s.data == null || s.payloadOffset < 0
                || s.payloadOffset + captured > Math.min(s.data.length, s.capturedLength)) {
            return; // nothing of the payload was captured (the framing starts over at the next segment)
        }
        int p = s.payloadOffset + skip, end = s.payloadOffset + captured;
        byte latest = http.latestMethod(i);
        for (int next = framer.feed(d, s.data, p, end, fin, !whole, latest); next >= 0;
             next = framer.feed(d, s.data, next, end, fin, !whole, latest)) {
            complete(s, i, d);
            latest = http.latestMethod(i);
        }
    }

    /** Framer slot {@code d} completed a message on this packet: a request starts a transaction, a response may end one. */
    private void complete(PacketSummary s, int i, int d) {
        HttpFramer framer = http.framer();
        byte kind = framer.kind(d);
        if (kind == HttpFramer.NOTIFICATION) {
            http.notification(i);
            return;
        }
        if (kind == HttpFramer.REQUEST) {
            http.request(i, s.frameNumber, s.epochNanos, framer.bytes(d), framer.method(d));
            System.arraycopy(framer.textBuffer(), d * HttpTransactions.TEXT, http.textBuffer(), i * HttpTransactions.TEXT,
                    framer.textLength(d));
            http.textLength(i, framer.textLength(d));
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
            t.status = framer.status(d);
            t.requestBytes = http.requestBytes(i);
            t.responseBytes = framer.bytes(d);
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
