package org.wiretop.tui;

import org.wiretop.tui.model.ConnRow;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the flow table keeps only as a latest value, remembered per second for the detail pane:
 * the kernel's RTT of a local socket (sampled every second by the socket sampler) and the seconds
 * in which a connection's retransmission count grew. Kept for the connections shown on screen,
 * at most {@value #MAX} of them (least recently shown forgotten first). UI thread only.
 */
final class ConnSamples {
    static final int MAX = 1024, SECONDS = 60;

    private static final class Entry {
        final double[] rtt = new double[SECONDS];
        final boolean[] retrans = new boolean[SECONDS];
        long retransSeen = -1;
        long second = Long.MIN_VALUE;

        Entry() {
            Arrays.fill(rtt, Double.NaN);
        }

        void advance(long sec) {
            if (second != Long.MIN_VALUE && sec > second) {
                for (long k = 0; k < Math.min(sec - second, SECONDS); k++) {
                    int i = slot(sec - k);
                    rtt[i] = Double.NaN;
                    retrans[i] = false;
                }
            }
            second = Math.max(second, sec);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX;
        }
    };

    static String key(ConnRow r) {
        return r.proto() + ' ' + r.local() + ' ' + r.remote();
    }

    private static int slot(long sec) {
        return (int) Math.floorMod(sec, (long) SECONDS);
    }

    /** Notes the row's kernel RTT and retransmission count as of {@code second}. */
    void observe(ConnRow r, long second) {
        Entry e = entries.computeIfAbsent(key(r), k -> new Entry());
        e.advance(second);
        if (second <= e.second - SECONDS) {
            return;
        }
        if (r.kernelRttMillis() >= 0) {
            e.rtt[slot(second)] = r.kernelRttMillis();
        }
        if (r.retransmits() > Math.max(0, e.retransSeen)) {
            e.retrans[slot(second)] = true;
        }
        e.retransSeen = Math.max(e.retransSeen, r.retransmits());
    }

    /** The row's kernel RTT per second of the 60 ending at {@code endSecond}, oldest first (NaN: none). */
    double[] rtt(ConnRow r, long endSecond) {
        Entry e = entries.get(key(r));
        double[] out = new double[SECONDS];
        Arrays.fill(out, Double.NaN);
        if (e != null) {
            for (int i = 0; i < SECONDS; i++) {
                long sec = endSecond - SECONDS + 1 + i;
                if (sec <= e.second && sec > e.second - SECONDS) {
                    out[i] = e.rtt[slot(sec)];
                }
            }
        }
        return out;
    }

    /** The seconds of the 60 ending at {@code endSecond} in which the row's retransmissions grew. */
    boolean[] retransmits(ConnRow r, long endSecond) {
        Entry e = entries.get(key(r));
        boolean[] out = new boolean[SECONDS];
        if (e != null) {
            for (int i = 0; i < SECONDS; i++) {
                long sec = endSecond - SECONDS + 1 + i;
                if (sec <= e.second && sec > e.second - SECONDS) {
                    out[i] = e.retrans[slot(sec)];
                }
            }
        }
        return out;
    }
}
