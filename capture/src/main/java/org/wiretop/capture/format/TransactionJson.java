package org.wiretop.capture.format;

import org.wiretop.decode.PacketSummary;

/**
 * A matched response's transaction keys (design §5, §8), as tshark shows them on the response:
 * {@code dns.response_to} and {@code dns.time}, or {@code http.request_in} and {@code http.time}
 * (seconds with 9 decimals). tshark's {@code dns.response_in} / {@code http.response_in} on the
 * request need a second pass ({@code tshark -2}); a one-pass stream has neither.
 */
final class TransactionJson {
    private TransactionJson() {
    }

    static void append(PacketSummary s, LineBuilder out) {
        if (s.txnKind == PacketSummary.TXN_DNS) {
            out.append(",\"dns.response_to\":").append(s.txnRequestFrame);
            AnalysisJson.appendSeconds(out.append(",\"dns.time\":"), s.txnTimeNanos);
        } else if (s.txnKind == PacketSummary.TXN_HTTP) {
            out.append(",\"http.request_in\":").append(s.txnRequestFrame);
            AnalysisJson.appendSeconds(out.append(",\"http.time\":"), s.txnTimeNanos);
        }
    }
}
