package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.stats.Talker;
import org.wiretop.stats.TrafficClass;
import org.wiretop.tui.GraphChoice;
import org.wiretop.tui.model.GraphsModel;
import org.wiretop.tui.model.StatsSnapshot;

import java.util.List;

/**
 * The Statistics view (6): the I/O graph on top (or on the left from 160 columns), the protocol
 * hierarchy and the top talkers below it (side by side from 120 columns).
 */
public final class StatsView {
    /** A colour per {@link TrafficClass}; the total alone is drawn in the first. */
    static final TextColor[] COLOURS = {TextColor.ANSI.CYAN, TextColor.ANSI.GREEN, TextColor.ANSI.YELLOW,
            TextColor.ANSI.MAGENTA, TextColor.ANSI.RED, TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.WHITE};

    private StatsView() {
    }

    public static void draw(Canvas c, int row0, int rows, GraphsModel g, GraphChoice choice) {
        int w = c.width();
        boolean side = w >= 160;
        int graphW = side ? w * 3 / 5 : w;
        int graphH = side ? rows : Math.max(6, rows / 2 + 1);
        String title = " I/O graph: " + (choice.bytes() ? "bytes/s" : "packets/s") + ", last " + choice.window().label()
                + (choice.perProtocol() ? choice.stacked() ? ", protocols stacked" : ", protocols overlaid" : ", total");
        c.text(0, row0, Canvas.pad(title, graphW), TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        String keys = "z window b bytes/pkts s stack t total ";
        if (graphW - title.length() > keys.length() + 1) {
            c.text(graphW - keys.length(), row0, keys, TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        }
        double[][] series = series(g.series(), choice.perProtocol());
        int plotH = Math.max(3, graphH - 2); // title and legend
        if (plotH % 2 == 1 && plotH > 5) {
            plotH--; // an even plot: the y axis's middle label falls on a cell's edge
        }
        IoGraph.draw(c, 0, row0 + 1, graphW - 1, plotH, series, choice.stacked(), g.unicode(),
                choice.bytes() ? "B/s" : "pkt/s", g.endClock().isEmpty() ? "now" : g.endClock(),
                choice.perProtocol() ? COLOURS : new TextColor[]{COLOURS[0]});
        legend(c, row0 + 1 + plotH, graphW, g, series, choice.perProtocol());
        if (side) {
            tables(c, graphW + 1, row0, w - graphW - 1, rows, g.stats(), true);
        } else if (rows - graphH > 1) {
            boolean twoColumns = w >= 120;
            tables(c, 0, row0 + graphH, w, rows - graphH, g.stats(), !twoColumns);
        }
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

    /** Protocol hierarchy, then endpoints and conversations; beside each other unless {@code stacked}. */
    private static void tables(Canvas c, int col0, int row0, int width, int rows, StatsSnapshot st, boolean stacked) {
        int phsW = stacked ? width : width / 2;
        int phsRows = stacked ? Math.max(2, rows / 2) : rows;
        c.text(col0, row0, Canvas.pad(" Protocol hierarchy (frames, bytes)", phsW - 1), TextColor.ANSI.BLACK, TextColor.ANSI.CYAN);
        List<String> phs = st.hierarchy().stream().filter(l -> !l.startsWith("Protocol Hierarchy") && !l.startsWith("Filter:"))
                .toList();
        for (int i = 0; i < phs.size() && i < phsRows - 1; i++) {
            c.text(col0, row0 + 1 + i, Canvas.pad(phs.get(i), phsW - 1));
        }
        if (phs.isEmpty()) {
            c.text(col0 + 1, row0 + 1, "(no packets yet)", TextColor.ANSI.WHITE, null, SGR.BOLD);
        }
        int tc = stacked ? col0 : col0 + phsW;
        int tr = stacked ? row0 + phsRows : row0;
        int trows = stacked ? rows - phsRows : rows;
        int tw = stacked ? width : width - phsW;
        if (trows < 2) {
            return;
        }
        int half = Math.max(1, (trows - 2) / 2);
        talkers(c, tc, tr, tw, half + 1, " Top endpoints by bytes", st.endpoints());
        talkers(c, tc, tr + half + 1, tw, trows - half - 1, " Top conversations by bytes", st.conversations());
    }

    private static void talkers(Canvas c, int col0, int row0, int width, int rows, String title, List<Talker> list) {
        if (rows < 1) {
            return;
        }
        int nameW = Math.max(15, width - 1 - 3 * 9);
        String head = Canvas.pad(title, nameW) + Canvas.padLeft("frames", 8) + Canvas.padLeft("bytes", 9)
                + Canvas.padLeft("tx/rx", 10);
        c.text(col0, row0, Canvas.pad(head, width), TextColor.ANSI.BLACK, TextColor.ANSI.CYAN);
        for (int i = 0; i < list.size() && i < rows - 1; i++) {
            Talker t = list.get(i);
            String line = " " + Canvas.pad(t.name(), nameW - 1) + Canvas.padLeft(GraphScale.label(t.frames()), 8)
                    + Canvas.padLeft(GraphScale.label(t.bytes()), 9)
                    + Canvas.padLeft(GraphScale.label(t.txBytes()) + "/" + GraphScale.label(t.rxBytes()), 10);
            c.text(col0, row0 + 1 + i, Canvas.pad(line, width));
        }
    }
}
