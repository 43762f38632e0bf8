package org.wiretop.conv;

import java.util.Arrays;

/**
 * The segments sent and not yet acknowledged, one singly linked list a direction, newest first
 * (tshark's {@code tcp_unacked_t} lists, which its ACK RTT comes from). Nodes live in one shared
 * pool of primitive arrays with a free list: no allocation per segment once the pool has grown.
 * The pool holds at most {@code limit} segments in all; a segment that finds it full is not
 * recorded (counted in {@link #dropped()}), as tshark stops recording past 10,000 a direction.
 */
final class UnackedSegments {
    static final int NONE = -1;

    private final int limit;
    private int[] seq = new int[0], nextSeq = new int[0], link = new int[0];
    private long[] time = new long[0];
    private int free = NONE;
    private int used;
    private int inUse;
    private long dropped;

    UnackedSegments(int limit) {
        this.limit = limit;
    }

    /** Segments held now, in all directions. */
    int inUse() {
        return inUse;
    }

    /** Nodes allocated (the pool's size, which only grows up to the limit). */
    int allocated() {
        return seq.length;
    }

    long dropped() {
        return dropped;
    }

    /** A new node before {@code head} holding the segment, or NONE when the pool is full. */
    int push(int head, int segSeq, int segNextSeq, long nanos) {
        int n = free;
        if (n != NONE) {
            free = link[n];
        } else if (used < seq.length) {
            n = used++;
        } else if (seq.length < limit) {
            grow();
            n = used++;
        } else {
            dropped++;
            return NONE;
        }
        seq[n] = segSeq;
        nextSeq[n] = segNextSeq;
        time[n] = nanos;
        link[n] = head;
        inUse++;
        return n;
    }

    int seq(int n) {
        return seq[n];
    }

    void seq(int n, int value) {
        seq[n] = value;
    }

    int nextSeq(int n) {
        return nextSeq[n];
    }

    long time(int n) {
        return time[n];
    }

    int next(int n) {
        return link[n];
    }

    void next(int n, int value) {
        link[n] = value;
    }

    /** Returns the node to the pool; gives the node that followed it. */
    int release(int n) {
        int after = link[n];
        link[n] = free;
        free = n;
        inUse--;
        return after;
    }

    /** Returns a whole list to the pool. */
    void releaseAll(int head) {
        for (int n = head; n != NONE; ) {
            n = release(n);
        }
    }

    private void grow() {
        int size = (int) Math.min(limit, Math.max(1024L, seq.length * 2L));
        seq = Arrays.copyOf(seq, size);
        nextSeq = Arrays.copyOf(nextSeq, size);
        link = Arrays.copyOf(link, size);
        time = Arrays.copyOf(time, size);
    }
}
