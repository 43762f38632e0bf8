package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The screen characters of one style (colours and modifiers), made once and shared: Lanterna's
 * characters are immutable, so a redraw of the whole screen allocates nothing per cell. Control
 * characters (from packet text or user input) would move the terminal's cursor: they show as '.'.
 */
final class Glyphs {
    private static final ConcurrentHashMap<List<Object>, Glyphs> STYLES = new ConcurrentHashMap<>();

    private final TextColor fg;
    private final TextColor bg;
    private final SGR[] sgr;
    private final TextCharacter[] ascii = new TextCharacter[128];
    /** Box drawing and block elements (U+2500..U+259F, the graphs' cells), made on first use. */
    private final TextCharacter[] boxes = new TextCharacter[0xA0];

    private Glyphs(TextColor fg, TextColor bg, SGR[] sgr) {
        this.fg = fg;
        this.bg = bg;
        this.sgr = sgr;
        for (char c = 0; c < 128; c++) {
            ascii[c] = new TextCharacter(c < 0x20 || c == 0x7f ? '.' : c, fg, bg, sgr);
        }
    }

    static Glyphs of(TextColor fg, TextColor bg, SGR... sgr) {
        SGR[] sorted = sgr.clone();
        Arrays.sort(sorted);
        return STYLES.computeIfAbsent(List.of(fg, bg, List.of(sorted)), k -> new Glyphs(fg, bg, sorted));
    }

    TextCharacter of(char c) {
        if (c < 128) {
            return ascii[c];
        }
        if (c >= 0x2500 && c < 0x25A0) {
            TextCharacter t = boxes[c - 0x2500];
            if (t == null) {
                t = new TextCharacter(c, fg, bg, sgr);
                boxes[c - 0x2500] = t; // a benign race: any thread makes the same character
            }
            return t;
        }
        return new TextCharacter(Character.isISOControl(c) ? '.' : c, fg, bg, sgr);
    }
}
