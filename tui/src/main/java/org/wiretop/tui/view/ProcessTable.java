package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.Cursor;
import org.wiretop.tui.UiState;
import org.wiretop.tui.model.ConnRow;

import java.util.List;

/**
 * The Connections view grouped by process, as bandwhich's process table: one line a process
 * with its connections, packets and bytes each way and its current rate, in total and up /
 * down. Rows are {@link ConnRow} groups ({@code local} = number of connections).
 */
final class ProcessTable {
    private static final String[] NAMES = {"Process", "Conns", "Pkt>", "Pkt<", "Bytes>", "Bytes<", "Rate/s", "Up/s",
            "Down/s", "Retr"};
    /** The sort column each of {@link #NAMES} shows the mark for (-1: none). */
    private static final UiState.ConnColumn[] SORTS = {UiState.ConnColumn.PROCESS, UiState.ConnColumn.LOCAL,
            UiState.ConnColumn.PKTS_OUT, UiState.ConnColumn.PKTS_IN, UiState.ConnColumn.BYTES_OUT,
            UiState.ConnColumn.BYTES_IN, UiState.ConnColumn.RATE, null, null, UiState.ConnColumn.RETRANS};

    private ProcessTable() {
    }

    static void draw(Canvas c, int row0, int rows, List<ConnRow> window, Cursor cursor, UiState s) {
        int[] w = widths(c.width());
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if (w[i] == 0) {
                continue; // no room for it
            }
            String name = NAMES[i];
            if (SORTS[i] == s.connSort()) {
                name = name + (s.connDescending() ? "v" : "^");
            }
            h.append(i >= 1 ? Canvas.padLeft(name, w[i]) : Canvas.pad(name, w[i])).append(' ');
        }
        c.line(row0, " " + h + " [by process]", TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        if (window.isEmpty()) {
            c.text(1, row0 + 1, "(no connections seen yet)", TextColor.ANSI.WHITE, null, SGR.BOLD);
            return;
        }
        for (int i = 0; i < window.size() && i < rows; i++) {
            String line = " " + line(window.get(i), w);
            if (cursor.top() + i == cursor.selected()) {
                c.line(row0 + 1 + i, line, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD);
            } else {
                c.line(row0 + 1 + i, line, null, null);
            }
        }
    }

    /** The process name takes what the numbers leave. */
    static int[] widths(int total) {
        int fixed = 6 + 7 + 7 + 8 + 8 + 8 + 8 + 8 + 6 + NAMES.length + 2 + " [by process]".length();
        int[] w = {Math.max(12, Math.min(40, total - fixed)), 6, 7, 7, 8, 8, 8, 8, 8, 6};
        return Columns.fit(w, new int[]{2, 3, 9, 6}, total - 1, 0, 40); // narrow: counts, retransmissions, rate go
    }

    static String line(ConnRow r, int[] w) {
        String process = r.process().isEmpty() ? "(unknown)" : r.process();
        String[] v = {process, r.local(), Numbers.count(r.packetsOut()), Numbers.count(r.packetsIn()),
                Numbers.bytes(r.bytesOut()), Numbers.bytes(r.bytesIn()), Numbers.bytes(r.rateBps()),
                Numbers.bytes(r.rateOutBps()), Numbers.bytes(r.rateInBps()), Long.toString(r.retransmits())};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            b.append(i >= 1 ? Canvas.padLeft(v[i], w[i]) : Canvas.pad(v[i], w[i])).append(' ');
        }
        return b.toString();
    }
}
