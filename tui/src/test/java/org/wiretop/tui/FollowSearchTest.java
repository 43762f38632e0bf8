package org.wiretop.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.model.FollowModel;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search in the Follow view: the keys, and the matches in a real conversation's text and hex lines. */
class FollowSearchTest {
    private static List<FollowModel.Line> lines(boolean hex) {
        FollowScan scan = new FollowScan(FollowRings.http(), 5);
        scan.advance(1000);
        return scan.lines().lines(hex, 80);
    }

    private static int lineOf(List<FollowModel.Line> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).text().startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line " + start + " in " + lines);
    }

    @Test
    void nextAndPreviousMatchInTheText() {
        List<FollowModel.Line> text = lines(false);
        int host = lineOf(text, "Host: "), type = lineOf(text, "Content-Type: "), length = lineOf(text, "Content-Length: ");
        assertEquals(host, FollowSearch.find(text, "host", 0, FollowSearch.Seek.FIRST, false), "smartcase: host finds Host");
        assertEquals(-1, FollowSearch.find(text, "HOST", 0, FollowSearch.Seek.FIRST, false), "a capital: case counts");
        assertEquals(type, FollowSearch.find(text, "Content", 0, FollowSearch.Seek.FIRST, false));
        assertEquals(length, FollowSearch.find(text, "Content", type, FollowSearch.Seek.NEXT, false));
        assertEquals(type, FollowSearch.find(text, "Content", length, FollowSearch.Seek.PREVIOUS, false));
        assertEquals(type, FollowSearch.find(text, "Content", length, FollowSearch.Seek.NEXT, false), "wraps at the end");
        assertEquals(length, FollowSearch.find(text, "Content", type, FollowSearch.Seek.PREVIOUS, false), "and at the start");
        assertEquals(-1, FollowSearch.find(text, "absent", 0, FollowSearch.Seek.NEXT, false));
    }

    @Test
    void theHexDumpsTextIsSearchedToo() {
        List<FollowModel.Line> hex = lines(true);
        int agent = lineOf(hex, "00000030");
        assertEquals(agent, FollowSearch.find(hex, "curl", 0, FollowSearch.Seek.FIRST, true),
                "'cu rl' in the dump's text column is curl");
        assertEquals(agent, FollowSearch.find(hex, "curl/7.88.1", 0, FollowSearch.Seek.FIRST, true),
                "a match running on into the next line is found on its first");
        assertEquals(-1, FollowSearch.find(hex, "curl", 0, FollowSearch.Seek.FIRST, false), "as text it is cut");
        List<int[]> spans = FollowSearch.spans(hex.get(agent), "curl", true);
        assertEquals(8, spans.size(), "4 characters, each in the text column and in the hex digits");
        String l = hex.get(agent).text();
        StringBuilder marked = new StringBuilder();
        for (int[] sp : spans) {
            marked.append(l, sp[0], sp[0] + sp[1]).append(' ');
        }
        assertEquals("c 63 u 75 r 72 l 6c ", marked.toString(), "the highlighted cells: " + l);
        long bytes = FollowSearch.find(hex, "48 54 54 50", 0, FollowSearch.Seek.FIRST, true);
        assertEquals(lineOf(hex, "00000010"), bytes, "hex digits as shown: the request's HTTP/1.1");
    }

    @Test
    void slashEnterNAndShiftN() {
        UiState s = UiState.initial("lo", "", 100, 30).withFollow(UiState.Follow.of(5));
        s = KeyReducer.reduce(s, new KeyStroke('/', false, false)).state();
        assertEquals(Prompt.Kind.FOLLOW_SEARCH, s.prompt().kind(), "/ searches the stream, not a display filter");
        for (char c : "Content".toCharArray()) {
            s = KeyReducer.reduce(s, new KeyStroke(c, false, false)).state();
        }
        Step enter = KeyReducer.reduce(s, new KeyStroke(KeyType.Enter));
        assertNull(enter.command(), "nothing for the app to do: the next snapshot jumps");
        s = enter.state();
        assertNull(s.prompt());
        assertEquals("Content", s.follow().search());
        assertEquals(FollowSearch.Seek.FIRST, s.follow().seek());
        s = s.withFollow(s.follow().scrolled(7, false));
        assertEquals(FollowSearch.Seek.NEXT, KeyReducer.reduce(s, new KeyStroke('n', false, false)).state().follow().seek());
        assertEquals(FollowSearch.Seek.PREVIOUS, KeyReducer.reduce(s, new KeyStroke('N', false, false)).state().follow().seek());
        assertEquals("Content", KeyReducer.reduce(s, new KeyStroke('x', false, false)).state().follow().search(),
                "the search stays in hex");
        UiState closed = KeyReducer.reduce(s, new KeyStroke(KeyType.Escape)).state();
        assertNull(closed.follow(), "Esc closes the view and its search");
        UiState packets = KeyReducer.reduce(UiState.initial("lo", "", 100, 30), new KeyStroke('/', false, false)).state();
        assertEquals(Prompt.Kind.DISPLAY_FILTER, packets.prompt().kind(), "elsewhere / is the display filter");
    }
}
