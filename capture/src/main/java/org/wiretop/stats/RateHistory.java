package org.wiretop.stats;

/**
 * Packets and bytes per second for the last {@link #SECONDS} seconds, per {@link TrafficClass}:
 * preallocated rings indexed by the packet's own second (so a file graphs its own time span).
 * Memory: {@value #SECONDS} × 7 classes × (4 + 8) bytes ≈ 302 KB, fixed.
 *
 * <p>One writer ({@link #add}: a division, two array increments, no allocation, no lock); any
 * number of readers. The writer publishes the newest second through a volatile field each time a
 * second begins, so a reader that reads {@link #latestSecond()} first sees every count of the
 * seconds before it; the newest second itself may still be counting (drawn as it stands).
 */
public final class RateHistory {
    /** One hour at one-second resolution. */
    public static final int SECONDS = 3600;
    private static final long NANOS = 1_000_000_000L;

    private final int[] packets = new int[SECONDS * TrafficClass.COUNT];
    private final long[] bytes = new long[SECONDS * TrafficClass.COUNT];
    /** Writer's newest second; {@link Long#MIN_VALUE} before the first packet. */
    private long second = Long.MIN_VALUE;
    private volatile long published = Long.MIN_VALUE;

    /** Counts one packet of class {@code cls} (an ordinal) and {@code wireLength} bytes at {@code epochNanos}. */
    public void add(long epochNanos, int cls, int wireLength) {
        long sec = Math.floorDiv(epochNanos, NANOS);
        if (sec != second) {
            if (sec < second) {
                if (sec <= second - SECONDS) {
                    return; // older than the history (a clock step back): dropped
                }
            } else {
                advanceTo(sec);
            }
        }
        int i = slot(sec) * TrafficClass.COUNT + cls;
        packets[i]++;
        bytes[i] += wireLength;
    }

    /** Clears the slots of the seconds between the newest and {@code sec}, then publishes it. */
    private void advanceTo(long sec) {
        long from = second == Long.MIN_VALUE ? sec : second + 1;
        long n = Math.min(sec - from + 1, SECONDS);
        for (long k = 0; k < n; k++) {
            int base = slot(sec - k) * TrafficClass.COUNT;
            for (int c = 0; c < TrafficClass.COUNT; c++) {
                packets[base + c] = 0;
                bytes[base + c] = 0;
            }
        }
        second = sec;
        published = sec;
    }

    private static int slot(long sec) {
        return (int) Math.floorMod(sec, (long) SECONDS);
    }

    /** The newest second with a packet (epoch seconds), or {@link Long#MIN_VALUE} before any. */
    public long latestSecond() {
        return published;
    }

    /**
     * Fills {@code out[c][i]} with class c's count (packets, or bytes when {@code inBytes}) in
     * second {@code endSecond - out[c].length + 1 + i}; seconds newer than the latest packet or
     * older than the history read 0. Reads {@link #latestSecond()} first (see the class comment).
     */
    public void read(long endSecond, boolean inBytes, long[][] out) {
        long latest = published;
        for (int c = 0; c < out.length && c < TrafficClass.COUNT; c++) {
            long[] row = out[c];
            for (int i = 0; i < row.length; i++) {
                long sec = endSecond - row.length + 1 + i;
                if (latest == Long.MIN_VALUE || sec > latest || sec <= latest - SECONDS) {
                    row[i] = 0;
                } else {
                    int k = slot(sec) * TrafficClass.COUNT + c;
                    row[i] = inBytes ? bytes[k] : packets[k] & 0xffffffffL;
                }
            }
        }
    }
}
