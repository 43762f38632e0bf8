package org.wiretop.tui.view;

import java.util.Map;

/**
 * The characters graphs are drawn with: Unicode's eighth blocks (U+2581..U+2588) and box lines
 * where the terminal can show them, else ASCII. Unicode needs a UTF-8 locale (the first of
 * LC_ALL, LC_CTYPE, LANG that is set names UTF-8) and a terminal other than the Linux console
 * ({@code TERM=linux}, whose console font lacks most block elements), {@code vt100}-like or
 * {@code dumb}. {@code WIRETOP_ASCII=1} forces ASCII.
 */
public final class GraphGlyphs {
    private static final String BLOCKS = " ▁▂▃▄▅▆▇█";
    private static final String ASCII_SPARK = " .:-=+*#";
    /**
     * A full cell of each series where there is no colour to tell them apart (TCP, UDP, ICMP, DNS,
     * HTTP, TLS, other): neighbours in the stack differ in kind, and the first is the plain full
     * block, so a graph of one series looks as it does in colour.
     */
    private static final String FILLS = "█░▓╳▒≡┼";
    private static final String ASCII_FILLS = "#=%xo@*";

    private GraphGlyphs() {
    }

    /** Whether this environment's terminal gets Unicode blocks. */
    public static boolean unicode(Map<String, String> env) {
        if ("1".equals(env.get("WIRETOP_ASCII"))) {
            return false;
        }
        String term = env.getOrDefault("TERM", "");
        if (term.equals("linux") || term.equals("dumb") || term.startsWith("vt1") || term.startsWith("vt2")) {
            return false;
        }
        for (String name : new String[]{"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = env.get(name);
            if (v != null && !v.isEmpty()) {
                String u = v.toUpperCase(java.util.Locale.ROOT);
                return u.contains("UTF-8") || u.contains("UTF8");
            }
        }
        return false;
    }

    /** A cell filled {@code eighths}/8 from the bottom. */
    public static char block(int eighths, boolean unicode) {
        int e = Math.max(0, Math.min(8, eighths));
        if (unicode) {
            return BLOCKS.charAt(e);
        }
        return e == 0 ? ' ' : e < 4 ? '.' : e < 8 ? ':' : '#';
    }

    /** A full cell of series {@code series} drawn without colour (its legend shows the same glyph). */
    public static char fill(int series, boolean unicode) {
        String fills = unicode ? FILLS : ASCII_FILLS;
        return fills.charAt(Math.floorMod(series, fills.length()));
    }

    /** A sparkline level 0..7 (0 drawn as the lowest mark, a blank only for nothing). */
    public static char spark(int level, boolean any, boolean unicode) {
        if (!any) {
            return ' ';
        }
        int l = Math.max(0, Math.min(7, level));
        return unicode ? BLOCKS.charAt(l + 1) : ASCII_SPARK.charAt(l == 0 ? 1 : l);
    }

    static char vertical(boolean unicode) {
        return unicode ? '│' : '|';
    }

    static char horizontal(boolean unicode) {
        return unicode ? '─' : '-';
    }

    static char corner(boolean unicode) {
        return unicode ? '└' : '+';
    }

    static char tick(boolean unicode) {
        return unicode ? '┴' : '+';
    }

    static char yTick(boolean unicode) {
        return unicode ? '┤' : '+';
    }

    static char mark(boolean unicode) {
        return unicode ? '▲' : '^';
    }
}
