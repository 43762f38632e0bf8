package org.wiretop.tui;

import org.junit.jupiter.api.Test;
import org.wiretop.tui.view.Palette;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** --color and the environment to a palette; the terminal descriptions are the installed terminfo's (tput). */
class ColorModeTest {
    private static Palette auto(String... env) {
        return palette(ColorMode.AUTO, env);
    }

    private static Palette palette(ColorMode mode, String... env) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < env.length; i += 2) {
            m.put(env[i], env[i + 1]);
        }
        return mode.palette(m, ColorMode::terminfoColors);
    }

    @Test
    void whatTheTerminalDescriptionSays() {
        assertEquals(8, ColorMode.terminfoColors("linux"), "tput -T linux colors (ncurses-bin)");
        assertEquals(Palette.ANSI8, auto("TERM", "linux"), "the Linux console: 8 colours, bright as bold");
        assertEquals(Palette.ANSI8, auto("TERM", "xterm"));
        assertEquals(Palette.FULL, auto("TERM", "xterm-256color"));
        assertEquals(Palette.FULL, auto("TERM", "xterm", "COLORTERM", "truecolor"));
        assertEquals(Palette.NONE, auto("TERM", "vt100"), "no colours in its description");
        assertEquals(Palette.NONE, auto("TERM", "dumb"));
        assertEquals(Palette.NONE, auto());
        assertEquals(-1, ColorMode.terminfoColors("no-such-terminal"));
        assertEquals(Palette.FULL, auto("TERM", "no-such-256color"), "unknown to terminfo: what its name says");
        assertEquals(Palette.ANSI16, ColorMode.AUTO.palette(Map.of("TERM", "x"), t -> 16));
    }

    @Test
    void noColorAndTheFlag() {
        assertEquals(Palette.NONE, auto("TERM", "xterm-256color", "NO_COLOR", "1"), "no-color.org");
        assertEquals(Palette.FULL, auto("TERM", "xterm-256color", "NO_COLOR", ""), "set but empty: ignored");
        assertEquals(Palette.FULL, palette(ColorMode.ALWAYS, "TERM", "xterm-256color", "NO_COLOR", "1"),
                "--color always wins over NO_COLOR");
        assertEquals(Palette.NONE, palette(ColorMode.NEVER, "TERM", "xterm-256color"));
        assertEquals(Palette.ANSI16, palette(ColorMode.ALWAYS, "TERM", "dumb"));
        assertEquals(Palette.ANSI8, palette(ColorMode.ALWAYS, "TERM", "vt100"));
        assertEquals(ColorMode.NEVER, ColorMode.parse("never"));
        assertEquals(ColorMode.ALWAYS, ColorMode.parse("Always"));
        assertEquals("--color takes never, auto or always, not 'sometimes'",
                assertThrows(IllegalArgumentException.class, () -> ColorMode.parse("sometimes")).getMessage());
    }
}
