package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.AppPackets;
import org.wiretop.tui.DecodeChoices;
import org.wiretop.tui.DetailBuilder;
import org.wiretop.tui.FollowRings;
import org.wiretop.tui.FollowScan;
import org.wiretop.tui.KeyReducer;
import org.wiretop.tui.PacketRing;
import org.wiretop.tui.PacketRows;
import org.wiretop.tui.RingAnalysis;
import org.wiretop.tui.Prompt;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.model.DetailModel;
import org.wiretop.tui.model.FollowModel;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.PacketRow;
import org.wiretop.tui.model.StatusInfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every view painted on Lanterna's virtual terminal from canned snapshots and compared with the
 * golden screen texts in src/test/resources/golden. After a deliberate change, rewrite them with
 * {@code mvn -pl tui test -Dtest=GoldenScreensTest -Dwiretop.updateGolden=true} and review the diff.
 */
class GoldenScreensTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private static void check(String name, Frame f, UiState s) throws IOException {
        check(name, ScreenRenderer.paint(f, s).text());
    }

    private static void check(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name + ".txt");
        if (Boolean.getBoolean("wiretop.updateGolden")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail("no golden screen " + file + ": create it with -Dwiretop.updateGolden=true");
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "screen " + name + " differs from " + file);
    }

    @Test
    void packetsView() throws IOException {
        UiState s = Canned.state().withPackets(Canned.state().packets().move(-2));
        check("packets", Canned.frame(Canned.status(false, "")), s);
    }

    @Test
    void packetsPausedWithBanner() throws IOException {
        UiState s = Canned.state().withPaused(true);
        check("packets-paused-banner", Canned.frame(Canned.status(true,
                "no capture (you need root or CAP_NET_RAW) - sockets, servers and files still work")), s);
    }

    @Test
    void detailView() throws IOException {
        UiState s = Canned.state().withDetail(42, 3);
        check("detail", Canned.frame(Canned.status(false, "")), s);
    }

    @Test
    void connectionsView() throws IOException {
        UiState s = Canned.state().withView(View.CONNECTIONS);
        check("connections", Canned.frame(Canned.status(false, "")), s);
    }

    /** Grouped by process ('g'): bandwhich's process table, connections and rates up and down. */
    @Test
    void connectionsByProcessView() throws IOException {
        UiState s = Canned.state().withView(View.CONNECTIONS)
                .withConnSort(UiState.ConnColumn.RATE, true, UiState.ConnGroup.PROCESS);
        java.util.List<org.wiretop.tui.model.ConnRow> grouped = org.wiretop.tui.Tables.arrange(Canned.connections(),
                UiState.ConnColumn.RATE, true, UiState.ConnGroup.PROCESS);
        Frame f = Canned.frame(Canned.status(false, ""));
        f = new Frame(f.status(), f.packets(), f.detail(), grouped, f.sockets(), f.servers(), f.serverLog(),
                f.clientReply());
        check("connections-by-process", f, s.withConnections(s.connections().withBounds(0, grouped.size())));
    }

    @Test
    void socketsView() throws IOException {
        UiState s = Canned.state().withView(View.SOCKETS).withSockFilter(UiState.SockProto.ALL, "");
        s = s.withSockets(s.sockets().withBounds(0, 3));
        check("sockets", Canned.frame(Canned.status(false, "")), s);
    }

    @Test
    void serversView() throws IOException {
        UiState s = Canned.state().withView(View.SERVERS);
        check("servers", Canned.frame(Canned.status(false, "")), s);
    }

    @Test
    void helpOverlay() throws IOException {
        UiState s = KeyReducer.reduce(Canned.state(), new KeyStroke('?', false, false)).state();
        check("help", Canned.frame(Canned.status(false, "")), s.withSize(120, 22));
    }

    @Test
    void badDisplayFilterShowsTheErrorInPlace() throws IOException {
        UiState s = Canned.state().withPrompt(new Prompt(Prompt.Kind.DISPLAY_FILTER, "tcp.prot == 1",
                "\"tcp.prot\" is not a valid protocol or protocol field at column 1"));
        check("filter-error", Canned.frame(Canned.status(false, "")), s);
    }

    /** A DNS query and its response, decoded and worded by the UI's own PacketRows and DetailBuilder. */
    private static Frame dnsFrame(int detailLayer) {
        List<PacketRow> rows = new ArrayList<>();
        PacketRows words = new PacketRows();
        rows.add(words.row(AppPackets.dnsQuery(0)));
        rows.add(words.row(AppPackets.dnsResponse(1)));
        DetailModel detail = detailLayer < 0 ? null : new DetailBuilder().build(AppPackets.dnsResponse(1));
        StatusInfo status = new StatusInfo("lo", "udp port 53", "dns", 2, 231, 0, 0, 2, false, "12:00:00", "");
        return new Frame(status, rows, detail, List.of(), List.of(), List.of(), List.of(), "");
    }

    private static UiState dnsState(int w, int h) {
        UiState s = UiState.initial("lo", "udp port 53", w, h).withDisplayFilter("dns");
        return s.withPackets(s.packets().withBounds(0, 2));
    }

    @Test
    void dnsInThePacketList() throws IOException {
        check("packets-dns-80x24", dnsFrame(-1), dnsState(80, 24));
        check("packets-dns-200x50", dnsFrame(-1), dnsState(200, 50));
    }

    @Test
    void dnsInTheDetailWithItsLayerSelected() throws IOException {
        check("detail-dns-80x24", dnsFrame(4), dnsState(80, 24).withDetail(1, 4));
        check("detail-dns-200x50", dnsFrame(4), dnsState(200, 50).withDetail(1, 4));
    }

    @Test
    void theApplicationLayersBytesAreHighlighted() throws IOException {
        ScreenRenderer r = ScreenRenderer.paint(dnsFrame(4), dnsState(80, 24).withDetail(1, 4));
        String[] lines = r.text().split("\n");
        int row = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(" 0020")) {
                row = i;
            }
        }
        assertTrue(row > 0, "hex line 0020 on screen:\n" + r.text());
        int col41 = 7 + 9 * 3 + 1; // offset 41: the UDP checksum's last byte (second half of the line)
        int col42 = 7 + 10 * 3 + 1; // offset 42: the DNS message's first byte
        assertFalse(r.at(col41, row).getBackgroundColor() == TextColor.ANSI.CYAN, "offset 41 is UDP");
        assertEquals(TextColor.ANSI.CYAN, r.at(col42, row).getBackgroundColor(), "offset 42 starts DNS");
    }

    @Test
    void selectedLayerBytesAreHighlighted() throws IOException {
        UiState s = Canned.state().withDetail(42, 3); // TCP: bytes 34..53
        ScreenRenderer r = ScreenRenderer.paint(Canned.frame(Canned.status(false, "")), s);
        String[] lines = r.text().split("\n");
        int row = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(" 0020")) {
                row = i;
            }
        }
        assertTrue(row > 0, "hex line 0020 on screen:\n" + r.text());
        // byte 0x20 (offset 32, not TCP) and byte 0x22 (offset 34, TCP) in the hex columns
        int col32 = 7;
        int col34 = 7 + 2 * 3;
        assertFalse(r.at(col32, row).getBackgroundColor() == TextColor.ANSI.CYAN, "offset 32 is not TCP");
        assertEquals(TextColor.ANSI.CYAN, r.at(col34, row).getBackgroundColor(), "offset 34 starts TCP");
    }

    /** The Follow view of a real conversation (an HTTP request and its response), read from a packet ring. */
    private static ScreenRenderer follow(boolean hex, int w, int h) throws IOException {
        UiState s = UiState.initial("lo", "", w, h).withFollow(hex ? UiState.Follow.of(5).toggledHex() : UiState.Follow.of(5));
        FollowScan scan = new FollowScan(FollowRings.http(), 5); // opened on the response's first segment
        scan.advance(1000);
        FollowModel m = scan.model(hex, 0, s.listRows() - 1, w);
        StatusInfo status = new StatusInfo("lo", "", "", 0, 0, 0, 0, 11, false, "12:00:00", "");
        return ScreenRenderer.paint(new Frame(status, List.of(), null, List.of(), List.of(), List.of(), List.of(), "", m), s);
    }

    @Test
    void followViewShowsBothSidesInTheirColours() throws IOException {
        check("follow-80x24", follow(false, 80, 24).text());
        check("follow-hex-100x30", follow(true, 100, 30).text());
        ScreenRenderer r = follow(false, 80, 24);
        String[] lines = r.text().split("\n");
        int request = -1, response = -1;
        for (int i = 0; i < lines.length; i++) {
            request = lines[i].startsWith("GET /index.html") ? i : request;
            response = lines[i].startsWith("HTTP/1.0 200 OK") ? i : response;
        }
        assertTrue(request > 0 && response > request, r.text());
        assertEquals(FollowView.CLIENT, r.at(0, request).getForegroundColor(), "the client's bytes");
        assertEquals(FollowView.SERVER, r.at(0, response).getForegroundColor(), "the server's bytes");
    }

    @Test
    void expertFlagsNameAndColourTheirRows() throws IOException {
        PacketRing ring = FollowRings.retransmitted();
        RingAnalysis analysis = new RingAnalysis(ring, DecodeChoices.none());
        analysis.advance();
        PacketRows words = new PacketRows();
        List<PacketRow> rows = new ArrayList<>();
        for (long seq = ring.first(); seq < ring.end(); seq++) {
            rows.add(words.row(ring.read(seq), analysis));
        }
        UiState s = UiState.initial("lo", "", 120, 20);
        s = s.withPackets(s.packets().withBounds(0, rows.size()).home());
        StatusInfo status = new StatusInfo("lo", "", "", 0, 0, 0, 0, rows.size(), false, "12:00:00", "");
        ScreenRenderer r = ScreenRenderer.paint(new Frame(status, rows, null, List.of(), List.of(), List.of(), List.of(), ""), s);
        check("packets-expert", r.text());
        int last = 1 + rows.size(); // the header, then the rows
        assertTrue(r.text().split("\n")[last].contains("  [spurious retransmission] GET"), r.text());
        assertEquals(TextColor.ANSI.RED_BRIGHT, r.at(2, last).getForegroundColor(), "Bad TCP: red");
        assertEquals(TextColor.ANSI.BLACK, r.at(2, last).getBackgroundColor(), "on black");
        assertEquals(TextColor.ANSI.CYAN, r.at(2, last - 1).getForegroundColor(), "other TCP rows stay cyan");
    }

    @Test
    void selectedPacketRowIsReverseColoured() throws IOException {
        UiState s = Canned.state(); // following: the newest (frame 45) is selected
        ScreenRenderer r = ScreenRenderer.paint(Canned.frame(Canned.status(false, "")), s);
        assertTrue(r.at(2, 7).getModifiers().contains(SGR.BOLD), "selected row is bold");
        assertEquals(TextColor.ANSI.RED_BRIGHT, r.at(2, 7).getBackgroundColor(), "invalid packet selected: red");
        assertEquals(TextColor.ANSI.CYAN, r.at(2, 2).getForegroundColor(), "TCP rows are cyan");
        assertEquals(TextColor.ANSI.GREEN, r.at(2, 4).getForegroundColor(), "UDP rows are green");
    }

    @Test
    void resizeRedrawsToTheNewSize() throws IOException {
        UiState small = Canned.state().withSize(60, 10);
        String text = ScreenRenderer.paint(Canned.frame(Canned.status(false, "")), small).text();
        String[] lines = text.split("\n");
        assertEquals(10, lines.length);
        assertTrue(lines[9].startsWith(" lo | bpf:"), "status bar on the last row: " + lines[9]);
        for (String l : lines) {
            assertTrue(l.length() <= 60, "clipped to 60 columns: " + l);
        }
        KeyStroke end = new KeyStroke(KeyType.End);
        assertEquals(small.listRows(), KeyReducer.reduce(small, end).state().packets().page());
    }
}
