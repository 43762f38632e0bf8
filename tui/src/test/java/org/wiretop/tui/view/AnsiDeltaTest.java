package org.wiretop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.BasicTextImage;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.LineBuilder;

/**
 * The delta encoder, checked by replaying its bytes on a model terminal: starting from what the
 * terminal showed, the escape sequences must leave exactly the new frame, character and style.
 */
class AnsiDeltaTest {
    private static final int COLS = 40, ROWS = 12;
    private static final TextColor[] COLOURS = {TextColor.ANSI.DEFAULT, TextColor.ANSI.GREEN, TextColor.ANSI.CYAN,
            TextColor.ANSI.BLACK, TextColor.ANSI.WHITE, TextColor.ANSI.RED_BRIGHT};

    @Test
    void replayedDeltasRebuildEveryFrame() {
        Random random = new Random(42);
        BasicTextImage front = new BasicTextImage(COLS, ROWS);
        ModelTerminal terminal = new ModelTerminal(front);
        for (int frame = 0; frame < 200; frame++) {
            BasicTextImage back = new BasicTextImage(COLS, ROWS);
            front.copyTo(back);
            int changes = random.nextInt(frame % 10 == 0 ? COLS * ROWS : 30);
            for (int i = 0; i < changes; i++) {
                char c = random.nextInt(20) == 0 ? 'é' : (char) ('!' + random.nextInt(90));
                back.setCharacterAt(random.nextInt(COLS), random.nextInt(ROWS), new TextCharacter(c,
                        COLOURS[random.nextInt(COLOURS.length)], COLOURS[random.nextInt(COLOURS.length)],
                        random.nextBoolean() ? new SGR[] {SGR.BOLD} : new SGR[0]));
            }
            LineBuilder out = new LineBuilder();
            AnsiDelta.encode(back, front, COLS, ROWS, out);
            terminal.replay(out);
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    TextCharacter want = back.getCharacterAt(x, y);
                    assertEquals(want.getCharacterString(), terminal.text[y][x], "frame " + frame + " cell " + x + "," + y);
                    assertEquals(style(want), terminal.style[y][x], "frame " + frame + " cell " + x + "," + y);
                }
            }
            back.copyTo(front);
        }
    }

    @Test
    void unchangedCellsSendNothingAndRunsMoveOnce() {
        BasicTextImage front = new BasicTextImage(COLS, ROWS);
        BasicTextImage back = new BasicTextImage(COLS, ROWS);
        LineBuilder out = new LineBuilder();
        AnsiDelta.encode(back, front, COLS, ROWS, out);
        assertEquals("", out.toString());
        back.setCharacterAt(2, 3, new TextCharacter('a', TextColor.ANSI.GREEN, TextColor.ANSI.DEFAULT));
        back.setCharacterAt(3, 3, new TextCharacter('b', TextColor.ANSI.GREEN, TextColor.ANSI.DEFAULT));
        AnsiDelta.encode(back, front, COLS, ROWS, out);
        assertEquals("\u001b[4;3H\u001b[0;32;49mab\u001b[0m", out.toString());
    }

    /** The SGR parameters a cell of this style must be drawn with. */
    private static String style(TextCharacter c) {
        return "0;" + new String(c.getForegroundColor().getForegroundSGRSequence(), StandardCharsets.US_ASCII) + ";"
                + new String(c.getBackgroundColor().getBackgroundSGRSequence(), StandardCharsets.US_ASCII)
                + (c.isBold() ? ";1" : "");
    }

    /** Just enough of a VT100 to replay the encoder's output: cursor moves, SGR and text. */
    private static final class ModelTerminal {
        final String[][] text = new String[ROWS][COLS];
        final String[][] style = new String[ROWS][COLS];

        ModelTerminal(BasicTextImage initial) {
            for (int y = 0; y < ROWS; y++) {
                for (int x = 0; x < COLS; x++) {
                    text[y][x] = initial.getCharacterAt(x, y).getCharacterString();
                    style[y][x] = style(initial.getCharacterAt(x, y));
                }
            }
        }

        void replay(LineBuilder bytes) {
            String s = bytes.toString();
            int x = 0, y = 0;
            String sgr = "0";
            for (int i = 0; i < s.length(); ) {
                char c = s.charAt(i);
                if (c == 0x1b) {
                    int end = i + 2;
                    while (!Character.isLetter(s.charAt(end))) {
                        end++;
                    }
                    String params = s.substring(i + 2, end);
                    if (s.charAt(end) == 'H') {
                        String[] rc = params.split(";");
                        y = Integer.parseInt(rc[0]) - 1;
                        x = Integer.parseInt(rc[1]) - 1;
                    } else if (s.charAt(end) == 'm') {
                        sgr = params;
                    }
                    i = end + 1;
                    continue;
                }
                text[y][x] = String.valueOf(c);
                style[y][x] = sgr;
                x++;
                i++;
            }
        }
    }
}
