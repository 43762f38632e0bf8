package org.wiretop.monitor.flow;

/**
 * Who owns each end of one flow: a {@link ProcessTag} per endpoint, null while unknown. Ends
 * are the flow's two endpoints in canonical order ({@code a} sorts first by address, then port),
 * so a packet finds its sender with one flag, whichever way it goes. Created by the writer
 * thread of {@link FlowAttribution} with the listener's owner already in place when a local
 * server is one end; a lookup thread fills in the other local ends (volatile writes) and
 * marks them settled. Readers on any thread see each tag appear once and stay.
 */
public final class FlowOwner {
    static final int END_A = 1, END_B = 2;

    private final FlowKey key;
    private final long createdNanos;
    private final long firstPacketEpochNanos;
    private volatile ProcessTag tagA, tagB;
    /** Ends whose lookup is still running (END_A | END_B). */
    private volatile int pending;
    /** Epoch nanoseconds when the first lookup of this flow settled with a tag, or 0. */
    private volatile long resolvedEpochNanos;

    FlowOwner(FlowKey key, ProcessTag a, ProcessTag b, int pending, long firstPacketEpochNanos) {
        this.key = key;
        this.firstPacketEpochNanos = firstPacketEpochNanos;
        this.tagA = a;
        this.tagB = b;
        this.pending = pending;
        this.createdNanos = System.nanoTime();
    }

    /** The flow: protocol and its two endpoints in canonical order. */
    public FlowKey key() {
        return key;
    }

    /** The owner of the packet's source socket, when local and known. */
    public ProcessTag sender(boolean fromA) {
        return fromA ? tagA : tagB;
    }

    /** The owner of the packet's destination socket, when local and known. */
    public ProcessTag receiver(boolean fromA) {
        return fromA ? tagB : tagA;
    }

    /** The owner of this endpoint of the flow, or null (unknown, not local, or not one of its ends). */
    public ProcessTag of(FlowEndpoint end) {
        if (end.equals(key.a())) {
            return tagA;
        }
        return end.equals(key.b()) ? tagB : null;
    }

    /** True once no lookup is running for this flow: what is known now stays so. */
    public boolean settled() {
        return pending == 0;
    }

    /** True once no lookup is running for this end ({@link #END_A} or {@link #END_B}). */
    boolean settled(int end) {
        return (pending & end) == 0;
    }

    /** {@link System#nanoTime()} when the flow's first packet was seen. */
    public long createdNanos() {
        return createdNanos;
    }

    /** The capture timestamp of the flow's first packet (epoch nanoseconds). */
    public long firstPacketEpochNanos() {
        return firstPacketEpochNanos;
    }

    /** Epoch nanoseconds when a lookup named an end, 0 if none did (yet). */
    public long resolvedEpochNanos() {
        return resolvedEpochNanos;
    }

    /**
     * Writer thread, for an owner the SYN watch made: the other end's listener (null when none)
     * and whether a lookup of it follows.
     */
    synchronized void adopt(int end, ProcessTag listener, boolean lookup) {
        if (listener != null) {
            if (end == END_A) {
                tagA = listener;
            } else {
                tagB = listener;
            }
        }
        if (lookup) {
            pending |= end;
        }
    }

    /** Lookup thread: one end's answer (null = not found), and that end is settled. */
    synchronized void resolve(int end, ProcessTag tag, long epochNanos) {
        if (tag != null) {
            if (end == END_A) {
                tagA = tag;
            } else {
                tagB = tag;
            }
            if (resolvedEpochNanos == 0) {
                resolvedEpochNanos = epochNanos;
            }
        }
        pending &= ~end;
    }

    @Override
    public String toString() {
        return key + " " + tagA + " / " + tagB + (pending != 0 ? " (pending)" : "");
    }
}
