package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.KeyReducer;

/** The help overlay: every key and what it does, in a box over the view. */
public final class HelpView {
    private HelpView() {
    }

    public static void draw(Canvas c, int row0, int rows) {
        int keyW = 20;
        int w = Math.min(c.width() - 2, 86);
        int col = Math.max(0, (c.width() - w) / 2);
        int row = row0;
        c.text(col, row++, Canvas.pad(" wiretop keys (any key closes)", w), TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW, SGR.BOLD);
        for (String[] k : KeyReducer.HELP) {
            if (row >= row0 + rows) {
                break;
            }
            c.text(col, row++, Canvas.pad("  " + Canvas.pad(k[0], keyW) + k[1], w), TextColor.ANSI.WHITE, TextColor.ANSI.BLUE);
        }
        if (row < row0 + rows) {
            c.text(col, row, Canvas.pad("", w), TextColor.ANSI.WHITE, TextColor.ANSI.BLUE);
        }
    }
}
