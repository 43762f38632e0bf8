package org.wiretop.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.CharacterPattern;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;

import java.util.List;

/**
 * The terminal's mouse reports in xterm's SGR form (mode 1006: {@code ESC [ < b ; x ; y M}, or
 * {@code m} for a release), decoded into Lanterna's {@link MouseAction}s. Lanterna itself only
 * reads the old X10 form, whose coordinates stop at column 223 and, read as UTF-8, break past
 * column 95: a 300-column terminal needs this one. Buttons as Lanterna numbers them: 1 left,
 * 2 middle, 3 right, 4 wheel up, 5 wheel down; positions from 0.
 */
public final class SgrMouse implements CharacterPattern {
    /** Button presses and releases (1000, with the wheel) reported in the SGR form (1006). */
    public static final String ENABLE = "\033[?1000h\033[?1006h";
    /** Turns both off again: written when the UI leaves, whatever way it leaves. */
    public static final String DISABLE = "\033[?1006l\033[?1000l";

    /** Longer than any report (three numbers of at most 5 digits): such input is not ours. */
    private static final int MAX_LENGTH = 24;

    @Override
    public Matching match(List<Character> seq) {
        int n = seq.size();
        if (n > MAX_LENGTH || seq.get(0) != '\033' || (n > 1 && seq.get(1) != '[') || (n > 2 && seq.get(2) != '<')) {
            return null;
        }
        int[] value = new int[3];
        int field = 0;
        boolean digits = false;
        for (int i = 3; i < n; i++) {
            char c = seq.get(i);
            if (c >= '0' && c <= '9') {
                if (value[field] > 99_999) {
                    return null;
                }
                value[field] = value[field] * 10 + (c - '0');
                digits = true;
            } else if (c == ';' && digits && field < 2) {
                field++;
                digits = false;
            } else if ((c == 'M' || c == 'm') && digits && field == 2 && i == n - 1) {
                MouseAction a = action(value[0], value[1] - 1, value[2] - 1, c == 'M');
                return a == null ? null : new Matching(a);
            } else {
                return null;
            }
        }
        return Matching.NOT_YET;
    }

    /** The action of a report: button code {@code b} at (x, y) from 0, pressed or released. */
    static MouseAction action(int b, int x, int y, boolean press) {
        if (x < 0 || y < 0) {
            return null;
        }
        TerminalPosition at = new TerminalPosition(x, y);
        if ((b & 64) != 0) {
            boolean up = (b & 3) == 0;
            return new MouseAction(up ? MouseActionType.SCROLL_UP : MouseActionType.SCROLL_DOWN, up ? 4 : 5, at);
        }
        int button = (b & 3) + 1;
        if ((b & 32) != 0) {
            return new MouseAction(button == 4 ? MouseActionType.MOVE : MouseActionType.DRAG, button, at);
        }
        return new MouseAction(press ? MouseActionType.CLICK_DOWN : MouseActionType.CLICK_RELEASE, button, at);
    }
}
