package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/** Clipped, styled text on a Lanterna {@link TextGraphics}: the only drawing the views need. */
public final class Canvas {
    private final TextGraphics g;
    private final int width;
    private final int height;
    private final Palette palette;
    private final boolean ascii;

    public Canvas(TextGraphics g) {
        this(g, Palette.FULL);
    }

    /** @param palette what the terminal shows of the views' colours */
    public Canvas(TextGraphics g, Palette palette) {
        this(g, palette, false);
    }

    /**
     * @param palette what the terminal shows of the views' colours
     * @param ascii   the terminal shows ASCII only ({@link GraphGlyphs#unicode}): a cut ends in
     *                {@value #ASCII_ELLIPSIS} rather than {@link #ELLIPSIS}
     */
    public Canvas(TextGraphics g, Palette palette, boolean ascii) {
        this.g = g;
        this.palette = palette;
        this.ascii = ascii;
        this.width = g.getSize().getColumns();
        this.height = g.getSize().getRows();
    }

    /** Whether the terminal shows colours (without them the graphs tell series apart by their glyphs). */
    public boolean coloured() {
        return palette != Palette.NONE;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /**
     * Writes {@code s} at (col, row), cut at the right edge. Cells are set one by one from
     * {@link Glyphs}' shared characters: Lanterna's putString makes a new character object per
     * cell and splits the text into grapheme clusters first, which made a full-screen redraw
     * take tens of milliseconds.
     */
    public void text(int col, int row, String s, TextColor fg, TextColor bg, SGR... sgr) {
        if (row < 0 || row >= height || col >= width || s.isEmpty()) {
            return;
        }
        Glyphs glyphs = palette.glyphs(fg, bg, sgr);
        int x = col;
        for (int i = 0; i < s.length() && x < width; i++) {
            char ch = s.charAt(i);
            TextCharacter c = glyphs.of(ascii && ch == ELLIPSIS ? ASCII_ELLIPSIS : ch);
            int cells = c.isDoubleWidth() ? 2 : 1; // CJK takes two columns, as in putString
            if (x >= 0 && x + cells <= width) {
                g.setCharacter(x, row, c);
            }
            x += cells;
        }
    }

    public void text(int col, int row, String s) {
        text(col, row, s, null, null);
    }

    /** A whole row: {@code s} padded with blanks to the full width, in one style. */
    public void line(int row, String s, TextColor fg, TextColor bg, SGR... sgr) {
        text(0, row, pad(s, width), fg, bg, sgr);
    }

    /** What ends a text cut to fit its column, so a cut is never taken for the whole value. */
    public static final char ELLIPSIS = '\u2026';
    /** What stands for {@link #ELLIPSIS} on an ASCII-only terminal. */
    public static final char ASCII_ELLIPSIS = '~';

    /** {@code s} blank-padded to exactly {@code n} columns, or cut to them with {@link #ELLIPSIS} last. */
    public static String pad(String s, int n) {
        if (n <= 0) {
            return "";
        }
        if (s.length() > n) {
            return s.substring(0, n - 1) + ELLIPSIS;
        }
        if (s.length() == n) {
            return s;
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
}
