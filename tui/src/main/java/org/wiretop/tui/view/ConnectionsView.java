package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.Cursor;
import org.wiretop.tui.UiState;
import org.wiretop.tui.model.ConnRow;

import java.util.List;

/**
 * The flow table: one line a connection (or a group), the sorted column marked in the header;
 * {@code Exp} counts the connection's packets with a TCP problem flag (red when not 0). Each row
 * ends in its sparkline ({@link ConnGraphs}), for which the table leaves room at every width: a
 * terminal narrower than 132 columns shows the states as {@code ss} does ({@code ESTAB}) and
 * drops the packet counts, the RTT and the byte totals before the rate (bandwhich's and RustNet's
 * 80-column tables keep the rate); the column sorted on always stays.
 */
public final class ConnectionsView {
    private static final String[] NAMES = {"Proto", "Local", "Remote", "Process", "State", "Pkt>", "Pkt<",
            "Bytes>", "Bytes<", "Rate/s", "RTT ms", "Retr", "Exp"};
    /** The Exp column: packets with a TCP problem flag, red when there are any. */
    private static final int EXP = 12;

    private ConnectionsView() {
    }

    public static void draw(Canvas c, int row0, int rows, List<ConnRow> window, Cursor cursor, UiState s) {
        if (s.connGroup() == UiState.ConnGroup.PROCESS) {
            ProcessTable.draw(c, row0, rows, window, cursor, s);
            return;
        }
        Layout l = layout(c.width(), s.connSort().ordinal());
        int[] w = l.widths();
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < NAMES.length; i++) {
            if (w[i] == 0) {
                continue; // no room for it
            }
            String name = NAMES[i];
            if (i == s.connSort().ordinal()) {
                name = name + (s.connDescending() ? "v" : "^");
            }
            h.append(i >= 5 ? Canvas.padLeft(name, w[i]) : Canvas.pad(name, w[i])).append(' ');
        }
        if (l.kernel()) {
            h.append(" kRTT/cwnd");
        }
        String group = switch (s.connGroup()) {
            case NONE -> "";
            case PROCESS -> "";
            case REMOTE_HOST -> "  [by remote host]";
        };
        c.line(row0, " " + h + group, TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        if (window.isEmpty()) {
            c.text(1, row0 + 1, "(no connections seen yet)", TextColor.ANSI.WHITE, null, SGR.BOLD);
            return;
        }
        for (int i = 0; i < window.size() && i < rows; i++) {
            ConnRow r = window.get(i);
            String line = " " + line(r, l);
            if (cursor.top() + i == cursor.selected()) {
                c.line(row0 + 1 + i, line, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD);
            } else {
                c.line(row0 + 1 + i, line, r.proto().startsWith("udp") ? TextColor.ANSI.GREEN : null, null);
                if (r.expert() > 0 && w[EXP] > 0) {
                    int col = 1 + Columns.used(java.util.Arrays.copyOf(w, EXP)); // the shown columns before it
                    c.text(col, row0 + 1 + i, Canvas.padLeft(Long.toString(r.expert()), w[EXP]), TextColor.ANSI.RED_BRIGHT,
                            null, SGR.BOLD);
                }
            }
        }
    }

    /** Narrow terminals go without these first: packet counts, retransmissions, RTT, byte totals ... */
    private static final int[] DROP = {5, 6, 11, 10, 7, 8};
    /** ... then, once the sparkline is down to {@link #SPARK_MIN} cells, the expert flags and the rate. */
    private static final int[] DROP_LAST = {12, 9};
    /** The State column's width narrower than {@value #WIDE} columns, where states read as {@code ss}'s short names. */
    static final int SHORT_STATE = 8;
    /** From this width: whole state names and the kernel's RTT/cwnd. */
    static final int WIDE = 132;
    /** The sparkline's cells when the table would otherwise lose a column (10 s a cell). */
    static final int SPARK_MIN = 6;

    /**
     * Where things go in a row of this width.
     *
     * @param widths     the columns' widths (0: not drawn)
     * @param kernel     whether the kernel's RTT/cwnd follows the columns
     * @param sparkCol   the first cell of the sparkline
     * @param sparkCells its cells ({@link ConnGraphs#SPARK} or fewer)
     */
    record Layout(int[] widths, boolean kernel, int sparkCol, int sparkCells) {
    }

    /** Column widths and the sparkline's place for a terminal {@code total} columns wide sorted on column {@code sorted}. */
    static Layout layout(int total, int sorted) {
        boolean wide = total >= WIDE;
        // 86 = the fixed columns, their separators and " kRTT/cwnd"
        int avail = Math.max(36, total - 86);
        int addr = Math.max(15, Math.min(28, avail * 3 / 8));
        int proc = Math.max(7, Math.min(20, avail - 2 * addr)); // "Process" whole
        int kernel = wide ? " kRTT/cwnd".length() : 0;
        int[] w = {5, addr, addr, proc, wide ? 11 : SHORT_STATE, 6, 6, 7, 7, 7, 6, 5, 4};
        // Room for the sparkline: all of it after kRTT/cwnd and a blank; on a narrow terminal it ends
        // at the right edge and shrinks to SPARK_MIN cells before the expert flags or the rate go.
        int full = total - 1 - kernel - (wide ? 1 : 0) - ConnGraphs.SPARK - 1;
        Columns.fit(w, without(DROP, sorted), full, 3, w[3]);
        Columns.fit(w, without(DROP_LAST, sorted), wide ? full : total - 1 - SPARK_MIN, 3, w[3]);
        int left = full - Columns.used(w);
        if (left > 0) {
            w[3] = Math.max(w[3], Math.min(40, w[3] + left)); // the process takes what the sparkline leaves
        }
        int col = 1 + Columns.used(w) + (wide ? kernel + 1 : 0);
        return new Layout(w, wide, col, Math.max(0, Math.min(ConnGraphs.SPARK, total - col)));
    }

    private static int[] without(int[] columns, int sorted) {
        return java.util.Arrays.stream(columns).filter(i -> i != sorted).toArray();
    }

    /** {@code ss}'s short state names, for the narrow State column. */
    static String shortState(String state) {
        return switch (state) {
            case "ESTABLISHED" -> "ESTAB";
            case "SYN_RECEIVED" -> "SYN_RECV";
            default -> state;
        };
    }

    static String line(ConnRow r, Layout l) {
        int[] w = l.widths();
        String state = w[4] < "ESTABLISHED".length() ? shortState(r.state()) : r.state();
        String[] v = {r.proto(), r.local(), r.remote(), r.process(), state, Numbers.count(r.packetsOut()),
                Numbers.count(r.packetsIn()), Numbers.bytes(r.bytesOut()), Numbers.bytes(r.bytesIn()),
                Numbers.bytes(r.rateBps()), Numbers.millis(r.rttMillis()), Long.toString(r.retransmits()),
                r.proto().equals("tcp") ? Long.toString(r.expert()) : ""};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            b.append(i >= 5 ? Canvas.padLeft(v[i], w[i]) : Canvas.pad(v[i], w[i])).append(' ');
        }
        if (l.kernel() && r.kernelRttMillis() >= 0) {
            b.append(' ').append(Numbers.millis(r.kernelRttMillis())).append('/').append(r.kernelCwnd());
        }
        return b.toString();
    }
}
