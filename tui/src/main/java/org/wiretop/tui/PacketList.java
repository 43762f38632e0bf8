package org.wiretop.tui;

import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.decode.PacketSummary;

/**
 * The packets the Packets view lists: every packet in the ring, or those passing the display
 * filter. Positions are absolute (they do not shift when old packets leave), which is what the
 * view's {@link Cursor} counts in. Without a filter a position is the ring sequence number; with
 * one, matches are found incrementally, a bounded number per refresh so the UI stays responsive
 * at any packet rate (it then skips ahead to what the ring still holds). UI thread only.
 */
public final class PacketList {
    /** Most packets examined per refresh when filtering. */
    static final int SCAN_BUDGET = 200_000;

    private final DecodeChoices.Follower decoders;
    private final PacketSummary summary = new PacketSummary();
    private final PacketRing.Scratch scratch = new PacketRing.Scratch();
    private PacketRing ring;
    private DisplayFilter filter = DisplayFilter.MATCH_ALL;
    private long[] matches = new long[1024];
    private long firstOrdinal;
    private long endOrdinal;
    private long scanned;
    private long skipped;
    private RingAnalysis analysis;

    public PacketList() {
        this(DecodeChoices.none());
    }

    public PacketList(DecodeChoices choices) {
        this.decoders = choices.follower();
    }

    /** Where the packets' stream numbers and expert flags come from (for filters on them); null for none. */
    public void setAnalysis(RingAnalysis a) {
        analysis = a;
    }

    /** Starts over with this filter (or a new ring); positions restart at 0 when filtering. */
    public void reset(PacketRing newRing, DisplayFilter newFilter) {
        ring = newRing;
        filter = newFilter;
        firstOrdinal = 0;
        endOrdinal = 0;
        scanned = ring == null ? 0 : ring.first();
        skipped = 0;
    }

    public PacketRing ring() {
        return ring;
    }

    public DisplayFilter filter() {
        return filter;
    }

    public boolean filtering() {
        return !filter.matchesAll();
    }

    /** Packets the filter could not examine before the ring overwrote them. */
    public long skipped() {
        return skipped;
    }

    /** Catches up with the ring (examining at most {@link #SCAN_BUDGET} new packets when filtering). */
    public void refresh() {
        if (ring == null || !filtering()) {
            return;
        }
        long oldest = ring.first();
        long end = ring.end();
        if (scanned < oldest) {
            skipped += oldest - scanned;
            scanned = oldest;
        }
        long stop = Math.min(end, scanned + SCAN_BUDGET);
        for (; scanned < stop; scanned++) {
            if (!ring.readInto(scanned, scratch)) {
                continue;
            }
            summary.frameNumber = scanned + 1;
            summary.epochNanos = scratch.epochNanos;
            decoders.decoder().decode(ring.linkType(), scratch.data, scratch.length, scratch.wireLength, summary);
            if (analysis != null && analysis.ring() == ring) {
                analysis.apply(scanned, summary);
            }
            if (filter.test(summary)) {
                append(scanned);
            }
        }
        // Forget matches the ring no longer holds.
        while (firstOrdinal < endOrdinal && matches[index(firstOrdinal)] < oldest) {
            firstOrdinal++;
        }
    }

    private void append(long seq) {
        if (endOrdinal - firstOrdinal == matches.length) {
            long[] bigger = new long[matches.length * 2];
            for (long o = firstOrdinal; o < endOrdinal; o++) {
                bigger[(int) (o % bigger.length)] = matches[index(o)];
            }
            matches = bigger;
        }
        matches[index(endOrdinal)] = seq;
        endOrdinal++;
    }

    private int index(long ordinal) {
        return (int) (ordinal % matches.length);
    }

    public long first() {
        if (ring == null) {
            return 0;
        }
        return filtering() ? firstOrdinal : ring.first();
    }

    public long end() {
        if (ring == null) {
            return 0;
        }
        return filtering() ? endOrdinal : ring.end();
    }

    /** The ring sequence number at a list position, or -1 when the position is not held. */
    public long seqAt(long position) {
        if (!filtering()) {
            return position;
        }
        if (position < firstOrdinal || position >= endOrdinal) {
            return -1;
        }
        return matches[index(position)];
    }
}
