package org.wiretop.tui.view;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The y axis's top and labels, the plot's stacking and the sparkline's levels. */
class GraphScaleTest {
    @Test
    void theTopIsTheNextNiceNumberAtOrAboveThePeak() {
        assertEquals(1, GraphScale.of(0).max());
        assertEquals(1, GraphScale.of(1).max());
        assertEquals(8, GraphScale.of(7).max());
        assertEquals(60_000, GraphScale.of(59_000).max());
        assertEquals(100_000, GraphScale.of(80_001).max());
        assertEquals(1_500_000, GraphScale.of(1_234_567).max());
        assertEquals(0.1, GraphScale.of(0.09).max(), 1e-12);
    }

    @Test
    void labelsAreSiUnitsInFiveCharacters() {
        assertEquals("0", GraphScale.label(0));
        assertEquals("750", GraphScale.label(750));
        assertEquals("2.5k", GraphScale.label(2500));
        assertEquals("30k", GraphScale.label(30_000));
        assertEquals("1M", GraphScale.label(1_000_000));
        assertEquals("1.5M", GraphScale.label(1_500_000));
        assertEquals("10G", GraphScale.label(1e10));
        assertEquals("0.1", GraphScale.label(0.1));
        assertEquals("-60s", GraphScale.ago(60));
        assertEquals("-2.5m", GraphScale.ago(150));
        assertEquals("-15m", GraphScale.ago(900));
    }

    @Test
    void stackedColumnsAddUpAndEachCellTakesTheSeriesFillingMostOfIt() {
        // Two series, one second each, on 2 rows: 3 + 1 = 4 of a top of 4 fills the column.
        double[][] s = {{3}, {1}};
        IoGraph.Plot p = IoGraph.plot(s, 1, 2, true, true);
        assertEquals(4, p.scale().max());
        assertEquals("█", p.row(0));
        assertEquals("█", p.row(1));
        assertEquals(0, p.series()[1][0], "bottom cell: all of series 0");
        assertEquals(0, p.series()[0][0], "top cell: 4 of its 8 eighths series 0, 4 series 1: the first wins a tie");
        // Overlaid, the same values share one axis from zero: the top is 3, the smaller in front.
        IoGraph.Plot o = IoGraph.plot(s, 1, 2, false, true);
        assertEquals(3, o.scale().max());
        assertEquals("█", o.row(0));
        assertEquals(0, o.series()[0][0]);
        assertEquals(1, o.series()[1][0], "series 1 (1 of 3) is drawn in front at the bottom");
    }

    @Test
    void columnsAreTheMeanOfTheSecondsTheyCoverAndHeightsAreEighths() {
        double[][] s = {{0, 8, 4, 4}};
        IoGraph.Plot p = IoGraph.plot(s, 2, 1, true, true);
        assertEquals(4, p.scale().max(), "means 4 and 4: the top is 4");
        assertEquals("██", p.row(0));
        IoGraph.Plot q = IoGraph.plot(new double[][]{{1, 2, 3, 4, 5, 6, 7, 8}}, 8, 1, true, true);
        assertEquals("▁▂▃▄▅▆▇█", q.row(0));
        IoGraph.Plot a = IoGraph.plot(new double[][]{{1, 2, 3, 4, 5, 6, 7, 8}}, 8, 1, true, false);
        assertEquals("...::::#", a.row(0));
    }

    @Test
    void sparklinesScaleToTheirPeakAndLeaveNothingBlank() {
        assertEquals("▁▂▃▄▅▆▇█", Sparkline.of(new long[]{1, 2, 3, 4, 5, 6, 7, 8}, 8, true));
        assertEquals(" █", Sparkline.of(new long[]{0, 0, 5, 5}, 2, true));
        assertEquals("  ", Sparkline.of(null, 2, true));
        assertEquals(" .:-=+*#", Sparkline.of(new long[]{0, 2, 3, 4, 5, 6, 7, 8}, 8, false));
    }

    @Test
    void unicodeNeedsAUtf8LocaleAndATerminalThatDrawsBlocks() {
        assertTrue(GraphGlyphs.unicode(Map.of("TERM", "xterm-256color", "LANG", "en_US.UTF-8")));
        assertTrue(GraphGlyphs.unicode(Map.of("TERM", "tmux-256color", "LC_ALL", "C.utf8")));
        assertFalse(GraphGlyphs.unicode(Map.of("TERM", "linux", "LANG", "en_US.UTF-8")));
        assertFalse(GraphGlyphs.unicode(Map.of("TERM", "xterm", "LANG", "C")));
        assertFalse(GraphGlyphs.unicode(Map.of("TERM", "xterm", "LC_ALL", "C", "LANG", "en_US.UTF-8")),
                "LC_ALL wins over LANG");
        assertFalse(GraphGlyphs.unicode(Map.of("TERM", "xterm")), "no locale: POSIX, ASCII");
        assertFalse(GraphGlyphs.unicode(Map.of("TERM", "xterm", "LANG", "en_US.UTF-8", "WIRETOP_ASCII", "1")));
    }
}
