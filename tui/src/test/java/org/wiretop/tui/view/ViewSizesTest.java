package org.wiretop.tui.view;

import com.googlecode.lanterna.input.KeyStroke;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.FollowRings;
import org.wiretop.tui.FollowScan;
import org.wiretop.tui.KeyReducer;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.FollowModel;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.PacketRow;
import org.wiretop.tui.model.SocketRow;
import org.wiretop.tui.model.StatusInfo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every view on the virtual terminal from 80×24 to 300×80: the bars where they belong, nothing
 * past the edge, and in each table every cell under its header (left-aligned cells start where
 * their header starts, numbers end where theirs ends, a blank between columns), whole or cut with
 * an ellipsis, never silently; the columns widen with the terminal.
 */
class ViewSizesTest {
    private static final int[][] SIZES = {{80, 24}, {100, 30}, {132, 43}, {200, 50}, {300, 80}};

    /** A column: its header text as drawn, and whether its cells are right-aligned (numbers). */
    private record Col(String header, boolean right) {
    }

    private static ScreenRenderer paint(UiState s) throws IOException {
        return ScreenRenderer.paint(Canned.frame(Canned.status(false, "")), s);
    }

    /** The bars and edges every view keeps at every size. */
    private static String[] frameOk(ScreenRenderer r, int w, int h, String view) {
        String[] lines = r.text().split("\n", -1);
        assertEquals(h + 1, lines.length, view + ": one line a row");
        for (String l : lines) {
            assertTrue(l.length() <= w, view + " at " + w + ": a line past the edge: " + l);
        }
        assertTrue(lines[0].startsWith("  1 Packets   2 Connections   3 Sockets   4 Servers"), view + ": tab bar " + lines[0]);
        assertTrue(lines[0].endsWith("wiretop  ? help") || !lines[0].contains("wiretop"),
                view + ": the name whole at the right edge, or not at all: " + lines[0]);
        if (w >= 132) { // six tabs and the name take 101 columns
            assertTrue(lines[0].endsWith("wiretop  ? help"), view + ": name at the right edge " + lines[0]);
        }
        assertTrue(lines[h - 1].startsWith(" lo | bpf: tcp port 12345") && lines[h - 1].endsWith("12:00:00"),
                view + ": status bar on the last row, clock at the edge: " + lines[h - 1]);
        return lines;
    }

    /**
     * Checks each row's cells against the header: {@code values[row][col]} is what the cell holds
     * (null: the column is not shown at this width, its header absent).
     */
    private static void tableOk(String[] lines, Col[] cols, List<String[]> values, String where) {
        String header = lines[1];
        for (int c = 0; c < cols.length; c++) {
            int at = header.indexOf(cols[c].header());
            if (at < 0) {
                continue; // dropped on a narrow terminal
            }
            int end = at + cols[c].header().length() - 1;
            for (int r = 0; r < values.size(); r++) {
                String row = lines[2 + r];
                String v = values.get(r)[c];
                String cell = where + " row " + r + " column " + cols[c].header() + ": '" + row + "'";
                if (cols[c].right()) {
                    assertTrue(row.length() > end && row.substring(end + 1 - v.length(), end + 1).equals(v),
                            cell + " ends with " + v + " under its header");
                    assertTrue(row.length() == end + 1 || row.charAt(end + 1) == ' ' || row.charAt(end + 1) == Canvas.ELLIPSIS,
                            cell + ": a blank after the number");
                } else {
                    assertTrue(row.charAt(at - 1) == ' ' || row.charAt(at - 1) == '*', cell + ": a blank before");
                    String shown = row.substring(at, Math.min(row.length(), at + v.length()));
                    int cut = shown.indexOf(Canvas.ELLIPSIS);
                    if (cut >= 0) {
                        assertTrue(v.startsWith(shown.substring(0, cut)), cell + ": cut, but not of " + v);
                    } else {
                        assertEquals(v, shown, cell + ": whole, or cut with an ellipsis");
                    }
                }
            }
        }
    }

    @Test
    void packets() throws IOException {
        Col[] cols = {new Col("No.", true), new Col("Time", false), new Col("Source", false),
                new Col("Destination", false), new Col("Proto", false), new Col("Len", true), new Col("Info", false)};
        List<String[]> values = new ArrayList<>();
        for (PacketRow p : Canned.packets()) {
            values.add(new String[]{Long.toString(p.number()), p.time(), p.source(), p.destination(), p.protocol(),
                    Integer.toString(p.length()), p.info()});
        }
        int lastSource = -1, lastInfo = -1;
        for (int[] wh : SIZES) {
            UiState s = Canned.state().withSize(wh[0], wh[1]).withPackets(Canned.state().packets().home());
            String[] lines = frameOk(paint(s), wh[0], wh[1], "packets");
            tableOk(lines, cols, values, "packets " + wh[0] + "x" + wh[1]);
            int width = lines[1].indexOf("Destination") - lines[1].indexOf("Source");
            int info = lines[1].indexOf("Info");
            assertTrue(width >= lastSource && info >= lastInfo, "the address columns widen with the terminal");
            lastSource = width;
            lastInfo = info;
            if (wh[0] >= 132) {
                assertTrue(lines[2].contains("127.0.0.1:52340 "), "whole addresses from 132 columns: " + lines[2]);
            }
        }
    }

