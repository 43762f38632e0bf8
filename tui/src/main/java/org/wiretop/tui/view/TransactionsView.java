package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.tui.UiState;
import org.wiretop.tui.model.TxnModel;
import org.wiretop.tui.model.TxnRow;
import org.wiretop.txn.TransactionLine;

/**
 * The Transactions view ({@code 5}): one line a DNS or HTTP request and its response, with
 * tshark's latency ({@code dns.time} / {@code http.time}), sorted on the column {@code s} picks.
 * Errors (HTTP 400 and more, a DNS reply code other than NOERROR) are red; slow ones, at or
 * above the p90 latency of the transactions held, yellow. The last line sums them up. Narrower
 * than 120 columns the client and the sizes make room for the request.
 */
public final class TransactionsView {
    private static final String[] NAMES = {"Time", "Proto", "Client", "Server", "Request", "Status", "Latency ms",
        "Req", "Resp"};
    private static final int TIME = 0, PROTO = 1, CLIENT = 2, SERVER = 3, REQUEST = 4, STATUS = 5, LATENCY = 6,
        REQ = 7, RESP = 8;

    private TransactionsView() {
    }

    public static void draw(Canvas c, int row0, int rows, TxnModel m, UiState s) {
        boolean wide = c.width() >= 120;
        int[] w = widths(c.width(), wide);
        int sorted = switch (s.txn().sort()) {
            case TIME -> TIME;
            case LATENCY -> LATENCY;
            case SERVER -> SERVER;
            case REQUEST -> REQUEST;
        };
        StringBuilder h = new StringBuilder(" ");
        for (int i = 0; i < NAMES.length; i++) {
            if (w[i] > 0) {
                String name = NAMES[i] + (i == sorted ? (s.txn().descending() ? "v" : "^") : "");
                h.append(i >= LATENCY ? Canvas.padLeft(name, w[i]) : Canvas.pad(name, w[i])).append(' ');
            }
        }
        c.line(row0, h.toString(), TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        if (m.total() == 0) {
            c.text(1, row0 + 1, "(no DNS or HTTP transactions seen yet)", TextColor.ANSI.WHITE, null, SGR.BOLD);
            return;
        }
        int dataRows = Math.max(0, rows - 1);
        long selected = s.txn().cursor().selected(), top = s.txn().cursor().top();
        for (int i = 0; i < m.rows().size() && i < dataRows; i++) {
            TxnRow r = m.rows().get(i);
            String line = " " + line(r, w);
            if (top + i == selected) {
                c.line(row0 + 1 + i, line, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD);
            } else if (r.error()) {
                c.line(row0 + 1 + i, line, TextColor.ANSI.RED_BRIGHT, null, SGR.BOLD);
            } else if (m.slowNanos() >= 0 && r.latencyNanos() >= m.slowNanos()) {
                c.line(row0 + 1 + i, line, TextColor.ANSI.YELLOW, null, SGR.BOLD);
            } else {
                c.line(row0 + 1 + i, line, null, null);
            }
        }
        c.line(row0 + rows, " " + summary(m), TextColor.ANSI.WHITE, TextColor.ANSI.BLUE);
    }

    /** {@code 9 transactions, 2 errors (red), p50 0.594 ms, p90 5.853 ms (>= p90 yellow)}. */
    static String summary(TxnModel m) {
        String s = m.total() + " transactions, " + m.errors() + " errors (red), p50 " + millis(m.p50Nanos())
                + " ms, p90 " + millis(m.slowNanos()) + " ms (>= p90 yellow)";
        return m.dropped() > 0 ? s + ", " + m.dropped() + " older not held" : s;
    }

    /** Column widths (0 = not shown): the request takes what the others leave. */
    static int[] widths(int total, boolean wide) {
        int addr = wide ? Math.min(30, Math.max(21, (total - 100) / 3)) : 17;
        int[] w = {15, 5, wide ? addr : 0, addr, 0, 8, 11, wide ? 7 : 0, wide ? 7 : 0};
        int used = 1;
        for (int x : w) {
            used += x > 0 ? x + 1 : 0;
        }
        w[REQUEST] = Math.max(8, total - used - 1);
        return w;
    }

    static String line(TxnRow r, int[] w) {
        String[] v = {r.time(), r.proto(), r.client(), r.server(), r.request(), r.status(), millis(r.latencyNanos()),
            Numbers.bytes(r.requestBytes()), Numbers.bytes(r.responseBytes())};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (w[i] > 0) {
                b.append(i >= LATENCY ? Canvas.padLeft(v[i], w[i]) : Canvas.pad(v[i], w[i])).append(' ');
            }
        }
        return b.toString();
    }

    private static String millis(long nanos) {
        return nanos < 0 ? "-" : TransactionLine.appendMillis(new LineBuilder(16), nanos).toString();
    }
}
