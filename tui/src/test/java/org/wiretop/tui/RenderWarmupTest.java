package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.googlecode.lanterna.screen.Screen;
import org.junit.jupiter.api.Test;
import org.wiretop.tui.view.Palette;

/**
 * The warm-up paints real screens, not blank frames: decoded and formatted packet rows, the
 * Connections view's rows with their sparklines and its detail pane, the Statistics view's graph
 * and tables; in every palette and in ASCII, at the smallest and a large size, without failing.
 */
class RenderWarmupTest {
    private static String text(Screen screen) {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < screen.getTerminalSize().getRows(); row++) {
            for (int col = 0; col < screen.getTerminalSize().getColumns(); col++) {
                text.append(screen.getBackCharacter(col, row).getCharacterString());
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Test
    void paintsDecodedPacketRows() throws Exception {
        String s = text(RenderWarmup.run(160, 30, 3, Palette.FULL, true, View.PACKETS));
        assertTrue(s.contains("127.0.0.1:40000") && s.contains("UDP, length 4"), s);
        assertTrue(s.contains("127.0.0.1:80             TCP       74  Flags [S.], seq 1, ack 2, win 65535, options [mss 1460,sackOK"), s);
    }

    @Test
    void paintsConnectionsWithTheirSparklinesAndTheDetailPane() throws Exception {
        String rows = text(RenderWarmup.run(80, 24, 3, Palette.FULL, true, View.CONNECTIONS)); // frames 0-2: the table
        assertTrue(rows.contains(" Proto Local") && rows.contains("127.0.0.1:40001") && rows.contains("last 60s"), rows);
        assertTrue(rows.lines().filter(l -> l.startsWith(" tcp ") && l.matches(".*[▁▂▃▄▅▆▇█]{6,}.*")).count() >= 10,
                "a sparkline on each row:\n" + rows);
        String detail = text(RenderWarmup.run(80, 24, 4, Palette.FULL, true, View.CONNECTIONS)); // frame 3: the pane
        assertTrue(detail.contains("throughput, bytes/s") && detail.contains("kernel RTT (tcp_info)"), detail);
    }

    @Test
    void paintsTheStatisticsGraphAndTables() throws Exception {
        String s = text(RenderWarmup.run(200, 50, 2, Palette.FULL, true, View.STATS));
        assertTrue(s.contains("I/O graph: packets/s, last 60 s, protocols overlaid"), "frame 1: overlaid\n" + s);
        assertTrue(s.contains("Protocol hierarchy") && s.contains("      dns") && s.contains("10.0.0.3 <-> 10.0.1.4"), s);
        assertTrue(s.contains("██"), s);
        String ascii = text(RenderWarmup.run(80, 24, 1, Palette.NONE, false, View.STATS));
        assertTrue(ascii.contains("I/O graph: bytes/s, last 60 s, protocols stacked") && ascii.contains("##"), ascii);
        assertFalse(ascii.matches("(?s).*[▁▂▃▄▅▆▇█│└].*"), "ASCII only:\n" + ascii);
    }

    @Test
    void everyViewInEveryPaletteAtBothEndsOfTheSizes() throws Exception {
        for (Palette p : Palette.values()) {
            for (int[] wh : new int[][]{{80, 24}, {300, 80}}) {
                String s = text(RenderWarmup.run(wh[0], wh[1], 5, p, p != Palette.NONE,
                        RenderWarmup.VIEWS.toArray(View[]::new)));
                assertTrue(s.contains("I/O graph"), p + " " + wh[0] + "x" + wh[1] + ": the Statistics view last\n" + s);
            }
        }
    }
}
