package org.wiretop.tui;

import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.SocketRow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sorting, grouping and filtering of the tables, as pure functions of the rows and the UI state. */
public final class Tables {
    private Tables() {
    }

    /** Connections grouped as asked, then sorted on the chosen column. */
    public static List<ConnRow> arrange(List<ConnRow> rows, UiState.ConnColumn col, boolean descending,
                                        UiState.ConnGroup group) {
        List<ConnRow> out = switch (group) {
            case NONE -> new ArrayList<>(rows);
            case PROCESS -> grouped(rows, r -> r.process().isEmpty() ? "(unknown)" : r.process(), true);
            case REMOTE_HOST -> grouped(rows, r -> host(r.remote()), false);
        };
        Comparator<ConnRow> c = comparator(col);
        out.sort(descending ? c.reversed() : c);
        return out;
    }

    static Comparator<ConnRow> comparator(UiState.ConnColumn col) {
        Comparator<ConnRow> c = switch (col) {
            case PROTO -> Comparator.comparing(ConnRow::proto);
            case LOCAL -> Comparator.comparing(ConnRow::local, Tables::numbersFirst);
            case REMOTE -> Comparator.comparing(ConnRow::remote);
            case PROCESS -> Comparator.comparing(ConnRow::process);
            case STATE -> Comparator.comparing(ConnRow::state);
            case PKTS_OUT -> Comparator.comparingLong(ConnRow::packetsOut);
            case PKTS_IN -> Comparator.comparingLong(ConnRow::packetsIn);
            case BYTES_OUT -> Comparator.comparingLong(ConnRow::bytesOut);
            case BYTES_IN -> Comparator.comparingLong(ConnRow::bytesIn);
            case RATE -> Comparator.comparingDouble(ConnRow::rateBps);
            case RTT -> Comparator.comparingDouble(ConnRow::rttMillis);
            case RETRANS -> Comparator.comparingLong(ConnRow::retransmits);
        };
        // Ties in a stable, readable order.
        return c.thenComparing(ConnRow::local).thenComparing(ConnRow::remote);
    }

    /** Plain counts (a process's connections) in number order, then text. */
    static int numbersFirst(String a, String b) {
        boolean na = !a.isEmpty() && a.chars().allMatch(Character::isDigit);
        boolean nb = !b.isEmpty() && b.chars().allMatch(Character::isDigit);
        if (na && nb && a.length() < 10 && b.length() < 10) {
            return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
        }
        return a.compareTo(b);
    }

    /** The host part of "addr:port" or "[v6]:port". */
    static String host(String endpoint) {
        if (endpoint.startsWith("[")) {
            int close = endpoint.indexOf(']');
            return close > 0 ? endpoint.substring(1, close) : endpoint;
        }
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 ? endpoint.substring(0, colon) : endpoint;
    }

    /**
     * One row per key with the sums of its rows: per process (bandwhich's process table:
     * connections, bytes and rates each way) or per remote host.
     */
    private static List<ConnRow> grouped(List<ConnRow> rows, java.util.function.Function<ConnRow, String> key,
                                         boolean byProcess) {
        Map<String, ConnRow> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ConnRow r : rows) {
            String k = key.apply(r);
            counts.merge(k, 1, Integer::sum);
            sums.merge(k, r, (a, b) -> new ConnRow("", "", "", a.process(), "",
                    a.packetsOut() + b.packetsOut(), a.packetsIn() + b.packetsIn(), a.bytesOut() + b.bytesOut(),
                    a.bytesIn() + b.bytesIn(), a.rateBps() + b.rateBps(), Math.max(a.rttMillis(), b.rttMillis()),
                    a.retransmits() + b.retransmits(), -1, -1, a.rateOutBps() + b.rateOutBps()));
        }
        List<ConnRow> out = new ArrayList<>();
        for (Map.Entry<String, ConnRow> e : sums.entrySet()) {
            ConnRow r = e.getValue();
            int n = counts.get(e.getKey());
            out.add(new ConnRow("*", byProcess ? Integer.toString(n) : "", byProcess ? "" : e.getKey(),
                    byProcess ? e.getKey() : n + " flows", "", r.packetsOut(), r.packetsIn(), r.bytesOut(), r.bytesIn(),
                    r.rateBps(), r.rttMillis(), r.retransmits(), -1, -1, r.rateOutBps()));
        }
        return out;
    }

    /** Sockets of the chosen protocol and state ("" = all states). */
    public static List<SocketRow> filterSockets(List<SocketRow> rows, UiState.SockProto proto, String state) {
        List<SocketRow> out = new ArrayList<>();
        for (SocketRow r : rows) {
            boolean p = switch (proto) {
                case ALL -> true;
                case TCP -> r.proto().startsWith("tcp");
                case UDP -> r.proto().startsWith("udp");
            };
            if (p && (state.isEmpty() || state.equals(r.state()))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The rows of {@code all} visible through the cursor's window. */
    public static <T> List<T> window(List<T> all, Cursor c) {
        int from = (int) Math.max(0, Math.min(all.size(), c.top()));
        int to = (int) Math.min(all.size(), from + (long) c.page());
        return List.copyOf(all.subList(from, to));
    }
}
