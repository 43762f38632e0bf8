package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/** Clipped, styled text on a Lanterna {@link TextGraphics}: the only drawing the views need. */
public final class Canvas {
    private final TextGraphics g;
    private final int width;
    private final int height;

    public Canvas(TextGraphics g) {
        this.g = g;
        this.width = g.getSize().getColumns();
        this.height = g.getSize().getRows();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Writes {@code s} at (col, row), cut at the right edge. */
    public void text(int col, int row, String s, TextColor fg, TextColor bg, SGR... sgr) {
        if (row < 0 || row >= height || col >= width || s.isEmpty()) {
            return;
        }
        String cut = clean(s, width - col);
        g.setForegroundColor(fg == null ? TextColor.ANSI.DEFAULT : fg);
        g.setBackgroundColor(bg == null ? TextColor.ANSI.DEFAULT : bg);
        g.clearModifiers();
        if (sgr.length > 0) {
            g.enableModifiers(sgr);
        }
        g.putString(col, row, cut);
        g.clearModifiers();
    }

    public void text(int col, int row, String s) {
        text(col, row, s, null, null);
    }

    /** A whole row: {@code s} padded with blanks to the full width, in one style. */
    public void line(int row, String s, TextColor fg, TextColor bg, SGR... sgr) {
        text(0, row, pad(s, width), fg, bg, sgr);
    }

    /** {@code s} cut or blank-padded to exactly {@code n} columns. */
    public static String pad(String s, int n) {
        if (n <= 0) {
            return "";
        }
        if (s.length() >= n) {
            return s.substring(0, n);
        }
        return s + " ".repeat(n - s.length());
    }

    /** {@code s} right-aligned in {@code n} columns (cut on the left when too long). */
    public static String padLeft(String s, int n) {
        if (s.length() >= n) {
            return s.substring(s.length() - n);
        }
        return " ".repeat(n - s.length()) + s;
    }

    /** Control characters (from packet text or user input) would move the terminal's cursor: show '.' instead. */
    private static String clean(String s, int max) {
        int n = Math.min(s.length(), Math.max(0, max));
        StringBuilder b = null;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, n));
                }
                b.setCharAt(i, '.');
            }
        }
        return b != null ? b.toString() : s.substring(0, n);
    }
}
