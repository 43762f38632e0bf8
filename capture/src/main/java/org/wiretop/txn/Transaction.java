package org.wiretop.txn;

import org.wiretop.capture.format.LineBuilder;

/**
 * One request and its response, as {@link Transactions} hands it to a {@link TransactionSink}
 * when the response completes. Reused: valid only during the call. The client and server are the
 * response packet's destination and source.
 */
public final class Transaction {
    /** {@link org.wiretop.decode.PacketSummary#TXN_DNS} or {@code TXN_HTTP}. */
    public int kind;
    public long requestFrame, requestNanos, responseFrame, responseNanos;
    /** The HTTP status code or the DNS reply code. */
    public int status;
    /** Message sizes in bytes (HTTP: headers and body; DNS: the message without TCP's prefix). */
    public long requestBytes, responseBytes;
    /** {@code GET /path} or {@code A example.org}. */
    public final LineBuilder request = new LineBuilder(256);

    /** Latency (tshark's {@code dns.time} / {@code http.time}). */
    public long latencyNanos() {
        return responseNanos - requestNanos;
    }

    /** An error: HTTP status 400 or more, a DNS reply code other than NOERROR. */
    public boolean failed() {
        return kind == org.wiretop.decode.PacketSummary.TXN_HTTP ? status >= 400 : status != 0;
    }
}
