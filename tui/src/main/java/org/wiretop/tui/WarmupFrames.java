package org.wiretop.tui;

import org.wiretop.stats.Talker;
import org.wiretop.stats.TrafficClass;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.GraphsModel;
import org.wiretop.tui.model.StatsSnapshot;
import org.wiretop.tui.model.StatusInfo;
import org.wiretop.tui.model.TxnModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Made-up frames of the Connections and Statistics views for {@link RenderWarmup}: rows, rates and
 * a minute of history that move on with each frame (so every redraw changes the screen, as the
 * first burst of traffic does), the connection detail pane and the graph stacked and overlaid in
 * turn.
 */
final class WarmupFrames {
    private WarmupFrames() {
    }

    /** Frame {@code f} of the Connections view, {@code rows} connections; every 4th with the detail pane. */
    static Frame connections(int f, int rows, boolean unicode) {
        List<ConnRow> conns = new ArrayList<>(rows);
        List<long[]> rates = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            long n = (long) f * rows + i;
            boolean tcp = i % 3 != 0;
            conns.add(new ConnRow(tcp ? "tcp" : "udp", "127.0.0.1:" + (40_000 + i), "10.0.0." + (i % 250 + 1) + ":443",
                    (1000 + i) + "/curl", tcp ? (i % 5 == 0 ? "SYN_SENT" : "ESTABLISHED") : "-", n, n / 2, n * 1460,
                    n * 700, n * 37.5, tcp ? 0.25 + i : -1, i % 4, tcp ? 0.2 : -1, tcp ? 10 : -1, n * 12.5, i % 7));
            rates.add(minute(f + i));
        }
        GraphsModel.ConnDetail detail = f % 4 == 3 && !conns.isEmpty()
                ? new GraphsModel.ConnDetail(conns.get(0), minute(f), rtt(f), retransmits(f)) : null;
        return frame(f, conns, new GraphsModel(unicode, new long[0][], true, clock(f), StatsSnapshot.EMPTY, minute(f),
                rates, detail));
    }

    /** Frame {@code f} of the Statistics view: a minute per protocol, a hierarchy and top talkers. */
    static Frame statistics(int f, boolean unicode) {
        long[][] series = new long[TrafficClass.COUNT][];
        for (int c = 0; c < series.length; c++) {
            series[c] = minute(f + 11 * c);
        }
        List<String> phs = new ArrayList<>();
        String[] layers = {"eth", "  ip", "    tcp", "      tls", "      http", "    udp", "      dns", "  arp"};
        for (int i = 0; i < layers.length; i++) {
            phs.add(String.format("%-40s frames:%d bytes:%d", layers[i], f * 10L + i, f * 9_000L + i));
        }
        List<Talker> ends = new ArrayList<>(), convs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long bytes = (f + 1L) * (20 - i) * 1_000;
            ends.add(new Talker("10.0.0." + (i + 1), f + i, bytes, bytes / 2, bytes - bytes / 2));
            convs.add(new Talker("10.0.0." + (i + 1) + " <-> 10.0.1." + (i + 2), f + i, bytes, bytes / 3, bytes - bytes / 3));
        }
        return frame(f, List.of(), new GraphsModel(unicode, series, choice(f).bytes(), clock(f),
                new StatsSnapshot(phs, ends, convs), minute(f), List.of(), null));
    }

    /** What the Statistics view shows in frame {@code f}: stacked, overlaid and the total in turn, bytes and packets. */
    static GraphChoice choice(int f) {
        return GraphChoice.DEFAULT.withStacked(f % 3 != 1).withPerProtocol(f % 3 != 2).withBytes(f % 2 == 0);
    }

    private static Frame frame(int f, List<ConnRow> conns, GraphsModel g) {
        StatusInfo status = new StatusInfo("lo", "", "", f, f * 100.0, 0, 0, f, false, clock(f), "");
        return new Frame(status, List.of(), null, conns, List.of(), List.of(), List.of(), "", null, TxnModel.EMPTY, g);
    }

    /** 60 seconds of a rate that moves on a second a frame. */
    private static long[] minute(int f) {
        long[] v = new long[60];
        for (int i = 0; i < v.length; i++) {
            v[i] = (long) ((Math.sin((f + i) / 5.0) + 1.1) * 20_000);
        }
        return v;
    }

    private static double[] rtt(int f) {
        double[] v = new double[60];
        for (int i = 0; i < v.length; i++) {
            v[i] = (f + i) % 9 == 0 ? Double.NaN : 0.1 + (f + i) % 7 * 0.05;
        }
        return v;
    }

    private static boolean[] retransmits(int f) {
        boolean[] v = new boolean[60];
        v[f % 60] = true;
        return v;
    }

    private static String clock(int f) {
        return String.format("00:%02d:%02d", f / 60 % 60, f % 60);
    }
}
