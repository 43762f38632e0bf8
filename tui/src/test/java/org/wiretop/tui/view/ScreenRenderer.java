package org.wiretop.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import org.wiretop.tui.UiState;
import org.wiretop.tui.model.Frame;

import java.io.IOException;

/** Paints a frame on Lanterna's virtual terminal, as the app does on a real one, and reads it back. */
final class ScreenRenderer {
    final DefaultVirtualTerminal terminal;

    private ScreenRenderer(DefaultVirtualTerminal terminal) {
        this.terminal = terminal;
    }

    static ScreenRenderer paint(Frame f, UiState s) throws IOException {
        return paint(f, s, Palette.FULL);
    }

    /** As the app paints with {@code --color} resolved to {@code palette}. */
    static ScreenRenderer paint(Frame f, UiState s, Palette palette) throws IOException {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(s.width(), s.height()));
        TerminalScreen screen = new TerminalScreen(vt);
        screen.startScreen();
        ScreenPainter.paint(screen.newTextGraphics(), f, s, palette);
        screen.refresh();
        return new ScreenRenderer(vt);
    }

    TextCharacter at(int col, int row) {
        return terminal.getCharacter(col, row);
    }

    /**
     * The screen's attributes, one character a cell and a line a row (trailing blanks cut), for
     * golden screens without colour: {@code .} plain, {@code r} reverse, {@code b} bold,
     * {@code R} reverse and bold, {@code u} anything else underlined; {@code C} a cell with a
     * colour (which a screen without colour must not have).
     */
    String attributes() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                line.append(attribute(terminal.getCharacter(c, r)));
            }
            b.append(line.toString().replaceAll("\\.+$", "")).append('\n');
        }
        return b.toString();
    }

    private static char attribute(TextCharacter t) {
        if (t.getForegroundColor() != TextColor.ANSI.DEFAULT || t.getBackgroundColor() != TextColor.ANSI.DEFAULT) {
            return 'C';
        }
        if (t.isUnderlined() || t.isBlinking() || t.isItalic() || t.isCrossedOut()) {
            return 'u';
        }
        return t.isReversed() ? (t.isBold() ? 'R' : 'r') : (t.isBold() ? 'b' : '.');
    }

    /** The screen as text: one line a row, trailing blanks cut. */
    String text() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                line.append(terminal.getCharacter(c, r).getCharacterString());
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }
}
