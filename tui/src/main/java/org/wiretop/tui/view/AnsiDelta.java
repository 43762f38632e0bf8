package org.wiretop.tui.view;

import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextImage;
import org.wiretop.capture.format.LineBuilder;

/**
 * The escape sequences that turn what the terminal shows ({@code front}) into the next frame
 * ({@code back}): for each run of changed cells one cursor move, a colour change only where
 * the style changes, then the characters. Lanterna's own delta refresh sorts every changed cell
 * through a TreeMap and writes each through several calls; this is one pass over the cells
 * into one byte buffer, which keeps a full-screen change (a packet list scrolling at line rate)
 * cheap even before the JIT has compiled it.
 */
public final class AnsiDelta {
    private static final byte ESC = 0x1b;

    private AnsiDelta() {
    }

    /** Appends the bytes for the cells of {@code back} that differ from {@code front}. */
    public static void encode(TextImage back, TextImage front, int columns, int rows, LineBuilder out) {
        TextCharacter style = null; // the style the terminal is in; null = unknown
        int cursorX = -1, cursorY = -1;
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; ) {
                TextCharacter c = back.getCharacterAt(x, y);
                int width = c != null && c.isDoubleWidth() ? 2 : 1;
                if (c == null || c.equals(front.getCharacterAt(x, y))) {
                    x += width;
                    continue;
                }
                if (x != cursorX || y != cursorY) {
                    out.append((char) ESC).append('[').append(y + 1).append(';').append(x + 1).append('H');
                }
                if (style == null || !sameStyle(style, c)) {
                    appendStyle(c, out);
                    style = c;
                }
                char ch = c.getCharacter();
                if (ch < 0x80) {
                    out.append(ch);
                } else {
                    out.append(c.getCharacterString());
                }
                x += width;
                cursorX = x;
                cursorY = y;
            }
        }
        if (style != null) {
            out.append((char) ESC).append("[0m"); // leave the terminal in its default style
        }
    }

    private static boolean sameStyle(TextCharacter a, TextCharacter b) {
        return a.getForegroundColor().equals(b.getForegroundColor())
                && a.getBackgroundColor().equals(b.getBackgroundColor())
                && a.isBold() == b.isBold() && a.isReversed() == b.isReversed()
                && a.isUnderlined() == b.isUnderlined() && a.isBlinking() == b.isBlinking()
                && a.isItalic() == b.isItalic() && a.isCrossedOut() == b.isCrossedOut()
                && a.isBordered() == b.isBordered();
    }

    /** One SGR sequence that resets, then sets the colours and modifiers of {@code c}. */
    private static void appendStyle(TextCharacter c, LineBuilder out) {
        out.append((char) ESC).append("[0;");
        appendColour(c.getForegroundColor(), true, out);
        out.append(';');
        appendColour(c.getBackgroundColor(), false, out);
        if (c.isBold()) {
            out.append(";1");
        }
        if (c.isItalic()) {
            out.append(";3");
        }
        if (c.isUnderlined()) {
            out.append(";4");
        }
        if (c.isBlinking()) {
            out.append(";5");
        }
        if (c.isReversed()) {
            out.append(";7");
        }
        if (c.isCrossedOut()) {
            out.append(";9");
        }
        if (c.isBordered()) {
            out.append(";51");
        }
        out.append('m');
    }

    private static void appendColour(TextColor colour, boolean foreground, LineBuilder out) {
        byte[] code = foreground ? colour.getForegroundSGRSequence() : colour.getBackgroundSGRSequence();
        out.append(code, 0, code.length);
    }
}
