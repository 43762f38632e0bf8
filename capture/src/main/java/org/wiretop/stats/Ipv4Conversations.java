package org.wiretop.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * IPv4 conversations as {@code tshark -q -z conv,ip} counts them: one entry per address pair,
 * its ends in the order of its first packet (A → B); frames and wire bytes each way, its first and
 * last packet's time relative to the capture's first packet. A table of fixed capacity (open
 * addressing over preallocated arrays, entries in the order first seen); a pair that finds it full
 * is counted in {@link #packetsNotCounted()}. Single writer.
 */
public final class Ipv4Conversations {
    private final int capacity;
    /** Hash slot → entry + 1 (0 = empty). */
    private final int[] slots;
    private final int[] a, b;
    /** Frames and bytes A → B ("->", tshark's tx) and B → A ("<-", rx). */
    private final long[] abFrames, abBytes, baFrames, baBytes;
    /** First and last packet, nanoseconds after the capture's first packet. */
    private final long[] start, stop;
    private int size;
    private long packetsNotCounted;

    public Ipv4Conversations(int capacity) {
        this.capacity = capacity;
        this.slots = new int[Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2];
        this.a = new int[capacity];
        this.b = new int[capacity];
        this.abFrames = new long[capacity];
        this.abBytes = new long[capacity];
        this.baFrames = new long[capacity];
        this.baBytes = new long[capacity];
        this.start = new long[capacity];
        this.stop = new long[capacity];
    }

    /** One packet {@code src → dst}, {@code relNanos} after the capture's first. Allocates nothing. */
    public void add(int src, int dst, int wireLength, long relNanos) {
        int e = entry(src, dst, relNanos);
        if (e < 0) {
            packetsNotCounted++;
            return;
        }
        if (a[e] == src && b[e] == dst) {
            abFrames[e]++;
            abBytes[e] += wireLength;
        } else {
            baFrames[e]++;
            baBytes[e] += wireLength;
        }
        if (relNanos > stop[e]) {
            stop[e] = relNanos;
        } else if (relNanos < start[e]) {
            start[e] = relNanos;
        }
    }

    private int entry(int src, int dst, long relNanos) {
        int mask = slots.length - 1;
        int lo = Math.min(src, dst), hi = Math.max(src, dst);
        for (int i = Hashing.mix((long) lo << 32 | (hi & 0xffffffffL)) & mask; ; i = (i + 1) & mask) {
            int e = slots[i] - 1;
            if (e < 0) {
                if (size == capacity) {
                    return -1;
                }
                e = size++;
                a[e] = src;
                b[e] = dst;
                start[e] = relNanos;
                stop[e] = relNanos;
                slots[i] = e + 1;
                return e;
            }
            if (a[e] == src && b[e] == dst || a[e] == dst && b[e] == src) {
                return e;
            }
        }
    }

    public int size() {
        return size;
    }

    /** Packets whose pair found the table full. */
    public long packetsNotCounted() {
        return packetsNotCounted;
    }

    /** The {@code n} conversations with the most bytes (both ways), most first. */
    public java.util.List<Talker> topByBytes(int n) {
        int[] order = order(Comparator.comparingLong((Integer i) -> abBytes[i] + baBytes[i]).reversed());
        java.util.List<Talker> out = new java.util.ArrayList<>(Math.min(n, order.length));
        for (int i = 0; i < order.length && i < n; i++) {
            int e = order[i];
            out.add(new Talker(Ipv4Text.of(a[e]) + " <-> " + Ipv4Text.of(b[e]), abFrames[e] + baFrames[e],
                    abBytes[e] + baBytes[e], abBytes[e], baBytes[e]));
        }
        return out;
    }

    /** tshark's table, most frames first, ties in the order first seen. */
    public void appendTo(StringBuilder out) {
        out.append("================================================================================\n");
        out.append("IPv4 Conversations\n");
        out.append("Filter:<No Filter>\n");
        out.append("                                               |       <-      | |       ->      | |     Total     |    Relative    |   Duration   |\n");
        out.append("                                               | Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |              |\n");
        for (int e : order(Comparator.comparingLong((Integer i) -> abFrames[i] + baFrames[i]).reversed())) {
            Columns.left(out, Ipv4Text.of(a[e]), 20);
            out.append(" <-> ");
            Columns.left(out, Ipv4Text.of(b[e]), 20);
            out.append("  ");
            framesAndBytes(out, baFrames[e], baBytes[e]);
            out.append("  ");
            framesAndBytes(out, abFrames[e], abBytes[e]);
            out.append("  ");
            framesAndBytes(out, abFrames[e] + baFrames[e], abBytes[e] + baBytes[e]);
            out.append("  ");
            double first = seconds(start[e]);
            Columns.right(out, Columns.fixed(first, 9), 14);
            out.append("   ");
            Columns.right(out, Columns.fixed(seconds(stop[e]) - first, 4), 12);
            out.append('\n');
        }
        if (packetsNotCounted > 0) {
            out.append(packetsNotCounted).append(" more packets not counted (more than ").append(capacity)
                    .append(" conversations)\n");
        }
        out.append("================================================================================\n");
    }

    private static void framesAndBytes(StringBuilder out, long frames, long bytes) {
        Columns.right(out, frames, 6);
        out.append(' ');
        Columns.left(out, Columns.size(bytes), 9);
    }

    /** As Wireshark's nstime_to_sec: whole seconds plus the nanoseconds over 10^9, in doubles. */
    private static double seconds(long nanos) {
        return (double) (nanos / 1_000_000_000L) + (double) (nanos % 1_000_000_000L) / 1_000_000_000.0;
    }

    private int[] order(Comparator<Integer> by) {
        Integer[] order = new Integer[size];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, by);
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }
}
