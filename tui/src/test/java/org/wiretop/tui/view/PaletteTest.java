package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.LineBuilder;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each palette makes of the views' colours, down to the escape sequences the terminal gets
 * (through {@link AnsiDelta}, as the app writes them): none for no colour, only 30-37/40-47
 * for 8 colours, no 256-colour index or RGB for 16.
 */
class PaletteTest {
    private static final Pattern SGR_SEQUENCE = Pattern.compile("\033\\[([0-9;]*)m");

    /** The SGR parameters the terminal receives for one screen painted in {@code palette}. */
    private static String sequences(Palette palette) throws Exception {
        var back = new com.googlecode.lanterna.graphics.BasicTextImage(200, 50);
        var front = new com.googlecode.lanterna.graphics.BasicTextImage(200, 50);
        ScreenPainter.paint(back.newTextGraphics(), Canned.frame(Canned.status(true, "a banner")),
                Canned.state().withSize(200, 50), palette);
        // and what the graphs may use: a 256-colour index and an RGB colour
        Canvas c = new Canvas(back.newTextGraphics(), palette);
        c.text(0, 45, "indexed", new TextColor.Indexed(196), new TextColor.Indexed(21));
        c.text(10, 45, "rgb", new TextColor.RGB(250, 250, 0), new TextColor.RGB(0, 0, 0));
        LineBuilder out = new LineBuilder(1 << 16);
        AnsiDelta.encode(back, front, 200, 50, out);
        return new String(out.array(), 0, out.length(), StandardCharsets.UTF_8);
    }

    private static void eachParameter(String frame, java.util.function.IntConsumer check) {
        Matcher m = SGR_SEQUENCE.matcher(frame);
        int n = 0;
        while (m.find()) {
            n++;
            String[] p = m.group(1).split(";");
            for (int i = 0; i < p.length; i++) {
                if (p[i].equals("38") || p[i].equals("48")) {
                    check.accept(-1); // an extended colour: 38;5;N or 38;2;R;G;B
                    i = p.length;
                } else if (!p[i].isEmpty()) {
                    check.accept(Integer.parseInt(p[i]));
                }
            }
        }
        assertTrue(n > 10, "styles were written");
    }

    @Test
    void noColourWritesNoColourAtAll() throws Exception {
        eachParameter(sequences(Palette.NONE), p -> assertTrue(p == 0 || p == 39 || p == 49 || p == 1 || p == 7,
                "no colour, only reset, default colours, bold and reverse: " + p));
    }

    @Test
    void eightColoursStayWithinThirtyToFortySeven() throws Exception {
        eachParameter(sequences(Palette.ANSI8), p -> assertTrue(p >= 0 && p < 50,
                "8 colours (TERM=linux): no bright 90-107, no index, no RGB: " + p));
    }

    @Test
    void sixteenColoursHaveNoIndexNorRgb() throws Exception {
        boolean[] bright = new boolean[1];
        eachParameter(sequences(Palette.ANSI16), p -> {
            assertTrue(p >= 0, "no 256-colour index or RGB on a 16-colour terminal");
            bright[0] |= p >= 90;
        });
        assertTrue(bright[0], "the bright colours are kept on 16");
        String full = sequences(Palette.FULL);
        assertTrue(full.contains("38;5;196"), "the full palette passes an index through");
    }

    @Test
    void mappings() {
        TextColor.ANSI red = Palette.nearest(new TextColor.Indexed(196));
        assertTrue(red == TextColor.ANSI.RED || red == TextColor.ANSI.RED_BRIGHT, "index 196 is a red: " + red);
        assertEquals(TextColor.ANSI.YELLOW_BRIGHT, Palette.nearest(new TextColor.RGB(TextColor.ANSI.YELLOW_BRIGHT.getRed(),
                TextColor.ANSI.YELLOW_BRIGHT.getGreen(), TextColor.ANSI.YELLOW_BRIGHT.getBlue())));
        assertEquals(TextColor.ANSI.BLUE, Palette.nearest(new TextColor.RGB(0, 0, 150)));
        TextCharacter bright = Palette.ANSI8.glyphs(TextColor.ANSI.RED_BRIGHT, null).of('x');
        assertEquals(TextColor.ANSI.RED, bright.getForegroundColor());
        assertTrue(bright.isBold(), "a bright foreground is bold red on 8 colours");
        TextCharacter bar = Palette.NONE.glyphs(TextColor.ANSI.WHITE, TextColor.ANSI.BLUE).of('x');
        assertEquals(TextColor.ANSI.DEFAULT, bar.getForegroundColor());
        assertTrue(bar.isReversed() && !bar.isBold(), "a coloured background is reverse video");
        TextCharacter problem = Palette.NONE.glyphs(TextColor.ANSI.RED_BRIGHT, TextColor.ANSI.BLACK).of('x');
        assertFalse(problem.isReversed(), "a black background is no mark");
        TextCharacter selected = Palette.NONE.glyphs(TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD).of('x');
        assertTrue(selected.isReversed() && selected.isBold(), "the selection: reverse and bold");
    }
}
