package org.wiretop.tui;

import org.wiretop.stats.ConnectionRates;
import org.wiretop.stats.RateHistory;
import org.wiretop.stats.TrafficClass;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.model.GraphsModel;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the graphs' part of a frame from the {@link StatsFeed}: the I/O graph's window (only
 * while the Statistics view is shown), the interface's last minute, the visible connections'
 * last minute and the selected connection's detail. The newest second is the newest packet's
 * for a file (its own time span) or a stream from another host (its clock), and the wall clock's
 * live (so a quiet link falls to zero).
 * UI thread only.
 */
final class GraphsTaker {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final StatsFeed feed;
    private final boolean unicode;
    private final ConnSamples samples = new ConnSamples();
    private long[][] series = new long[TrafficClass.COUNT][0];

    GraphsTaker(StatsFeed feed, boolean unicode) {
        this.feed = feed;
        this.unicode = unicode;
    }

    /**
     * @param visible  the Connections rows on screen (empty when another view is shown)
     * @param selected the selected Connections row, or null
     * @param file     the packets come from a file or a stream (their time, not this host's clock)
     */
    GraphsModel take(UiState s, List<ConnRow> visible, ConnRow selected, boolean file) {
        RateHistory rates = feed.history().rates();
        long latest = rates.latestSecond();
        long end = file ? latest : Math.max(latest, System.currentTimeMillis() / 1000);
        String clock = latest == Long.MIN_VALUE ? "" : CLOCK.format(Instant.ofEpochSecond(end));
        GraphChoice g = s.graphs();
        long[][] shown = new long[0][];
        if (s.view() == View.STATS && end != Long.MIN_VALUE) {
            int n = g.window().seconds();
            if (series[0].length != n) {
                series = new long[TrafficClass.COUNT][n];
            }
            rates.read(end, g.bytes(), series);
            shown = series;
        }
        long[] iface = new long[ConnSamples.SECONDS];
        if (end != Long.MIN_VALUE) {
            long[][] perClass = new long[TrafficClass.COUNT][ConnSamples.SECONDS];
            rates.read(end, true, perClass);
            for (long[] c : perClass) {
                for (int i = 0; i < iface.length; i++) {
                    iface[i] += c[i];
                }
            }
        }
        List<long[]> conns = new ArrayList<>(visible.size());
        for (ConnRow r : visible) {
            conns.add(end == Long.MIN_VALUE ? null : connRate(r, end));
            samples.observe(r, end);
        }
        GraphsModel.ConnDetail detail = null;
        if (s.view() == View.CONNECTIONS && g.connDetail() && selected != null && end != Long.MIN_VALUE) {
            long[] rate = connRate(selected, end);
            detail = new GraphsModel.ConnDetail(selected, rate == null ? new long[ConnSamples.SECONDS] : rate,
                    samples.rtt(selected, end), samples.retransmits(selected, end));
        }
        return new GraphsModel(unicode, shown, g.bytes(), clock, feed.snapshot(), iface, conns, detail);
    }

    /** The row's bytes per second over the last minute, or null when the history does not hold it. */
    private long[] connRate(ConnRow r, long end) {
        long[] a = address(r.local()), b = address(r.remote());
        int proto = r.proto().startsWith("tcp") ? 6 : r.proto().startsWith("udp") ? 17 : -1;
        if (a == null || b == null || proto < 0) {
            return null;
        }
        long[] out = new long[ConnectionRates.SECONDS];
        return feed.history().connections().read(a[0], a[1], (int) a[2], b[0], b[1], (int) b[2], proto, end, out)
                ? out : null;
    }

    /** "10.0.0.1:80" or "[::1]:80" as {address high, low (IPv4 mapped), port}; null when not one. */
    static long[] address(String end) {
        int colon = end.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = end.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty() || !(Character.digit(host.charAt(0), 16) >= 0 || host.charAt(0) == ':')) {
            return null; // a literal address only: never a name lookup
        }
        try {
            int port = Integer.parseInt(end.substring(colon + 1));
            byte[] ip = InetAddress.getByName(host).getAddress();
            long hi = 0, lo = 0;
            if (ip.length == 4) {
                for (byte x : ip) {
                    lo = lo << 8 | (x & 0xff);
                }
                lo |= 0xffff_0000_0000L; // IPv4-mapped, as ConnectionRates keeps it
            } else {
                for (int i = 0; i < 8; i++) {
                    hi = hi << 8 | (ip[i] & 0xff);
                    lo = lo << 8 | (ip[i + 8] & 0xff);
                }
            }
            return new long[]{hi, lo, port};
        } catch (NumberFormatException | UnknownHostException e) {
            return null;
        }
    }
}
