package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.Cursor;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.GraphsModel;

import java.util.List;

/**
 * The Connections view's pictures: a sparkline of each row's last 60 s (at the row's right end,
 * {@value #SPARK} cells, 6 s a cell, or as few as {@link ConnectionsView#SPARK_MIN} on a narrow
 * terminal), the selected connection's detail pane (throughput and RTT over its last minute,
 * retransmissions marked) and the status bar's sparkline of the interface.
 */
public final class ConnGraphs {
    static final int SPARK = 10;

    private ConnGraphs() {
    }

    /** The sparklines of the rows drawn by {@link ConnectionsView} from {@code row0 + 1}, sorted on column {@code sorted}. */
    public static void sparklines(Canvas c, int row0, int rows, List<ConnRow> window, Cursor cursor, GraphsModel g,
                                  int sorted) {
        ConnectionsView.Layout l = ConnectionsView.layout(c.width(), sorted);
        int col = l.sparkCol();
        int cells = l.sparkCells();
        if (col < 40 || cells < ConnectionsView.SPARK_MIN || g.connRates().isEmpty()) {
            return;
        }
        String label = cells + 2 >= " last 60s".length() ? " last 60s" : " 60s";
        c.text(col - 1, row0, Canvas.pad(label, cells + 2), TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        for (int i = 0; i < window.size() && i < rows && i < g.connRates().size(); i++) {
            boolean selected = cursor.top() + i == cursor.selected();
            String spark = " " + Sparkline.of(g.connRates().get(i), cells, g.unicode()) + " ";
            c.text(col - 1, row0 + 1 + i, spark, selected ? TextColor.ANSI.BLACK : TextColor.ANSI.GREEN,
                    selected ? TextColor.ANSI.CYAN : null, SGR.BOLD);
        }
    }

    /** The detail pane in place of the table (Enter opens, Enter or Esc closes). */
    public static void detail(Canvas c, int row0, int rows, GraphsModel.ConnDetail d, boolean unicode) {
        ConnRow r = d.row();
        String title = " " + r.proto() + " " + r.local() + " <-> " + r.remote() + "  " + r.process() + "  " + r.state();
        c.line(row0, title, TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        c.text(Math.max(title.length() + 2, c.width() - 18), row0, "Enter/Esc: back ", TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        String facts = " out " + Numbers.bytes(r.rateOutBps()) + "B/s  in " + Numbers.bytes(r.rateInBps()) + "B/s"
                + "  handshake RTT " + Numbers.millis(r.rttMillis()) + " ms"
                + "  kernel RTT " + (r.kernelRttMillis() >= 0 ? Numbers.millis(r.kernelRttMillis()) + " ms, cwnd "
                + r.kernelCwnd() : "- (not a local socket)")
                + "  retransmissions " + r.retransmits();
        c.line(row0 + 1, facts, TextColor.ANSI.WHITE, null, SGR.BOLD);
        int left = rows - 2;
        int rateH = Math.max(4, left * 3 / 5 - 1);
        c.text(0, row0 + 2, " throughput, bytes/s (" + GraphGlyphs.mark(unicode) + " retransmission)",
                TextColor.ANSI.CYAN, null, SGR.BOLD);
        double[][] rate = {toDouble(d.rate())};
        IoGraph.draw(c, 0, row0 + 3, c.width() - 1, rateH, rate, false, unicode, "B/s", "now",
                new TextColor[]{TextColor.ANSI.GREEN});
        marks(c, row0 + 2 + rateH - 1, d.retransmits(), unicode);
        int rttRow = row0 + 3 + rateH;
        int rttH = rows - (rttRow - row0) - 1;
        if (rttH < 3) {
            return;
        }
        boolean any = false;
        for (double v : d.kernelRtt()) {
            any |= !Double.isNaN(v);
        }
        c.text(0, rttRow, " kernel RTT (tcp_info), ms" + (any ? "" : ": no samples (not a local TCP socket)")
                + (r.rttMillis() >= 0 ? "   handshake RTT " + Numbers.millis(r.rttMillis()) + " ms" : ""),
                TextColor.ANSI.CYAN, null, SGR.BOLD);
        if (any) {
            IoGraph.draw(c, 0, rttRow + 1, c.width() - 1, rttH, new double[][]{d.kernelRtt()}, false, unicode, "ms",
                    "now", new TextColor[]{TextColor.ANSI.YELLOW});
        }
    }

    /** A mark on the row above the time axis under each second that saw a retransmission. */
    private static void marks(Canvas c, int row, boolean[] seconds, boolean unicode) {
        int cols = Math.max(1, c.width() - 1 - IoGraph.LABEL - 1);
        for (int i = 0; i < cols; i++) {
            int from = (int) ((long) i * seconds.length / cols);
            int to = Math.max(from + 1, (int) ((long) (i + 1) * seconds.length / cols));
            for (int k = from; k < to && k < seconds.length; k++) {
                if (seconds[k]) {
                    c.text(IoGraph.LABEL + 1 + i, row, String.valueOf(GraphGlyphs.mark(unicode)), TextColor.ANSI.RED_BRIGHT,
                            null, SGR.BOLD);
                    break;
                }
            }
        }
    }

    /** The interface's last minute in the status bar, before the clock. */
    public static void statusSparkline(Canvas c, int row, GraphsModel g) {
        int col = c.width() - 9 - SPARK - 2;
        if (col < 40 || g.interfaceRate().length == 0) {
            return;
        }
        c.text(col, row, " " + Sparkline.of(g.interfaceRate(), SPARK, g.unicode()) + " ", TextColor.ANSI.BLACK,
                TextColor.ANSI.WHITE, SGR.BOLD);
    }

    static double[] toDouble(long[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
