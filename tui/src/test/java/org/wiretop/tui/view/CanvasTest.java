package org.wiretop.tui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import org.junit.jupiter.api.Test;

/** Text cell by cell: control characters shown as '.', wide characters two columns, cut at the edge. */
class CanvasTest {
    @Test
    void controlWideAndEdge() throws Exception {
        TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(8, 2)));
        screen.startScreen();
        Canvas c = new Canvas(screen.newTextGraphics());
        c.text(0, 0, "a\t\u4e2db\u00e9xyz", TextColor.ANSI.GREEN, null, SGR.BOLD);
        assertEquals("a", screen.getBackCharacter(0, 0).getCharacterString());
        assertEquals(".", screen.getBackCharacter(1, 0).getCharacterString()); // the tab
        assertEquals("\u4e2d", screen.getBackCharacter(2, 0).getCharacterString());
        assertEquals("b", screen.getBackCharacter(4, 0).getCharacterString()); // after two columns
        assertEquals("\u00e9", screen.getBackCharacter(5, 0).getCharacterString());
        assertEquals("y", screen.getBackCharacter(7, 0).getCharacterString()); // "z" falls off the edge
        assertEquals(TextColor.ANSI.GREEN, screen.getBackCharacter(0, 0).getForegroundColor());
        assertEquals(true, screen.getBackCharacter(5, 0).isBold());
    }
}
