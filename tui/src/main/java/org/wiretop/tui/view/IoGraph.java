package org.wiretop.tui.view;

import com.googlecode.lanterna.TextColor;

/**
 * A bar graph of one or more series over time in character cells, as Wireshark's I/O graph:
 * each column the mean per second of the seconds it covers, heights in eighths of a cell,
 * several series stacked (each cell coloured after the series filling most of it) or overlaid
 * (each drawn from zero, the smaller in front); without colour a full cell takes its series' own
 * glyph ({@link GraphGlyphs#fill}), a part-filled one (the top of the stack) its height. With its axes: the y axis's top, middle (on an
 * even number of rows, where it falls on a cell's edge) and zero
 * in SI units, the time axis's ticks at quarters of the window.
 */
public final class IoGraph {
    /** Width of the y axis's labels. */
    static final int LABEL = 6;

    /**
     * The cells of a plot, row 0 at the top.
     *
     * @param cells   the characters
     * @param series  which series coloured each cell (-1: none)
     * @param scale   the y axis
     */
    public record Plot(char[][] cells, int[][] series, GraphScale scale) {
        public String row(int r) {
            return new String(cells[r]);
        }
    }

    private IoGraph() {
    }

    /** Each series' values (per second, oldest first) as {@code cols} columns of means. */
    static double[][] columns(double[][] perSecond, int cols) {
        double[][] out = new double[perSecond.length][cols];
        for (int s = 0; s < perSecond.length; s++) {
            double[] v = perSecond[s];
            int n = v.length;
            for (int i = 0; i < cols && n > 0; i++) {
                int from = (int) ((long) i * n / cols);
                int to = Math.max(from + 1, (int) ((long) (i + 1) * n / cols));
                double sum = 0;
                int counted = 0;
                for (int k = from; k < to && k < n; k++) {
                    if (!Double.isNaN(v[k])) {
                        sum += v[k];
                        counted++;
                    }
                }
                out[s][i] = counted == 0 ? Double.NaN : sum / counted;
            }
        }
        return out;
    }

    /** Plots the series ({@code perSecond[series][second]}) in {@code cols} × {@code rows} cells. */
    public static Plot plot(double[][] perSecond, int cols, int rows, boolean stacked, boolean unicode) {
        return plot(perSecond, cols, rows, stacked, unicode, false);
    }

    /** As {@link #plot(double[][], int, int, boolean, boolean)}; {@code textured}: full cells in their series' glyph. */
    public static Plot plot(double[][] perSecond, int cols, int rows, boolean stacked, boolean unicode, boolean textured) {
        double[][] col = columns(perSecond, cols);
        double peak = 0;
        for (int i = 0; i < cols; i++) {
            double sum = 0;
            for (double[] s : col) {
                double v = Double.isNaN(s[i]) ? 0 : s[i];
                sum += v;
                peak = Math.max(peak, v);
            }
            if (stacked) {
                peak = Math.max(peak, sum);
            }
        }
        GraphScale scale = GraphScale.of(peak);
        char[][] cells = new char[rows][cols];
        int[][] owner = new int[rows][cols];
        int[] top = new int[col.length];
        for (int i = 0; i < cols; i++) {
            double cum = 0;
            for (int s = 0; s < col.length; s++) {
                double v = Double.isNaN(col[s][i]) ? 0 : col[s][i];
                cum = stacked ? cum + v : v;
                top[s] = scale.eighths(cum, rows);
            }
            for (int r = 0; r < rows; r++) {
                int lo = (rows - 1 - r) * 8;
                int fill = 0, who = -1, best = 0, front = Integer.MAX_VALUE;
                int below = 0;
                for (int s = 0; s < col.length; s++) {
                    if (stacked) {
                        int overlap = Math.max(0, Math.min(top[s], lo + 8) - Math.max(below, lo));
                        below = Math.max(below, top[s]);
                        if (overlap > best) {
                            best = overlap;
                            who = s;
                        }
                        fill = Math.max(fill, Math.min(8, top[s] - lo));
                    } else if (top[s] > lo) {
                        fill = Math.max(fill, Math.min(8, top[s] - lo));
                        if (top[s] < front) {
                            front = top[s];
                            who = s;
                        }
                    }
                }
                cells[r][i] = textured && fill == 8 && who >= 0 ? GraphGlyphs.fill(who, unicode)
                        : GraphGlyphs.block(fill, unicode);
                owner[r][i] = fill > 0 ? who : -1;
            }
        }
        return new Plot(cells, owner, scale);
    }

    /**
     * Draws the graph with its axes in the box (col0, row0, width, height): the plot takes
     * {@code height - 2} rows (then the time axis and its labels) and {@code width - LABEL - 1}
     * columns. {@code endLabel} names the newest second; {@code colours[s]} colours series s.
     * Returns the plot drawn.
     */
    public static Plot draw(Canvas c, int col0, int row0, int width, int height, double[][] perSecond,
                            boolean stacked, boolean unicode, String unit, String endLabel, TextColor[] colours) {
        int rows = Math.max(1, height - 2);
        int cols = Math.max(1, width - LABEL - 1);
        Plot p = plot(perSecond, cols, rows, stacked, unicode, !c.coloured());
        for (int r = 0; r < rows; r++) {
            String label = r == 0 ? GraphScale.label(p.scale().max())
                    : r == rows / 2 && rows >= 4 && rows % 2 == 0 ? GraphScale.label(p.scale().max() * (rows - r) / rows) : "";
            char axis = label.isEmpty() ? GraphGlyphs.vertical(unicode) : GraphGlyphs.yTick(unicode);
            c.text(col0, row0 + r, Canvas.padLeft(label, LABEL) + axis, TextColor.ANSI.WHITE, null);
            // One call a run of cells of one colour (a style lookup a call, not a cell).
            int[] who = p.series()[r];
            for (int i = 0; i < cols; ) {
                int j = i + 1;
                while (j < cols && who[j] == who[i]) {
                    j++;
                }
                int s = who[i];
                TextColor fg = s >= 0 && s < colours.length ? colours[s] : null;
                c.text(col0 + LABEL + 1 + i, row0 + r, new String(p.cells()[r], i, j - i), fg, null);
                i = j;
            }
        }
        int seconds = perSecond.length == 0 ? 0 : perSecond[0].length;
        StringBuilder axis = new StringBuilder(Canvas.padLeft("0", LABEL)).append(GraphGlyphs.corner(unicode));
        char[] line = new char[cols];
        java.util.Arrays.fill(line, GraphGlyphs.horizontal(unicode));
        char[] labels = new char[cols + LABEL + 1];
        java.util.Arrays.fill(labels, ' ');
        unit = " " + unit;
        for (int t = 0; t <= 4 && seconds > 0; t++) {
            int x = Math.min(cols - 1, t * (cols - 1) / 4);
            line[x] = GraphGlyphs.tick(unicode);
            String l = t == 4 ? endLabel : GraphScale.ago(seconds - seconds * t / 4);
            int at = LABEL + 1 + (t == 4 ? x - l.length() + 1 : t == 0 ? x : x - l.length() / 2);
            for (int k = 0; k < l.length() && at + k < labels.length; k++) {
                if (at + k >= 0) {
                    labels[at + k] = l.charAt(k);
                }
            }
        }
        c.text(col0, row0 + rows, axis.append(line).toString(), TextColor.ANSI.WHITE, null);
        String under = new String(labels);
        c.text(col0, row0 + rows + 1, Canvas.pad(unit, LABEL) + under.substring(Math.min(under.length(), LABEL)),
                TextColor.ANSI.WHITE, null);
        return p;
    }
}
