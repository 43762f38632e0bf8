package org.wiretop.tui.model;

import java.util.List;

/**
 * What the graphs draw, taken with the frame (arrays are made or filled for this frame only and
 * not changed while it is drawn).
 *
 * @param unicode       block characters may be drawn (else the ASCII fallback)
 * @param series        the I/O graph: per protocol ({@code TrafficClass} ordinal), per second of the
 *                      window, oldest first (empty when the Statistics view is not shown)
 * @param bytes         {@code series} counts bytes (else packets)
 * @param endClock      the newest second's time of day, "HH:MM:SS" ("" before any packet)
 * @param stats         protocol hierarchy and top talkers
 * @param interfaceRate bytes in each of the last 60 seconds, all protocols (the status bar's sparkline)
 * @param connRates     bytes in each of the last 60 seconds of each visible Connections row (null: not held)
 * @param detail        the selected connection's detail pane, or null
 */
public record GraphsModel(boolean unicode, long[][] series, boolean bytes, String endClock, StatsSnapshot stats,
                          long[] interfaceRate, List<long[]> connRates, ConnDetail detail) {

    public static final GraphsModel EMPTY = new GraphsModel(true, new long[0][], true, "", StatsSnapshot.EMPTY,
            new long[0], List.of(), null);

    /**
     * One connection over its last 60 seconds.
     *
     * @param row          the connection
     * @param rate         bytes in each second, oldest first
     * @param kernelRtt    the kernel's smoothed RTT (ms) sampled in each second, NaN when not sampled
     * @param retransmits  a retransmission was first counted in that second
     */
    public record ConnDetail(ConnRow row, long[] rate, double[] kernelRtt, boolean[] retransmits) {
    }
}
