package org.wiretop.monitor.flow;

import static org.wiretop.monitor.flow.FlowTable.BUCKETS;
import static org.wiretop.monitor.flow.FlowTable.BUCKET_EPOCH;
import static org.wiretop.monitor.flow.FlowTable.BYTES;
import static org.wiretop.monitor.flow.FlowTable.BYTES_MASK;
import static org.wiretop.monitor.flow.FlowTable.FIRST_NS;
import static org.wiretop.monitor.flow.FlowTable.ONE_PACKET;
import static org.wiretop.monitor.flow.FlowTable.OOO;
import static org.wiretop.monitor.flow.FlowTable.PAYLOAD;
import static org.wiretop.monitor.flow.FlowTable.PKTS;
import static org.wiretop.monitor.flow.FlowTable.RATE_BUCKETS;
import static org.wiretop.monitor.flow.FlowTable.RETRANS;

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


    FlowDirectionStats direction(int b, int sideBase, int side, long now) {
        int o = b + sideBase;
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
        return new FlowDirectionStats(d[o + PKTS], d[o + BYTES], d[o + PAYLOAD], d[o + RETRANS], d[o + OOO],
                pk * perSecond, by * perSecond);
    }
}
