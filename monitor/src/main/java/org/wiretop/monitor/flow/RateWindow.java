package org.wiretop.monitor.flow;

import static org.wiretop.monitor.flow.FlowLayout.BUCKETS;
import static org.wiretop.monitor.flow.FlowLayout.BUCKET_EPOCH;
import static org.wiretop.monitor.flow.FlowLayout.BYTES;
import static org.wiretop.monitor.flow.FlowLayout.FIRST_NS;
import static org.wiretop.monitor.flow.FlowLayout.OOO;
import static org.wiretop.monitor.flow.FlowLayout.PAYLOAD;
import static org.wiretop.monitor.flow.FlowLayout.PKTS;
import static org.wiretop.monitor.flow.FlowLayout.RETRANS;
import static org.wiretop.monitor.flow.FlowLayout.SEQ_A;
import static org.wiretop.monitor.flow.FlowLayout.SEQ_B;
import static org.wiretop.monitor.flow.FlowLayout.SIDE_A;
import static org.wiretop.monitor.flow.FlowLayout.SIDE_B;
import static org.wiretop.monitor.flow.FlowTable.BYTES_MASK;
import static org.wiretop.monitor.flow.FlowTable.ONE_PACKET;
import static org.wiretop.monitor.flow.FlowTable.RATE_BUCKETS;

/**
 * The rate words of a {@link FlowTable} entry: {@value FlowTable#RATE_BUCKETS} time buckets a
 * side, each {@code packets << 40 | bytes}, counted on the packets' own time and read as packets
 * and bytes per second over the time the window covers (at least one bucket, and no earlier
 * than the flow's first packet). Capture thread only, like the table.
 */
final class RateWindow {
    private final long[] d;
    private final long bucketNanos;
    /** The bucket of the latest packet's time, cached: most packets fall in the same one. */
    private long epochStart = Long.MAX_VALUE, epochEnd = Long.MIN_VALUE, epoch;

    RateWindow(long[] d, long bucketNanos) {
        this.d = d;
        this.bucketNanos = bucketNanos;
    }

    long epochOf(long t) {
        if (t >= epochStart && t < epochEnd) {
            return epoch;
        }
        epoch = Math.floorDiv(t, bucketNanos);
        epochStart = epoch * bucketNanos;
        epochEnd = epochStart + bucketNanos;
        return epoch;
    }

    /** @param b the entry's base, side 0 (A) or 1 (B) */
    void count(int b, int side, int wire, long t) {
        long e = epochOf(t);
        long last = d[b + BUCKET_EPOCH];
        if (e > last) {
            long gap = Math.min(e - last, RATE_BUCKETS);
            for (long k = 1; k <= gap; k++) {
                int bucket = b + BUCKETS + (int) ((last + k) & (RATE_BUCKETS - 1)) * 2;
                d[bucket] = 0;
                d[bucket + 1] = 0;
            }
            d[b + BUCKET_EPOCH] = e;
        } else if (e <= last - RATE_BUCKETS) {
            return; // older than the window (a timestamp that went backwards)
        }
        d[b + BUCKETS + (int) (e & (RATE_BUCKETS - 1)) * 2 + side] += ONE_PACKET + wire;
    }


    /** What side A (or B) sent, with its rates as of {@code now}. */
    FlowDirectionStats direction(int b, boolean sideA, long now) {
        int o = b + (sideA ? SIDE_A : SIDE_B), q = b + (sideA ? SEQ_A : SEQ_B), side = sideA ? 0 : 1;
        long nowEpoch = Math.floorDiv(now, bucketNanos);
        long last = d[b + BUCKET_EPOCH];
        long pk = 0, by = 0;
        for (int k = 0; k < RATE_BUCKETS; k++) {
            long e = last - k;
            if (e > nowEpoch - RATE_BUCKETS && e <= nowEpoch) {
                long v = d[b + BUCKETS + (int) (e & (RATE_BUCKETS - 1)) * 2 + side];
                pk += v >>> 40;
                by += v & BYTES_MASK;
            }
        }
        long windowStart = (nowEpoch - (RATE_BUCKETS - 1)) * bucketNanos;
        long span = Math.max(bucketNanos, now - Math.max(windowStart, d[b + FIRST_NS]));
        double perSecond = 1e9 / span;
        return new FlowDirectionStats(d[o + PKTS], d[o + BYTES], d[o + PAYLOAD], d[q + RETRANS], d[q + OOO],
                pk * perSecond, by * perSecond);
    }
}
