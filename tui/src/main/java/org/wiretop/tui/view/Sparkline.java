package org.wiretop.tui.view;

/** A row of cells whose heights follow a series (bandwhich's and RustNet's per-row rates). */
public final class Sparkline {
    private Sparkline() {
    }

    /**
     * {@code values} (oldest first) in {@code width} cells, each the mean of the values it covers,
     * scaled to the largest cell; a cell with nothing is blank. Null or empty values give blanks.
     */
    public static String of(long[] values, int width, boolean unicode) {
        if (width <= 0) {
            return "";
        }
        double[] cells = new double[width];
        double peak = 0;
        if (values != null && values.length > 0) {
            for (int i = 0; i < width; i++) {
                int from = (int) ((long) i * values.length / width);
                int to = Math.max(from + 1, (int) ((long) (i + 1) * values.length / width));
                double sum = 0;
                for (int k = from; k < to && k < values.length; k++) {
                    sum += values[k];
                }
                cells[i] = sum / (to - from);
                peak = Math.max(peak, cells[i]);
            }
        }
        StringBuilder b = new StringBuilder(width);
        for (double v : cells) {
            int level = peak <= 0 ? 0 : (int) Math.min(7, Math.floor(v / peak * 8 - 1e-9));
            b.append(GraphGlyphs.spark(level, v > 0, unicode));
        }
        return b.toString();
    }
}
