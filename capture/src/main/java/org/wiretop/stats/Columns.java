package org.wiretop.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** printf's column formats for the tables ({@code %-20s}, {@code %6u}, {@code %14.9f}), and Wireshark's sizes. */
final class Columns {
    private static final String[] PREFIXES = {"", " k", " M", " G", " T", " P"};

    private Columns() {
    }

    /** {@code %-Ns}: left aligned, padded to {@code width}, never cut. */
    static void left(StringBuilder out, String text, int width) {
        out.append(text);
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
    }

    /** {@code %Nu}: right aligned in {@code width}. */
    static void right(StringBuilder out, long value, int width) {
        right(out, Long.toString(value), width);
    }

    static void right(StringBuilder out, String text, int width) {
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
        out.append(text);
    }

    /**
     * {@code %W.Pf} of a double as C's printf rounds it: the double's exact value to {@code places}
     * decimals, halves to even.
     */
    static String fixed(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * Wireshark's {@code format_size(n, FORMAT_SIZE_UNIT_BYTES, 0)}: "820 bytes" below 10,000, then
     * whole SI units, truncated ("159 kB" for 159,457).
     */
    static String size(long bytes) {
        int prefix = 0;
        long value = bytes;
        for (int p = PREFIXES.length - 1; p > 0; p--) {
            long scaled = bytes;
            for (int i = 0; i < p; i++) {
                scaled /= 1000;
            }
            if (scaled >= 10) {
                prefix = p;
                value = scaled;
                break;
            }
        }
        return prefix == 0 ? value + " bytes" : value + PREFIXES[prefix] + "B";
    }
}
