package org.wiretop.tui.view;

import com.googlecode.lanterna.TextColor;
import org.junit.jupiter.api.Test;
import org.wiretop.stats.Talker;
import org.wiretop.stats.TrafficClass;
import org.wiretop.tui.GraphChoice;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.GraphsModel;
import org.wiretop.tui.model.StatsSnapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The graphs on Lanterna's virtual terminal, compared with golden screens (as
 * {@link GoldenScreensTest}, same directory and update switch): the Statistics view and the
 * Connections view's sparklines and detail pane at 80×24 and 200×50, Unicode and ASCII.
 */
class GraphScreensTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private static void check(String name, Frame f, UiState s) throws IOException {
        String actual = ScreenRenderer.paint(f, s).text();
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

    /** A minute of traffic: TCP rising to 40 kB/s, UDP steady 5 kB/s, DNS every 10 s, a TLS burst. */
    static long[][] minute(int seconds) {
        long[][] s = new long[TrafficClass.COUNT][seconds];
        for (int i = 0; i < seconds; i++) {
            s[TrafficClass.TCP.ordinal()][i] = 40_000L * i / (seconds - 1);
            s[TrafficClass.UDP.ordinal()][i] = 5_000;
            s[TrafficClass.DNS.ordinal()][i] = i % 10 == 0 ? 2_000 : 0;
            s[TrafficClass.TLS.ordinal()][i] = i > seconds * 3 / 4 ? 12_000 : 0;
        }
        return s;
    }

    static StatsSnapshot tables() {
        List<String> phs = List.of("Protocol Hierarchy Statistics", "Filter: ",
                "eth                                      frames:1200 bytes:1534000",
                "  ip                                     frames:1180 bytes:1530000",
                "    tcp                                  frames:900 bytes:1400000",
                "      tls                                frames:120 bytes:600000",
                "      http                               frames:40 bytes:52000",
                "    udp                                  frames:280 bytes:130000",
                "      dns                                frames:60 bytes:7000",
                "  arp                                    frames:20 bytes:4000");
        List<Talker> ends = List.of(new Talker("127.0.0.1", 1100, 1_400_000, 700_000, 700_000),
                new Talker("10.0.0.2", 80, 130_000, 65_000, 65_000), new Talker("10.0.0.53", 60, 7_000, 4_000, 3_000));
        List<Talker> convs = List.of(new Talker("127.0.0.1 <-> 127.0.0.1", 1100, 1_400_000, 800_000, 600_000),
                new Talker("10.0.0.2 <-> 10.0.0.53", 60, 7_000, 3_000, 4_000));
        return new StatsSnapshot(phs, ends, convs);
    }

    static long[] rates(int seed) {
        long[] r = new long[60];
        for (int i = 0; i < r.length; i++) {
            r[i] = (long) ((Math.sin((i + seed * 7) / 6.0) + 1.2) * 10_000);
        }
        return r;
    }

    static Frame frame(GraphsModel g) {
        return new Frame(Canned.status(false, ""), Canned.packets(), null, Canned.connections(), List.of(),
                List.of(), List.of(), "", null, org.wiretop.tui.model.TxnModel.EMPTY, g);
    }

    static GraphsModel graphs(boolean unicode, GraphChoice choice, GraphsModel.ConnDetail detail) {
        List<long[]> conn = new ArrayList<>(List.of(rates(0), rates(1)));
        conn.add(null); // a row the history does not hold
        return new GraphsModel(unicode, minute(choice.window().seconds()), choice.bytes(), "12:00:59", tables(),
                rates(3), conn, detail);
    }

    static UiState state(View v, int w, int h, GraphChoice g) {
        UiState s = UiState.initial("lo", "", w, h).withView(v).withGraphs(g);
        return s.withConnections(s.connections().withBounds(0, 3));
    }

    @Test
    void statisticsStacked80x24() throws IOException {
        GraphChoice g = GraphChoice.DEFAULT;
        check("stats-80x24", frame(graphs(true, g, null)), state(View.STATS, 80, 24, g));
    }

