package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.Cursor;
import org.wiretop.tui.UiState;
import org.wiretop.tui.model.ConnRow;

import java.util.List;

/**
 * The flow table: one line a connection (or a group), the sorted column marked in the header;
 * {@code Exp} counts the connection's packets with a TCP problem flag (red when not 0).
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
        int[] w = widths(c.width());
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
        h.append(" kRTT/cwnd");
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
            String line = " " + line(r, w);
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

    /** Narrow terminals go without these first: packet counts, retransmissions, RTT, rate, expert flags. */
    private static final int[] DROP = {5, 6, 11, 10, 9, 12};

    /** Column widths: addresses and process share what the fixed columns leave; a narrow terminal drops some. */
    static int[] widths(int total) {
        // 86 = the fixed columns, their separators and " kRTT/cwnd"
        int avail = Math.max(36, total - 86);
        int addr = Math.max(15, Math.min(28, avail * 3 / 8));
        int proc = Math.max(7, Math.min(20, avail - 2 * addr)); // "Process" whole
        int room = total - 1 - (total >= 132 ? " kRTT/cwnd".length() : 0); // the kernel's RTT: wide terminals only
        return Columns.fit(new int[]{5, addr, addr, proc, 11, 6, 6, 7, 7, 7, 6, 5, 4}, DROP, room, 3, 40);
    }

    static String line(ConnRow r, int[] w) {
        String[] v = {r.proto(), r.local(), r.remote(), r.process(), r.state(), Numbers.count(r.packetsOut()),
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
        if (r.kernelRttMillis() >= 0) {
            b.append(' ').append(Numbers.millis(r.kernelRttMillis())).append('/').append(r.kernelCwnd());
        }
        return b.toString();
    }
}
