package org.wiretop.tui.view;

import com.googlecode.lanterna.input.KeyStroke;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.FollowRings;
import org.wiretop.tui.FollowScan;
import org.wiretop.tui.KeyReducer;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.GraphChoice;
import org.wiretop.tui.model.FollowModel;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.StatusInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every view painted as {@code --color never} (or {@code NO_COLOR}) paints it, at 80×24 and
 * 200×50, compared with golden screens that hold the text and each cell's attributes (see
 * {@link ScreenRenderer#attributes()}): a colour leaking into a screen without colour fails, and
 * so does a selection that no longer shows (reverse and bold). Rewrite the goldens with
 * {@code -Dwiretop.updateGolden=true}, as for {@link GoldenScreensTest}.
 */
class NoColourScreensTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final int[][] SIZES = {{80, 24}, {200, 50}};

    private static ScreenRenderer check(String view, Frame f, UiState s) throws IOException {
        ScreenRenderer r = ScreenRenderer.paint(f, s, Palette.NONE);
        String attributes = r.attributes();
        assertFalse(attributes.contains("C"), "a colour on a screen without colour (" + view + "):\n" + attributes);
        String actual = r.text() + "--- attributes (. plain, r reverse, b bold, R reverse bold)\n" + attributes;
        Path file = GOLDEN.resolve("nocolor-" + view + "-" + s.width() + "x" + s.height() + ".txt");
        if (Boolean.getBoolean("wiretop.updateGolden")) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        } else if (!Files.exists(file)) {
            fail("no golden screen " + file + ": create it with -Dwiretop.updateGolden=true");
        } else {
            assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "screen differs from " + file);
        }
        return r;
    }

    private static Frame canned() {
        return Canned.frame(Canned.status(false, ""));
    }

    /** The row of the selection (bold reverse from column 1) and the header above the rows (reverse, not bold). */
    private static void selectionShows(ScreenRenderer r, int selectedRow) {
        String[] a = r.attributes().split("\n");
        assertTrue(a[1].startsWith("rrrr"), "the header is reverse video: " + a[1]);
        assertTrue(a[selectedRow].startsWith("RRRR"), "the selected row is reverse and bold: " + a[selectedRow]);
        for (int row = 2; row < a.length - 2; row++) {
            if (row != selectedRow) {
                assertFalse(a[row].startsWith("R"), "only the selected row is reverse and bold: row " + row);
            }
        }
    }

    @Test
    void packets() throws IOException {
        for (int[] wh : SIZES) {
            UiState s = Canned.state().withSize(wh[0], wh[1]);
            s = s.withPackets(s.packets().move(-2)); // frame 43
            ScreenRenderer r = check("packets", canned(), s);
            selectionShows(r, 2 + 3);
            String[] attrs = r.attributes().split("\n");
            assertTrue(attrs[0].contains("R"), "the open tab is reverse and bold in the reverse tab bar: " + attrs[0]);
        }
    }

    @Test
    void detail() throws IOException {
        for (int[] wh : SIZES) {
            check("detail", canned(), Canned.state().withSize(wh[0], wh[1]).withDetail(42, 3));
        }
    }

    @Test
    void connections() throws IOException {
        for (int[] wh : SIZES) {
            UiState s = Canned.state().withView(View.CONNECTIONS).withSize(wh[0], wh[1]);
            s = s.withConnections(s.connections().withBounds(0, 3).move(1));
            selectionShows(check("connections", canned(), s), 3);
        }
    }

    @Test
    void sockets() throws IOException {
        for (int[] wh : SIZES) {
            UiState s = Canned.state().withView(View.SOCKETS).withSize(wh[0], wh[1]);
            s = s.withSockets(s.sockets().withBounds(0, 3));
            selectionShows(check("sockets", canned(), s), 2);
        }
    }

    @Test
    void servers() throws IOException {
        for (int[] wh : SIZES) {
            UiState s = Canned.state().withView(View.SERVERS).withSize(wh[0], wh[1]);
            s = s.withServers(s.servers().withBounds(0, 5).move(2));
            ScreenRenderer r = check("servers", canned(), s);
            assertTrue(r.attributes().split("\n")[4].startsWith("RRRR"), "the selected server: " + r.attributes());
        }
    }

    @Test
    void help() throws IOException {
        for (int[] wh : SIZES) {
            UiState s = KeyReducer.reduce(Canned.state().withSize(wh[0], wh[1]), new KeyStroke('?', false, false)).state();
            check("help", canned(), s);
        }
    }

    @Test
    void follow() throws IOException {
        for (int[] wh : SIZES) {
            UiState s = UiState.initial("lo", "", wh[0], wh[1]).withFollow(UiState.Follow.of(5).searched("host"));
            FollowScan scan = new FollowScan(FollowRings.http(), 5);
            scan.advance(1000);
            FollowModel m = scan.model(false, 0, s.listRows() - 1, wh[0]);
            StatusInfo status = new StatusInfo("lo", "", "", 0, 0, 0, 0, 11, false, "12:00:00", "");
            ScreenRenderer r = check("follow", new Frame(status, List.of(), null, List.of(), List.of(), List.of(),
                    List.of(), "", m), s);
            String[] text = r.text().split("\n");
            String[] attrs = r.attributes().split("\n");
            for (int row = 0; row < text.length; row++) {
                if (text[row].startsWith("HTTP/1.0 200 OK")) {
                    assertTrue(attrs[row].startsWith("bbbb"), "the server's bytes are bold: " + attrs[row]);
                }
                if (text[row].startsWith("GET /index.html")) {
                    assertTrue(attrs[row].isEmpty(), "the client's plain: " + attrs[row]);
                }
            }
            boolean host = false;
            for (int row = 0; row < text.length; row++) {
                if (text[row].startsWith("Host: ")) {
                    assertEquals("RRRR", attrs[row], "the match is marked without colour (the client's line plain after it)");
                    host = true;
                }
            }
            assertTrue(host, "a Host line:\n" + r.text());
        }
    }

    /** The views issues 12 and 15 added: Transactions, Statistics and a connection's detail pane. */
    @Test
    void transactionsStatisticsAndConnectionDetail() throws IOException {
        for (int[] wh : SIZES) {
            UiState t = TransactionsViewTest.state(wh[0], wh[1]);
            check("transactions", TransactionsViewTest.frame(TransactionsViewTest.transactions(), t), t);
            GraphChoice g = GraphChoice.DEFAULT;
            ScreenRenderer stats = check("stats", GraphScreensTest.frame(GraphScreensTest.graphs(true, g, null)),
                    GraphScreensTest.state(View.STATS, wh[0], wh[1], g));
            assertTrue(stats.text().contains("I/O graph"), stats.text());
            GraphChoice d = g.withConnDetail(true);
            check("connection-detail", GraphScreensTest.frame(GraphScreensTest.graphs(true, d, GraphScreensTest.detail())),
                    GraphScreensTest.state(View.CONNECTIONS, wh[0], wh[1], d));
        }
    }

    /**
     * Without colour the stacked graph's series are told apart by their glyphs, Unicode and ASCII:
     * each series in the legend has a glyph of its own, and that glyph fills the cells of the plot
     * that are the series' (those coloured after it with colour).
     */
    @Test
    void stackedSeriesHaveTheirOwnGlyphs() throws IOException {
        for (boolean unicode : new boolean[]{true, false}) {
            GraphChoice g = GraphChoice.DEFAULT;
            UiState s = GraphScreensTest.state(View.STATS, 80, 24, g);
            Frame f = GraphScreensTest.frame(GraphScreensTest.graphs(unicode, g, null));
            ScreenRenderer r = unicode ? ScreenRenderer.paint(f, s, Palette.NONE) : check("stats-ascii", f, s);
            String[] lines = r.text().split("\n");
            int legend = 2;
            while (!lines[legend].contains("(mean/s)")) {
                legend++;
            }
            java.util.Set<Character> glyphs = new java.util.HashSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\S) ([A-Z]+) \\S+").matcher(lines[legend]);
            while (m.find()) {
                char glyph = m.group(1).charAt(0);
                assertTrue(glyphs.add(glyph), "a glyph of its own for " + m.group(2) + ": " + lines[legend]);
                boolean drawn = false;
                for (int row = 2; row < legend - 2; row++) {
                    drawn |= lines[row].substring(7).indexOf(glyph) >= 0;
                }
                // DNS's 200 B/s is under an eighth of a cell of the 60k scale: no cell is its, in colour either
                assertTrue(drawn || m.group(2).equals("DNS"), m.group(2) + "'s " + glyph + " in the plot:\n" + r.text());
            }
            assertEquals(4, glyphs.size(), "TCP, UDP, DNS and TLS in the legend: " + lines[legend]);
        }
    }
}
