package org.wiretop.capture.format;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * tshark's rows of one expected-app table, read in order, each with what tshark showed earlier in
 * the same TCP or UDP stream ({@code tcp.stream} / {@code udp.stream}): for differences that come
 * from a dissector's memory of a conversation (tshark shows a QUIC connection's CRYPTO stream once;
 * it keeps a connection's state after Version Negotiation), decided from the rows, not the file.
 */
final class TsharkRows {
    private final String[] header;
    private final Map<String, Map<String, Set<String>>> seen = new HashMap<>();

    TsharkRows(String[] header) {
        this.header = header;
    }

    /** The next row; what it shows joins its stream's history for the rows after it. */
    Row next(String[] cells) {
        Map<String, String> row = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            row.put(header[c], c < cells.length ? OracleTest.normalize(cells[c]) : "");
        }
        String stream = !row.get("udp.stream").isEmpty() ? "udp " + row.get("udp.stream")
                : !row.get("tcp.stream").isEmpty() ? "tcp " + row.get("tcp.stream") : "";
        Map<String, Set<String>> history = seen.computeIfAbsent(stream, k -> new HashMap<>());
        Map<String, Set<String>> before = new HashMap<>();
        history.forEach((k, v) -> before.put(k, new HashSet<>(v)));
        if (!stream.isEmpty()) {
            row.forEach((k, v) -> {
                if (!v.isEmpty()) {
                    history.computeIfAbsent(k, x -> new HashSet<>()).add(v);
                }
            });
        }
        return new Row(row, stream.isEmpty() ? Map.of() : before);
    }

    /** One row's cells (normalized) and the values its stream showed before it. */
    record Row(Map<String, String> cells, Map<String, Set<String>> earlier) {
        String get(String field) {
            return cells.getOrDefault(field, "");
        }

        /** True when tshark showed {@code value} for {@code field} earlier in this row's stream. */
        boolean earlier(String field, String value) {
            return earlier.getOrDefault(field, Set.of()).contains(value);
        }

        /** True when the row is in no TCP or UDP stream: tshark did not reach the transport layer. */
        boolean noTransport() {
            return get("tcp.stream").isEmpty() && get("udp.stream").isEmpty();
        }
    }
}