    @Test
    void connections() throws IOException {
        Col[] cols = {new Col("Proto", false), new Col("Local", false), new Col("Remote", false),
                new Col("Process", false), new Col("State", false), new Col("Pkt>", true), new Col("Pkt<", true),
                new Col("Bytes>", true), new Col("Bytes<v", true), new Col("Rate/s", true), new Col("RTT ms", true),
                new Col("Retr", true)};
        int lastShown = 0;
        for (int[] wh : SIZES) {
            List<String[]> values = new ArrayList<>();
            for (ConnRow r : Canned.connections()) {
                String state = wh[0] < ConnectionsView.WIDE ? ConnectionsView.shortState(r.state()) : r.state();
                values.add(new String[]{r.proto(), r.local(), r.remote(), r.process(), state,
                        Numbers.count(r.packetsOut()), Numbers.count(r.packetsIn()), Numbers.bytes(r.bytesOut()),
                        Numbers.bytes(r.bytesIn()), Numbers.bytes(r.rateBps()), Numbers.millis(r.rttMillis()),
                        Long.toString(r.retransmits())});
            }
            UiState s = Canned.state().withView(View.CONNECTIONS).withSize(wh[0], wh[1]);
            s = s.withConnections(s.connections().withBounds(0, 3));
            String[] lines = frameOk(paint(s), wh[0], wh[1], "connections");
            String where = "connections " + wh[0] + "x" + wh[1];
            tableOk(lines, cols, values, where);
            int shown = 0;
            for (Col c : cols) {
                shown += lines[1].contains(c.header()) ? 1 : 0;
            }
            assertTrue(shown >= lastShown, where + ": more columns as the terminal widens");
            lastShown = shown;
            // the rate (bandwhich's and RustNet's one figure) and the column sorted on stay at every width
            for (String must : new String[]{"Local", "Remote", "Process", "State", "Rate/s", "Bytes<v"}) {
                assertTrue(lines[1].contains(must), where + ": " + must + " shown at every width: " + lines[1]);
            }
            assertTrue(lines[2].matches(".*127\\.0\\.0\\.1:52340 +127\\.0\\.0\\.1:12345 .*"), where + ": whole addresses " + lines[2]);
        }
        assertEquals(cols.length, lastShown, "every column on a wide terminal");
    }

    @Test
    void sockets() throws IOException {
        Col[] cols = {new Col("Proto", false), new Col("Recv-Q", true), new Col("Send-Q", true),
                new Col("Local Address", false), new Col("Foreign Address", false), new Col("State", false),
                new Col("PID/Program name", false)};
        List<String[]> values = new ArrayList<>();
        for (SocketRow r : Canned.sockets()) {
            values.add(new String[]{r.proto(), Long.toString(r.recvQ()), Long.toString(r.sendQ()), r.local(), r.remote(),
                    r.state(), r.process()});
        }
        for (int[] wh : SIZES) {
            UiState s = Canned.state().withView(View.SOCKETS).withSize(wh[0], wh[1]);
            s = s.withSockets(s.sockets().withBounds(0, 3));
            tableOk(frameOk(paint(s), wh[0], wh[1], "sockets"), cols, values, "sockets " + wh[0] + "x" + wh[1]);
        }
    }

    @Test
    void serversDetailHelpAndFollow() throws IOException {
        for (int[] wh : SIZES) {
            int w = wh[0], h = wh[1];
            UiState base = Canned.state().withSize(w, h);
            String[] servers = frameOk(paint(base.withView(View.SERVERS)), w, h, "servers");
            assertTrue(servers[2].startsWith(" echo    tcp   127.0.0.1:12345       running"), servers[2]);
            String[] detail = frameOk(paint(base.withDetail(42, 3)), w, h, "detail");
            assertTrue(String.join("\n", detail).contains("Transmission Control Protocol, 52340 > 12345"), "detail at " + w);
            UiState help = KeyReducer.reduce(base, new KeyStroke('?', false, false)).state();
            String[] helpLines = frameOk(paint(help), w, h, "help");
            assertTrue(String.join("\n", helpLines).contains("q, Ctrl-C"), "the whole help from 80x24 up:\n"
                    + String.join("\n", helpLines));
            UiState s = UiState.initial("lo", "tcp port 12345", w, h).withFollow(UiState.Follow.of(5));
            FollowScan scan = new FollowScan(FollowRings.http(), 5);
            scan.advance(1000);
            FollowModel m = scan.model(false, 0, s.listRows() - 1, w);
            Frame f = new Frame(Canned.status(false, ""), List.of(), null, List.of(), List.of(), List.of(), List.of(), "", m);
            String[] follow = frameOk(ScreenRenderer.paint(f, s), w, h, "follow");
            if (!String.join("\n", follow).contains("Content-Length: 24")) {
                fail("the stream's text at " + w + "x" + h + ":\n" + String.join("\n", follow));
            }
        }
    }
}
