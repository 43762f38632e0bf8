package org.wiretop.tui;

import org.wiretop.tui.view.Palette;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * {@code --color never|auto|always} and the environment, turned into the {@link Palette} the UI
 * paints with. {@code NO_COLOR} set and not empty (no-color.org) means no colour unless
 * {@code --color always}. {@code auto} asks the terminal's description how many colours it has
 * ({@code tput colors}, terminfo's count for {@code TERM}; {@code COLORTERM=truecolor} or
 * {@code 24bit} means all): none or a dumb terminal gets none, 8 ({@code TERM=linux}, xterm) the
 * 8 ANSI colours, 16 to 255 the 16, 256 and more everything.
 */
public enum ColorMode {
    NEVER, AUTO, ALWAYS;

    /** The mode named on the command line; a clear error for anything else. */
    public static ColorMode parse(String text) {
        for (ColorMode m : values()) {
            if (m.name().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("--color takes never, auto or always, not '" + text + "'");
    }

    /** The palette for this process's terminal. */
    public Palette palette() {
        return palette(System.getenv(), ColorMode::terminfoColors);
    }

    /**
     * @param env    the environment (TERM, COLORTERM, NO_COLOR)
     * @param colors the number of colours of a terminal type's description, -1 when unknown
     */
    public Palette palette(Map<String, String> env, ToIntFunction<String> colors) {
        if (this == NEVER) {
            return Palette.NONE;
        }
        String noColor = env.get("NO_COLOR");
        if (this == AUTO && noColor != null && !noColor.isEmpty()) {
            return Palette.NONE;
        }
        String term = env.getOrDefault("TERM", "");
        if (term.isEmpty() || term.equals("dumb")) {
            return this == ALWAYS ? Palette.ANSI16 : Palette.NONE;
        }
        String colorTerm = env.getOrDefault("COLORTERM", "").toLowerCase(Locale.ROOT);
        int n = colorTerm.equals("truecolor") || colorTerm.equals("24bit") ? 1 << 24 : colors.applyAsInt(term);
        if (n < 0) {
            n = term.contains("256color") || term.contains("direct") ? 256 : 8; // no terminfo: what TERM says
        }
        if (n >= 256) {
            return Palette.FULL;
        }
        if (n >= 16) {
            return Palette.ANSI16;
        }
        if (n >= 8) {
            return Palette.ANSI8;
        }
        return this == ALWAYS ? Palette.ANSI8 : Palette.NONE;
    }

    /** {@code tput -T TERM colors}: terminfo's count for {@code term} (0: none), or -1 when unknown or not had within 2 s. */
    static int terminfoColors(String term) {
        try {
            Process p = new ProcessBuilder("tput", "-T", term, "colors").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readNBytes(32), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue() == 0 ? Math.max(0, Integer.parseInt(out)) : -1; // tput says -1 for none
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
