package org.wiretop.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.input.InputDecoder;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;
import com.googlecode.lanterna.input.DefaultKeyDecodingProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mouse as a pure function, and the terminal's SGR reports decoded as Lanterna reads input. */
class MouseReducerTest {
    private static UiState base() {
        UiState s = UiState.initial("any", "", 100, 14); // 10 list rows, from screen row 2
        s = s.withPackets(s.packets().withBounds(100, 200).home());
        return s.withConnections(s.connections().withBounds(0, 30));
    }

    private static MouseAction click(int x, int y) {
        return new MouseAction(MouseActionType.CLICK_DOWN, 1, new TerminalPosition(x, y));
    }

    private static UiState mouse(UiState s, MouseAction m) {
        return MouseReducer.reduce(s, m, false).state();
    }

    @Test
    void aClickSelectsTheRowUnderIt() {
        UiState s = mouse(base(), click(10, 2 + 4));
        assertEquals(104, s.packets().selected(), "fifth row on screen = item top + 4");
        assertFalse(s.packets().follow(), "a click stops following the newest");
        assertEquals(104, mouse(s, click(10, 1)).packets().selected(), "the header selects nothing");
        assertEquals(104, mouse(s, click(10, 12)).packets().selected(), "below the list: nothing");
        UiState few = base().withPackets(base().packets().withBounds(100, 103).home());
        assertEquals(100, mouse(few, click(3, 2 + 7)).packets().selected(), "past the last row: nothing");
        UiState conns = mouse(base().withView(View.CONNECTIONS), click(3, 2 + 2));
        assertEquals(2, conns.connections().selected(), "any table: Connections too");
    }

    @Test
    void aClickSelectsATransactionAndTheWheelScrollsThem() {
        UiState t = base().withView(View.TRANSACTIONS);
        t = t.withTxn(t.txn().cursor().withBounds(0, 30), t.txn().sort(), t.txn().descending());
        UiState s = mouse(t, click(10, 2 + 4));
        assertEquals(4, s.txn().cursor().selected(), "fifth row on screen");
        assertEquals(UiState.TxnSort.TIME, s.txn().sort(), "the order stays");
        int summary = 2 + t.txn().cursor().page(); // the line under the rows sums them up
        assertEquals(4, mouse(s, click(10, summary)).txn().cursor().selected(), "the summary line selects nothing");
        MouseAction down = new MouseAction(MouseActionType.SCROLL_DOWN, 5, new TerminalPosition(5, 5));
        assertEquals(4 + MouseReducer.WHEEL_ROWS, mouse(s, down).txn().cursor().selected());
    }

    @Test
    void aClickOnATabOpensItsView() {
        // "  1 Packets   2 Connections   3 Sockets   4 Servers": tabs from column 1, a blank between
        assertEquals(View.CONNECTIONS, mouse(base(), click(14, 0)).view());
        assertEquals(View.SOCKETS, mouse(base(), click(31, 0)).view());
        assertEquals(View.SERVERS, mouse(base(), click(45, 0)).view());
        assertEquals(View.PACKETS, mouse(base().withView(View.SERVERS), click(2, 0)).view());
        assertEquals(View.PACKETS, mouse(base(), click(90, 0)).view(), "past the tabs: nothing");
        assertNull(MouseReducer.tabAt(0));
        assertEquals(View.PACKETS, MouseReducer.tabAt(1));
        assertEquals(View.PACKETS, MouseReducer.tabAt(11));
        assertNull(MouseReducer.tabAt(12), "the blank between tabs");
        assertEquals(View.CONNECTIONS, MouseReducer.tabAt(13));
    }

    @Test
    void theWheelScrollsTheList() {
        MouseAction down = new MouseAction(MouseActionType.SCROLL_DOWN, 5, new TerminalPosition(5, 5));
        MouseAction up = new MouseAction(MouseActionType.SCROLL_UP, 4, new TerminalPosition(5, 5));
        UiState s = mouse(base(), down);
        assertEquals(100 + MouseReducer.WHEEL_ROWS, s.packets().selected());
        assertEquals(100, mouse(s, up).packets().selected());
        UiState follow = base().withFollow(UiState.Follow.of(100).scrolled(10, true));
        assertEquals(10 + MouseReducer.WHEEL_ROWS, mouse(follow, down).follow().top(), "the Follow view's lines");
        assertFalse(mouse(follow, up).follow().tail(), "scrolling stops keeping the newest in sight");
        UiState detail = base().withDetail(100, 2);
        assertEquals(3, mouse(detail, down).detailLayer(), "the detail's layers");
    }

