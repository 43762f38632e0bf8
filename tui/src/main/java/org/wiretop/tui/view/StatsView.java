package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.stats.Talker;
import org.wiretop.stats.TrafficClass;
import org.wiretop.tui.Cursor;
import org.wiretop.tui.GraphChoice;
import org.wiretop.tui.StatsTables;
import org.wiretop.tui.model.GraphsModel;
import org.wiretop.tui.model.StatsSnapshot;

import java.util.List;

/**
 * The Statistics view (6): the I/O graph on top (or on the left from 160 columns), the protocol
 * hierarchy and the top talkers below it (side by side from 120 columns), as {@link StatsLayout}
 * places them. A table picked with the mouse or ← → shows its selected row as the other views do.
 */
public final class StatsView {
    /** A colour per {@link TrafficClass}; the total alone is drawn in the first. */
    static final TextColor[] COLOURS = {TextColor.ANSI.CYAN, TextColor.ANSI.GREEN, TextColor.ANSI.YELLOW,
            TextColor.ANSI.MAGENTA, TextColor.ANSI.RED, TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.WHITE};

    private StatsView() {
    }

    public static void draw(Canvas c, int row0, int rows, GraphsModel g, GraphChoice choice, StatsTables tables) {
        StatsLayout l = StatsLayout.of(c.width(), row0, rows);
        int graphW = l.graphWidth();
        String title = " I/O graph: " + (choice.bytes() ? "bytes/s" : "packets/s") + ", last " + choice.window().label()
                + (choice.perProtocol() ? choice.stacked() ? ", protocols stacked" : ", protocols overlaid" : ", total");
        c.text(0, row0, Canvas.pad(title, graphW), TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        String keys = "z window b bytes/pkts s stack t total ";
        if (graphW - title.length() > keys.length() + 1) {
            c.text(graphW - keys.length(), row0, keys, TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        }
        double[][] series = series(g.series(), choice.perProtocol());
        int plotH = Math.max(3, l.graphRows() - 2); // title and legend
        if (plotH % 2 == 1 && plotH > 5) {
            plotH--; // an even plot: the y axis's middle label falls on a cell's edge
        }
        IoGraph.draw(c, 0, row0 + 1, graphW - 1, plotH, series, choice.stacked(), g.unicode(),
                choice.bytes() ? "B/s" : "pkt/s", g.endClock().isEmpty() ? "now" : g.endClock(),
                choice.perProtocol() ? COLOURS : new TextColor[]{COLOURS[0]});
        legend(c, row0 + 1 + plotH, graphW, g, series, choice.perProtocol());
        hierarchy(c, l.hierarchy(), hierarchyRows(g.stats()), tables, tables.focus() == StatsTables.Table.HIERARCHY);
        talkers(c, l.endpoints(), " Top endpoints by bytes", g.stats().endpoints(),
                tables.cursor(StatsTables.Table.ENDPOINTS), tables.focus() == StatsTables.Table.ENDPOINTS);
        talkers(c, l.conversations(), " Top conversations by bytes", g.stats().conversations(),
                tables.cursor(StatsTables.Table.CONVERSATIONS), tables.focus() == StatsTables.Table.CONVERSATIONS);
    }

    /** The protocol hierarchy's lines as the table shows them (tshark's header lines left out). */
    public static List<String> hierarchyRows(StatsSnapshot st) {
        return st.hierarchy().stream().filter(l -> !l.startsWith("Protocol Hierarchy") && !l.startsWith("Filter:"))
                .toList();
    }

    /** Per-protocol rows as doubles, or their sum as one row. */
    static double[][] series(long[][] perClass, boolean perProtocol) {
        int n = perClass.length == 0 ? 0 : perClass[0].length;
        if (perProtocol) {
            double[][] out = new double[perClass.length][n];
            for (int s = 0; s < perClass.length; s++) {
                for (int i = 0; i < n; i++) {
                    out[s][i] = perClass[s][i];
                }
            }
            return out;
        }
        double[][] out = new double[1][n];
        for (long[] s : perClass) {
            for (int i = 0; i < n; i++) {
                out[0][i] += s[i];
            }
        }
        return out;
    }

    /** The series' names, colours (or, without colour, their glyphs) and their mean over the window. */
    private static void legend(Canvas c, int row, int width, GraphsModel g, double[][] series, boolean perProtocol) {
        int col = 1;
        for (int s = 0; s < series.length; s++) {
            double sum = 0;
            for (double v : series[s]) {
                sum += v;
            }
            if (perProtocol && sum == 0) {
                continue; // a protocol not seen in the window
            }
            String name = perProtocol ? TrafficClass.ALL[s].name() : "total";
            String mean = GraphScale.label(series[s].length == 0 ? 0 : Math.round(sum / series[s].length));
            char glyph = c.coloured() ? GraphGlyphs.block(8, g.unicode()) : GraphGlyphs.fill(s, g.unicode());
            String item = glyph + " " + name + " " + mean;
            if (col + item.length() >= width) {
                break;
            }
            c.text(col, row, item.substring(0, 1), COLOURS[s], null, SGR.BOLD);
            c.text(col + 2, row, item.substring(2), TextColor.ANSI.WHITE, null);
            col += item.length() + 2;
        }
        if (col + 12 < width) {
            c.text(col, row, "(mean/s)", TextColor.ANSI.WHITE, null);
        }
    }

    private static void hierarchy(Canvas c, StatsLayout.Box b, List<String> phs, StatsTables tables, boolean picked) {
        if (b.width() <= 0) {
            return;
        }
        c.text(b.col(), b.row(), Canvas.pad(" Protocol hierarchy (frames, bytes)", b.width()), TextColor.ANSI.BLACK,
                TextColor.ANSI.CYAN);
        if (phs.isEmpty()) {
            c.text(b.col() + 1, b.row() + 1, "(no packets yet)", TextColor.ANSI.WHITE, null, SGR.BOLD);
        }
        Cursor cur = tables.cursor(StatsTables.Table.HIERARCHY);
        for (int i = 0; i < b.rows() && cur.top() + i < phs.size(); i++) {
            row(c, b, i, phs.get((int) cur.top() + i), picked && cur.top() + i == cur.selected());
        }
    }

    private static void talkers(Canvas c, StatsLayout.Box b, String title, List<Talker> list, Cursor cur, boolean picked) {
        if (b.width() <= 0) {
            return;
        }
        int nameW = Math.max(15, b.width() - 1 - 3 * 9);
        String head = Canvas.pad(title, nameW) + Canvas.padLeft("frames", 8) + Canvas.padLeft("bytes", 9)
                + Canvas.padLeft("tx/rx", 10);
        c.text(b.col(), b.row(), Canvas.pad(head, b.width()), TextColor.ANSI.BLACK, TextColor.ANSI.CYAN);
        for (int i = 0; i < b.rows() && cur.top() + i < list.size(); i++) {
            Talker t = list.get((int) cur.top() + i);
            String line = " " + Canvas.pad(t.name(), nameW - 1) + Canvas.padLeft(GraphScale.label(t.frames()), 8)
                    + Canvas.padLeft(GraphScale.label(t.bytes()), 9)
                    + Canvas.padLeft(GraphScale.label(t.txBytes()) + "/" + GraphScale.label(t.rxBytes()), 10);
            row(c, b, i, line, picked && cur.top() + i == cur.selected());
        }
    }

    /** Line {@code i} of a table, highlighted as the other views' selected rows when it is the selection. */
    private static void row(Canvas c, StatsLayout.Box b, int i, String text, boolean selected) {
        if (selected) {
            c.text(b.col(), b.row() + 1 + i, Canvas.pad(text, b.width()), TextColor.ANSI.BLACK, TextColor.ANSI.CYAN,
                    SGR.BOLD);
        } else {
            c.text(b.col(), b.row() + 1 + i, Canvas.pad(text, b.width()));
        }
    }
}
