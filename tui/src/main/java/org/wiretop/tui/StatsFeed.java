package org.wiretop.tui;

import org.wiretop.decode.PacketSummary;
import org.wiretop.stats.TrafficHistory;
import org.wiretop.stats.TrafficStats;
import org.wiretop.tui.model.StatsSnapshot;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Statistics view's data, counted on the thread that decodes the UI's packets (the flow
 * feeder, never the capture thread): the per-second history (graphs, sparklines; read by the UI
 * thread directly, see {@link TrafficHistory}) and the {@code --stats} tables, whose top lines
 * are published as an immutable {@link StatsSnapshot} at most once a second of wall time (and
 * once more when the packets stop), so a burst costs the sort of the tables once.
 */
public final class StatsFeed {
    /** Endpoints and conversations kept in a snapshot. */
    static final int TOP = 40;
    private static final long PUBLISH_MILLIS = 1000;

    /** {@code -Dwiretop.stats=false} counts nothing (to measure what counting costs). */
    private final boolean enabled = Boolean.parseBoolean(System.getProperty("wiretop.stats", "true"));
    private final TrafficStats stats = new TrafficStats();
    private final TrafficHistory history = new TrafficHistory();
    private final AtomicReference<StatsSnapshot> published = new AtomicReference<>(StatsSnapshot.EMPTY);
    // Writer only.
    private long second = Long.MIN_VALUE;
    private long added, addedAtPublish, publishedMillis;

    /** Counts a decoded packet (writer thread). A new second of packet time may publish the tables. */
    public void add(PacketSummary s) {
        if (!enabled) {
            return;
        }
        stats.add(s);
        history.add(s);
        added++;
        long sec = s.epochNanos / 1_000_000_000L;
        if (sec != second) {
            second = sec;
            publishIfDue(System.currentTimeMillis());
        }
    }

    /** No packet waiting (writer thread): publish what came since the last snapshot. */
    public void idle() {
        publishIfDue(System.currentTimeMillis());
    }

    private void publishIfDue(long nowMillis) {
        if (added == addedAtPublish || nowMillis - publishedMillis < PUBLISH_MILLIS) {
            return;
        }
        addedAtPublish = added;
        publishedMillis = nowMillis;
        StringBuilder phs = new StringBuilder(2048);
        stats.hierarchy().appendTo(phs);
        List<String> lines = Arrays.stream(phs.toString().split("\n")).filter(l -> !l.startsWith("====")).toList();
        published.set(new StatsSnapshot(lines, stats.endpoints().topByBytes(TOP), stats.conversations().topByBytes(TOP)));
    }

    /** The history (any thread may read it). */
    public TrafficHistory history() {
        return history;
    }

    /** The latest published tables (any thread). */
    public StatsSnapshot snapshot() {
        return published.get();
    }
}
