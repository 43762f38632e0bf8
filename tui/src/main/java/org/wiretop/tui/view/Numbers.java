package org.wiretop.tui.view;

import java.util.Locale;

/** Compact numbers for narrow columns (1234567 → "1.2M"). */
public final class Numbers {
    private Numbers() {
    }

    /** Count or bytes with a K/M/G suffix (powers of 1000 for counts, 1024 for bytes). */
    public static String si(double v, boolean binary) {
        double base = binary ? 1024 : 1000;
        if (v < base) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
        }
        String units = "KMGTP";
        int i = -1;
        while (v >= base && i < units.length() - 1) {
            v /= base;
            i++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.1f%c" : "%.0f%c", v, units.charAt(i));
    }

    public static String bytes(double v) {
        return si(v, true);
    }

    public static String count(double v) {
        return si(v, false);
    }

    /** Milliseconds with one decimal, or "-" when unknown (negative). */
    public static String millis(double ms) {
        return ms < 0 ? "-" : String.format(Locale.ROOT, ms < 100 ? "%.2f" : "%.0f", ms);
    }
}