    @Test
    void aDoubleClickOpensTheDetailThenTheFollowView() {
        UiState s = MouseReducer.reduce(base(), click(10, 2 + 3), true).state();
        assertTrue(s.detailOpen());
        assertEquals(103, s.detailPos(), "the detail of the row double-clicked");
        s = MouseReducer.reduce(s, click(10, 5), true).state();
        assertTrue(s.followOpen());
        assertEquals(103, s.follow().packetPos(), "the Follow view of the detail's packet");
    }

    @Test
    void otherButtonsReleasesAndInputLinesAreLeftAlone() {
        UiState s = base();
        assertEquals(s, mouse(s, new MouseAction(MouseActionType.CLICK_RELEASE, 1, new TerminalPosition(10, 5))));
        assertEquals(s, mouse(s, new MouseAction(MouseActionType.CLICK_DOWN, 3, new TerminalPosition(10, 5))));
        UiState typing = s.withPrompt(Prompt.of(Prompt.Kind.DISPLAY_FILTER, "tcp"));
        assertEquals(typing, mouse(typing, click(10, 5)));
        UiState help = s.withHelp(true);
        assertFalse(mouse(help, click(10, 5)).help(), "a click closes the help, as a key does");
    }

    @Test
    void doubleClicksAreTwoPressesOnARowWithin400Ms() {
        MouseClicks clicks = new MouseClicks();
        assertFalse(clicks.isDouble(click(10, 5), 1_000));
        assertTrue(clicks.isDouble(click(12, 5), 1_300), "same row, 300 ms");
        assertFalse(clicks.isDouble(click(12, 5), 1_350), "a third press starts a new pair");
        assertFalse(clicks.isDouble(click(12, 6), 1_400), "another row");
        assertFalse(clicks.isDouble(click(12, 6), 1_900), "too slow");
        assertFalse(clicks.isDouble(new MouseAction(MouseActionType.CLICK_RELEASE, 1, new TerminalPosition(12, 6)), 1_950));
        assertTrue(clicks.isDouble(click(12, 6), 2_000), "releases do not count");
    }

    /** What Lanterna's input decoder, given our pattern, makes of bytes a terminal sends. */
    private static List<KeyStroke> decode(String input) throws IOException {
        InputDecoder d = new InputDecoder(new StringReader(input));
        d.addProfile(new DefaultKeyDecodingProfile());
        d.addProfile(() -> List.of(new SgrMouse()));
        List<KeyStroke> out = new ArrayList<>();
        KeyStroke k;
        while ((k = d.getNextCharacter(false)) != null && k.getKeyType() != KeyType.EOF) {
            out.add(k);
        }
        return out;
    }

    @Test
    void sgrReportsDecodeAmongKeys() throws IOException {
        List<KeyStroke> keys = decode("a\033[<0;10;5M\033[<0;10;5m\033[<65;300;80M\033[<64;1;1Mq\033[A");
        assertEquals(7, keys.size(), keys.toString());
        assertEquals('a', keys.get(0).getCharacter());
        MouseAction press = assertInstanceOf(MouseAction.class, keys.get(1));
        assertEquals(MouseActionType.CLICK_DOWN, press.getActionType());
        assertEquals(1, press.getButton());
        assertEquals(new TerminalPosition(9, 4), press.getPosition(), "positions from 0");
        assertEquals(MouseActionType.CLICK_RELEASE, ((MouseAction) keys.get(2)).getActionType());
        MouseAction wheel = (MouseAction) keys.get(3);
        assertEquals(MouseActionType.SCROLL_DOWN, wheel.getActionType());
        assertEquals(new TerminalPosition(299, 79), wheel.getPosition(), "column 300: past X10's 223");
        assertEquals(MouseActionType.SCROLL_UP, ((MouseAction) keys.get(4)).getActionType());
        assertEquals('q', keys.get(5).getCharacter());
        assertEquals(KeyType.ArrowUp, keys.get(6).getKeyType(), "keys after a report decode as ever");
    }

    @Test
    void arrowsAndEscapeStillDecode() throws IOException {
        List<KeyStroke> keys = decode("\033[A\033[B");
        assertEquals(KeyType.ArrowUp, keys.get(0).getKeyType());
        assertEquals(KeyType.ArrowDown, keys.get(1).getKeyType());
        assertNull(new SgrMouse().match(List.of('\033', '[', '<', '1', 'x')), "not a report");
        assertNull(new SgrMouse().match(List.of('\033', '[', 'A')), "an arrow is not ours");
    }
}
