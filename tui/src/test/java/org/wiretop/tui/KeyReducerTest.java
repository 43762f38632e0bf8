package org.wiretop.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys as a pure function: reduce(state, key) → (state', command). */
class KeyReducerTest {
    private static UiState base() {
        UiState s = UiState.initial("any", "", 100, 14); // 10 list rows
        return s.withPackets(s.packets().withBounds(100, 200));
    }

    private static Step key(UiState s, char c) {
        return KeyReducer.reduce(s, new KeyStroke(c, false, false));
    }

    private static Step key(UiState s, KeyType t) {
        return KeyReducer.reduce(s, new KeyStroke(t));
    }

    private static UiState type(UiState s, String text) {
        for (char c : text.toCharArray()) {
            s = key(s, c).state();
        }
        return s;
    }

    @Test
    void quitKeys() {
        assertInstanceOf(Command.Quit.class, key(base(), 'q').command());
        assertInstanceOf(Command.Quit.class, KeyReducer.reduce(base(), new KeyStroke('c', true, false)).command());
        assertInstanceOf(Command.Quit.class, key(base(), KeyType.EOF).command());
        // Ctrl-C quits even while typing a filter
        UiState typing = key(base(), '/').state();
        assertInstanceOf(Command.Quit.class, KeyReducer.reduce(typing, new KeyStroke('c', true, false)).command());
        // 'q' typed into a prompt is text, not quit
        Step q = key(typing, 'q');
        assertNull(q.command());
        assertEquals("q", q.state().prompt().text());
    }

    @Test
    void followsTheNewestUntilTheUserScrolls() {
        UiState s = base();
        assertTrue(s.packets().follow());
        assertEquals(199, s.packets().selected());
        assertEquals(190, s.packets().top());
        s = key(s, KeyType.ArrowUp).state();
        assertFalse(s.packets().follow());
        assertEquals(198, s.packets().selected());
        // new packets arrive: the selection stays on its packet
        s = s.withPackets(s.packets().withBounds(150, 300));
        assertEquals(198, s.packets().selected());
        s = key(s, KeyType.End).state();
        assertTrue(s.packets().follow());
        assertEquals(299, s.packets().selected());
        s = s.withPackets(s.packets().withBounds(150, 400));
        assertEquals(399, s.packets().selected(), "End follows new packets again");
    }

    @Test
    void pagingAndHome() {
        UiState s = key(base(), KeyType.PageUp).state();
        assertEquals(199 - 9, s.packets().selected());
        s = key(s, KeyType.Home).state();
        assertEquals(100, s.packets().selected());
        assertEquals(100, s.packets().top());
        s = key(s, KeyType.ArrowUp).state();
        assertEquals(100, s.packets().selected(), "stops at the first row");
        s = key(s, KeyType.PageDown).state();
        assertEquals(109, s.packets().selected());
        assertTrue(s.packets().top() <= 109 && 109 < s.packets().top() + 10, "selection stays on screen");
        // old packets leave the ring: the selection moves to the oldest still held
        s = s.withPackets(s.packets().withBounds(150, 200));
        assertEquals(150, s.packets().selected());
    }

    @Test
    void spacePausesEnterOpensDetailEscCloses() {
        UiState s = key(base(), ' ').state();
        assertTrue(s.paused());
        assertFalse(key(s, ' ').state().paused());
        s = key(s, KeyType.ArrowUp).state();
        s = key(s, KeyType.Enter).state();
        assertEquals(198, s.detailPos());
        s = key(s, KeyType.ArrowDown).state();
        assertEquals(1, s.detailLayer());
        s = key(s, KeyType.Escape).state();
        assertFalse(s.detailOpen());
    }

    @Test
    void fFollowsTheSelectedPacketsStreamXTogglesHexEscGoesBack() {
        UiState s = key(key(base(), KeyType.ArrowUp).state(), 'f').state();
        assertEquals(198, s.follow().packetPos());
        assertFalse(s.follow().hex());
        s = key(s, 'x').state();
        assertTrue(s.follow().hex());
        s = key(key(key(s, KeyType.ArrowDown).state(), KeyType.ArrowDown).state(), KeyType.ArrowUp).state();
        assertEquals(1, s.follow().top());
        assertFalse(s.follow().tail());
        s = key(s, KeyType.End).state();
        assertTrue(s.follow().tail(), "End keeps the newest lines in sight");
        s = key(s, KeyType.PageUp).state();
        assertFalse(s.follow().tail());
        assertEquals(0, key(s, KeyType.Home).state().follow().top());
        s = key(s, KeyType.Escape).state();
        assertFalse(s.followOpen());
        assertEquals(198, s.packets().selected(), "back on the packet followed");
        // from a packet's detail: Esc goes back to the detail
        s = key(key(s, KeyType.Enter).state(), 'f').state();
        assertEquals(198, s.follow().packetPos());
        s = key(s, KeyType.Escape).state();
        assertFalse(s.followOpen());
        assertTrue(s.detailOpen());
        // another view closes it
        assertFalse(key(key(s, 'f').state(), '2').state().followOpen());
    }

    @Test
    void viewsByNumberAndTab() {
        assertEquals(View.SOCKETS, key(base(), '3').state().view());
        assertEquals(View.TRANSACTIONS, key(base(), '5').state().view());
        UiState s = base();
        for (View expected : new View[]{View.CONNECTIONS, View.SOCKETS, View.SERVERS, View.TRANSACTIONS, View.PACKETS}) {
            s = key(s, KeyType.Tab).state();
            assertEquals(expected, s.view());
        }
    }

    @Test
    void displayFilterPromptKeepsTheOldFilterUntilApplied() {
        UiState s = base().withDisplayFilter("udp");
        s = key(s, '/').state();
        assertEquals("udp", s.prompt().text(), "the prompt starts from the filter in force");
        s = key(s, KeyType.Backspace).state();
        s = key(s, KeyType.Backspace).state();
        s = key(s, KeyType.Backspace).state();
        s = type(s, "tcp.port == 1");
        Step enter = key(s, KeyType.Enter);
        assertEquals(new Command.ApplyDisplayFilter("tcp.port == 1"), enter.command());
        assertNull(enter.state().prompt());
        assertEquals("udp", enter.state().displayFilter(), "the app sets the filter only once it compiles");
        // Esc cancels
        UiState cancelled = key(key(base(), '/').state(), KeyType.Escape).state();
        assertNull(cancelled.prompt());
    }

    @Test
    void captureInterfaceAndSaveCommands() {
        UiState s = type(key(base(), 'c').state(), "port 80");
        assertEquals(new Command.RestartCapture("port 80"), key(s, KeyType.Enter).command());
        s = key(base(), 'i').state();
        assertEquals("any", s.prompt().text());
        for (int i = 0; i < 3; i++) {
            s = key(s, KeyType.Backspace).state();
        }
        assertEquals(new Command.SwitchInterface("lo"), key(type(s, "lo"), KeyType.Enter).command());
        s = key(base(), 'w').state();
        assertEquals(Prompt.Kind.SAVE, s.prompt().kind());
        assertEquals(new Command.SaveRing("wiretop.pcap"), key(s, KeyType.Enter).command());
    }

    @Test
    void serversToggleAndQuickClient() {
        UiState s = key(base(), '4').state();
        s = s.withServers(s.servers().withBounds(0, 5));
        s = key(s, KeyType.ArrowDown).state();
        assertEquals(new Command.ToggleServer(1), key(s, ' ').command());
        s = key(s, KeyType.Enter).state();
        assertEquals(Prompt.Kind.CLIENT, s.prompt().kind());
        assertEquals(new Command.SendToServer(1, "hi q"), key(type(s, "hi q"), KeyType.Enter).command());
    }

    @Test
    void connectionsSortAndGroup() {
        UiState s = key(base(), '2').state();
        assertEquals(UiState.ConnColumn.BYTES_IN, s.connSort());
        s = key(s, 's').state();
        assertEquals(UiState.ConnColumn.RATE, s.connSort());
        assertTrue(s.connDescending());
        assertFalse(key(s, 'r').state().connDescending());
        s = key(s, 'g').state();
        assertEquals(UiState.ConnGroup.PROCESS, s.connGroup());
        assertEquals(UiState.ConnGroup.REMOTE_HOST, key(s, 'g').state().connGroup());
    }

    @Test
    void socketsFilterCycles() {
        UiState s = key(base(), '3').state();
        s = key(s, 't').state();
        assertEquals(UiState.SockProto.TCP, s.sockProto());
        s = key(s, 's').state();
        assertEquals("LISTEN", s.sockState());
        assertEquals(UiState.SockProto.UDP, key(s, 't').state().sockProto());
    }

    @Test
    void helpOpensAndAnyKeyClosesIt() {
        UiState s = key(base(), '?').state();
        assertTrue(s.help());
        Step next = key(s, 'q');
        assertFalse(next.state().help());
        assertNull(next.command(), "the key that closes help does nothing else");
    }

    @Test
    void messageIsClearedByTheNextKey() {
        UiState s = base().withMessage("saved 3 packets to x.pcap");
        assertEquals("", key(s, KeyType.ArrowUp).state().message());
    }
}
