package org.wiretop.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Statistics view's keys and the Connections detail pane's. */
class GraphKeysTest {
    private static UiState press(UiState s, char c) {
        return KeyReducer.reduce(s, new KeyStroke(c, false, false)).state();
    }

    private static UiState press(UiState s, KeyType t) {
        return KeyReducer.reduce(s, new KeyStroke(t)).state();
    }

    @Test
    void sixOpensStatisticsWhereWindowUnitAndStackingSwitch() {
        UiState s = press(UiState.initial("lo", "", 80, 24), '6');
        assertEquals(View.STATS, s.view());
        assertEquals(GraphChoice.Window.MINUTE, s.graphs().window());
        s = press(s, 'z');
        assertEquals(GraphChoice.Window.TEN_MINUTES, s.graphs().window());
        s = press(press(s, 'z'), 'z');
        assertEquals(GraphChoice.Window.MINUTE, s.graphs().window(), "1 h then back to 60 s");
        assertTrue(s.graphs().bytes());
        assertFalse(press(s, 'b').graphs().bytes());
        assertFalse(press(s, 's').graphs().stacked());
        UiState total = press(s, 't');
        assertFalse(total.graphs().perProtocol());
        assertTrue(press(total, 's').graphs().perProtocol(), "s from the total shows the protocols again");
        assertEquals(View.PACKETS, press(s, '1').view());
        assertEquals(View.STATS, press(press(s, '5'), KeyType.Tab).view(), "Tab after Transactions");
    }

    @Test
    void enterOpensTheConnectionDetailAndEnterOrEscCloseIt() {
        UiState s = press(UiState.initial("lo", "", 80, 24), '2');
        s = s.withConnections(s.connections().withBounds(0, 3));
        UiState open = press(s, KeyType.Enter);
        assertTrue(open.graphs().connDetail());
        assertFalse(press(open, KeyType.Enter).graphs().connDetail());
        assertFalse(press(open, KeyType.Escape).graphs().connDetail());
        assertFalse(press(open, '3').graphs().connDetail(), "another view closes it");
        assertFalse(press(press(UiState.initial("lo", "", 80, 24), '2'), KeyType.Enter).graphs().connDetail(),
                "nothing to show without a connection");
        UiState grouped = s.withConnSort(s.connSort(), s.connDescending(), UiState.ConnGroup.PROCESS);
        assertFalse(press(grouped, KeyType.Enter).graphs().connDetail(), "a process group is not a connection");
    }
}