    @Test
    void statisticsStacked200x50() throws IOException {
        GraphChoice g = GraphChoice.DEFAULT;
        check("stats-200x50", frame(graphs(true, g, null)), state(View.STATS, 200, 50, g));
    }

    @Test
    void statisticsOverlaidAscii80x24() throws IOException {
        GraphChoice g = GraphChoice.DEFAULT.withStacked(false).withWindow(GraphChoice.Window.TEN_MINUTES);
        check("stats-overlaid-ascii-80x24", frame(graphs(false, g, null)), state(View.STATS, 80, 24, g));
    }

    @Test
    void statisticsTotalAscii120x30() throws IOException {
        GraphChoice g = GraphChoice.DEFAULT.withPerProtocol(false).withBytes(false).withWindow(GraphChoice.Window.HOUR);
        check("stats-total-ascii-120x30", frame(graphs(false, g, null)), state(View.STATS, 120, 30, g));
    }

    @Test
    void connectionSparklines80x24() throws IOException {
        check("connections-spark-80x24", frame(graphs(true, GraphChoice.DEFAULT, null)),
                state(View.CONNECTIONS, 80, 24, GraphChoice.DEFAULT));
    }

    @Test
    void connectionSparklines200x50() throws IOException {
        check("connections-spark-200x50", frame(graphs(true, GraphChoice.DEFAULT, null)),
                state(View.CONNECTIONS, 200, 50, GraphChoice.DEFAULT));
    }

    static GraphsModel.ConnDetail detail() {
        ConnRow r = Canned.connections().get(0);
        double[] rtt = new double[60];
        Arrays.fill(rtt, Double.NaN);
        for (int i = 20; i < 60; i++) {
            rtt[i] = 0.03 + (i % 7) * 0.01;
        }
        boolean[] retrans = new boolean[60];
        retrans[30] = true;
        retrans[45] = true;
        return new GraphsModel.ConnDetail(r, rates(0), rtt, retrans);
    }

    @Test
    void connectionDetail80x24() throws IOException {
        GraphChoice g = GraphChoice.DEFAULT.withConnDetail(true);
        check("connection-detail-80x24", frame(graphs(true, g, detail())), state(View.CONNECTIONS, 80, 24, g));
    }

    @Test
    void connectionDetail200x50() throws IOException {
        GraphChoice g = GraphChoice.DEFAULT.withConnDetail(true);
        check("connection-detail-200x50", frame(graphs(true, g, detail())), state(View.CONNECTIONS, 200, 50, g));
    }

    @Test
    void connectionDetailAscii80x24() throws IOException {
        GraphChoice g = GraphChoice.DEFAULT.withConnDetail(true);
        check("connection-detail-ascii-80x24", frame(graphs(false, g, detail())), state(View.CONNECTIONS, 80, 24, g));
    }

    /** The stacked graph's cells take each protocol's colour; the ASCII screens hold ASCII only. */
    @Test
    void stackedCellsAreColouredByProtocolAndAsciiStaysAscii() throws IOException {
        GraphChoice g = GraphChoice.DEFAULT;
        ScreenRenderer r = ScreenRenderer.paint(frame(graphs(true, g, null)), state(View.STATS, 80, 24, g));
        // The newest column, stacked bottom up in TrafficClass order: TCP (cyan), UDP (green), TLS
        // (bright blue); read from the top down to the time axis.
        int col = 78;
        List<TextColor> seen = new ArrayList<>();
        for (int row = 2; !r.at(IoGraph.LABEL, row).getCharacterString().equals("└"); row++) {
            String ch = r.at(col, row).getCharacterString();
            if (!ch.isBlank()) {
                TextColor c = r.at(col, row).getForegroundColor();
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(c)) {
                    seen.add(c);
                }
            }
        }
        assertEquals(List.of(TextColor.ANSI.BLUE_BRIGHT, TextColor.ANSI.GREEN, TextColor.ANSI.CYAN), seen);
        String ascii = ScreenRenderer.paint(frame(graphs(false, g, null)), state(View.STATS, 80, 24, g)).text();
        assertTrue(ascii.chars().allMatch(ch -> ch < 128), "ASCII fallback drew a non-ASCII character");
    }
}
