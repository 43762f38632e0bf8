package org.wiretop.tui.view;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.GraphChoice;
import org.wiretop.tui.KeyReducer;
import org.wiretop.tui.MouseReducer;
import org.wiretop.tui.StatsTables;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.model.Frame;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Statistics view's tables under the mouse, as painted: a click on a line of the protocol
 * hierarchy, the top endpoints or the top conversations selects it (drawn as the other views draw
 * their selection), the wheel scrolls the table under the pointer, and ← → and the arrows do the
 * same from the keyboard; at each of the view's layouts (stacked at 80 columns, side by side at
 * 120, beside the graph at 200).
 */
class StatsTablesMouseTest {
    private static final Frame FRAME = GraphScreensTest.frame(GraphScreensTest.graphs(true, GraphChoice.DEFAULT, null));

    /** The state at this size with the tables' lengths known, as the live model gives them. */
    private static UiState state(int w, int h) {
        UiState s = GraphScreensTest.state(View.STATS, w, h, GraphChoice.DEFAULT);
        return s.withStatsTables(s.statsTables().fitted(new int[]{8, 3, 2}, new int[]{1, 1, 1}));
    }

    private static UiState click(UiState s, TerminalPosition at) {
        return MouseReducer.reduce(s, new MouseAction(MouseActionType.CLICK_DOWN, 1, at), false).state();
    }

    /** Where {@code text} starts on the screen painted from {@code s}. */
    private static TerminalPosition find(UiState s, String text) throws IOException {
        String[] lines = ScreenRenderer.paint(FRAME, s).text().split("\n");
        for (int row = 0; row < lines.length; row++) {
            int col = lines[row].indexOf(text);
            if (col >= 0) {
                return new TerminalPosition(col, row);
            }
        }
        throw new AssertionError(text + " not on the screen:\n" + String.join("\n", lines));
    }

    private static boolean highlighted(UiState s, TerminalPosition at) throws IOException {
        return ScreenRenderer.paint(FRAME, s).at(at.getColumn(), at.getRow()).getBackgroundColor() == TextColor.ANSI.CYAN;
    }

    @Test
    void aClickSelectsALineOfEachTable() throws IOException {
        for (int[] wh : new int[][]{{80, 24}, {120, 30}, {200, 50}}) {
            String where = wh[0] + "x" + wh[1];
            UiState s = state(wh[0], wh[1]);
            assertNull(s.statsTables().focus(), "no table picked while the user only watches");
            TerminalPosition conv = find(s, "10.0.0.2 <-> 10.0.0.53");
            assertTrue(!highlighted(s, conv), where + ": nothing highlighted before a click");
            s = click(s, conv.withRelativeColumn(3));
            assertEquals(StatsTables.Table.CONVERSATIONS, s.statsTables().focus(), where);
            assertEquals(1, s.statsTables().cursor(StatsTables.Table.CONVERSATIONS).selected(), where);
            assertTrue(highlighted(s, conv), where + ": the line clicked shows as selected");

            TerminalPosition tcp = find(s, "    tcp ");
            s = click(s, tcp);
            assertEquals(StatsTables.Table.HIERARCHY, s.statsTables().focus(), where);
            assertEquals(2, s.statsTables().cursor(StatsTables.Table.HIERARCHY).selected(), where + ": eth, ip, tcp");
            assertTrue(highlighted(s, tcp) && !highlighted(s, conv), where + ": one selection on the screen");

            UiState graph = click(s, new TerminalPosition(20, 4));
            assertEquals(s, graph, where + ": a click on the graph changes nothing");
        }
    }

    @Test
    void theWheelScrollsTheTableUnderThePointer() throws IOException {
        UiState s = state(80, 24); // the hierarchy shows 3 of its 8 lines
        TerminalPosition eth = find(s, "eth ");
        MouseAction down = new MouseAction(MouseActionType.SCROLL_DOWN, 5, eth);
        s = MouseReducer.reduce(s, down, false).state();
        assertEquals(StatsTables.Table.HIERARCHY, s.statsTables().focus());
        assertEquals(3, s.statsTables().cursor(StatsTables.Table.HIERARCHY).selected());
        String[] lines = ScreenRenderer.paint(FRAME, s).text().split("\n");
        assertTrue(lines[eth.getRow()].startsWith("  ip "), "scrolled by a line: " + lines[eth.getRow()]);
        TerminalPosition tls = find(s, "      tls");
        assertEquals(eth.getRow() + 2, tls.getRow(), "the selection on the table's last line");
        assertTrue(highlighted(s, tls));
    }

    @Test
    void arrowsPickATableAndMoveInIt() {
        UiState s = state(80, 24);
        s = KeyReducer.reduce(s, new KeyStroke(KeyType.ArrowDown)).state();
        assertEquals(StatsTables.Table.HIERARCHY, s.statsTables().focus(), "the first table when none is picked");
        assertEquals(1, s.statsTables().cursor(StatsTables.Table.HIERARCHY).selected());
        s = KeyReducer.reduce(s, new KeyStroke(KeyType.ArrowRight)).state();
        assertEquals(StatsTables.Table.ENDPOINTS, s.statsTables().focus());
        s = KeyReducer.reduce(s, new KeyStroke(KeyType.End)).state();
        assertEquals(2, s.statsTables().cursor(StatsTables.Table.ENDPOINTS).selected(), "the last endpoint");
        s = KeyReducer.reduce(s, new KeyStroke(KeyType.ArrowLeft)).state();
        s = KeyReducer.reduce(s, new KeyStroke(KeyType.ArrowLeft)).state();
        assertEquals(StatsTables.Table.CONVERSATIONS, s.statsTables().focus(), "round the tables");
        assertEquals(1, s.statsTables().cursor(StatsTables.Table.HIERARCHY).selected(), "each table keeps its selection");
    }
}
