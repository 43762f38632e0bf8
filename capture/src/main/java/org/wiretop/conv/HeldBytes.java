package org.wiretop.conv;

/**
 * The budget of out-of-order bytes that all followed streams may hold together (design §8:
 * bounded per stream and in all). Each follower reserves before it copies a segment it must hold
 * and releases when the segment is delivered or given up. Counts the times it said no.
 * Single-threaded, as the followers that share it.
 */
public final class HeldBytes {
    private final long limit;
    private long used;
    private long refusals;

    public HeldBytes(long limit) {
        this.limit = limit;
    }

    boolean reserve(int bytes) {
        if (used + bytes > limit) {
            refusals++;
            return false;
        }
        used += bytes;
        return true;
    }

    void release(int bytes) {
        used -= bytes;
    }

    /** Bytes held now by all followers. */
    public long used() {
        return used;
    }

    /** Segments refused because the shared budget was full. */
    public long refusals() {
        return refusals;
    }
}
