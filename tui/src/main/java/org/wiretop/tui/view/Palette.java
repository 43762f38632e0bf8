package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;

import java.util.Arrays;

/**
 * What the terminal can show of the views' colours. The views paint in ANSI colours (and the
 * graphs may use 256-colour indexes or RGB); a palette maps each style to what the terminal
 * takes: no colour at all ({@code --color never}, {@code NO_COLOR}, a dumb terminal), the 8
 * colours of {@code TERM=linux} and xterm's terminfo (bright foregrounds become bold, bright
 * backgrounds plain), the 16 ANSI colours (indexes and RGB to the nearest of them), or everything.
 * Without colour a coloured background becomes reverse video, bold as it was: the bars and headers
 * are reverse, the selected row reverse and bold (as ls, less and htop show them without colour).
 */
public enum Palette {
    NONE, ANSI8, ANSI16, FULL;

    private static final TextColor.ANSI[] ANSI = TextColor.ANSI.values();

    /** The shared characters of a style as this palette shows it. */
    Glyphs glyphs(TextColor fg, TextColor bg, SGR... sgr) {
        TextColor f = fg == null ? TextColor.ANSI.DEFAULT : fg;
        TextColor b = bg == null ? TextColor.ANSI.DEFAULT : bg;
        return switch (this) {
            case FULL -> Glyphs.of(f, b, sgr);
            case ANSI16 -> Glyphs.of(nearest(f), nearest(b), sgr);
            case ANSI8 -> {
                TextColor.ANSI f16 = nearest(f);
                boolean bright = f16.name().endsWith("_BRIGHT");
                yield Glyphs.of(dim(f16), dim(nearest(b)), bright && !has(sgr, SGR.BOLD) ? plus(sgr, SGR.BOLD) : sgr);
            }
            case NONE -> {
                TextColor.ANSI b16 = nearest(b);
                boolean marked = b16 != TextColor.ANSI.DEFAULT && b16 != TextColor.ANSI.BLACK;
                yield Glyphs.of(TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, marked ? plus(sgr, SGR.REVERSE) : sgr);
            }
        };
    }

    /** The ANSI colour nearest to {@code c} (itself when it is one). */
    static TextColor.ANSI nearest(TextColor c) {
        if (c instanceof TextColor.ANSI a) {
            return a;
        }
        TextColor.ANSI best = TextColor.ANSI.WHITE;
        long bestDistance = Long.MAX_VALUE;
        for (TextColor.ANSI a : ANSI) {
            if (a == TextColor.ANSI.DEFAULT) {
                continue;
            }
            long dr = a.getRed() - c.getRed(), dg = a.getGreen() - c.getGreen(), db = a.getBlue() - c.getBlue();
            long d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best;
    }

    private static TextColor.ANSI dim(TextColor.ANSI a) {
        String name = a.name();
        return name.endsWith("_BRIGHT") ? TextColor.ANSI.valueOf(name.substring(0, name.length() - 7)) : a;
    }

    private static boolean has(SGR[] sgr, SGR s) {
        for (SGR x : sgr) {
            if (x == s) {
                return true;
            }
        }
        return false;
    }

    private static SGR[] plus(SGR[] sgr, SGR s) {
        if (has(sgr, s)) {
            return sgr;
        }
        SGR[] out = Arrays.copyOf(sgr, sgr.length + 1);
        out[sgr.length] = s;
        return out;
    }
}
