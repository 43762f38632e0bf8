package org.wiretop.tui.view;

import java.util.Locale;

/**
 * A graph's y axis: the top value, a "nice" number (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k) at or above the
 * peak, and its labels in SI units (k, M, G: 1000s, as Wireshark's I/O graph and bmon print
 * rates) with the unit after the axis's top label.
 */
public record GraphScale(double max) {
    private static final double[] STEPS = {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};

    /** The smallest nice top at or above {@code peak} (1 for an empty graph). */
    public static GraphScale of(double peak) {
        if (!(peak > 0)) {
            return new GraphScale(1);
        }
        double decade = Math.pow(10, Math.floor(Math.log10(peak)));
        for (double s : STEPS) {
            if (s * decade >= peak * (1 - 1e-12)) {
                return new GraphScale(s * decade);
            }
        }
        return new GraphScale(10 * decade);
    }

    /** {@code v} in at most 5 characters: "0", "750", "2.5k", "10M", "1.2G". */
    public static String label(double v) {
        String[] units = {"", "k", "M", "G", "T"};
        int u = 0;
        while (Math.abs(v) >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String n = v == Math.rint(v) ? Long.toString((long) v)
                : String.format(Locale.ROOT, Math.abs(v) < 10 ? "%.1f" : "%.0f", v);
        if (n.endsWith(".0")) {
            n = n.substring(0, n.length() - 2);
        }
        return n + units[u];
    }

    /** The height in eighths of a cell of {@code v} on a graph {@code rows} high. */
    public int eighths(double v, int rows) {
        return (int) Math.round(Math.max(0, Math.min(v, max)) / max * rows * 8);
    }

    /** The time axis's label for a tick {@code seconds} before the newest: "-45s", "-2.5m", "-15m". */
    public static String ago(int seconds) {
        if (seconds == 0) {
            return "0";
        }
        if (seconds < 120) {
            return "-" + seconds + "s";
        }
        double m = seconds / 60.0;
        return "-" + (m == Math.rint(m) ? Long.toString((long) m) : String.format(Locale.ROOT, "%.1f", m)) + "m";
    }
}
