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

    /** The flow's key as primitives: a {@link FlowKey} is made only when someone asks for it. */
    private final int protocol, family, portA, portB;
    private final long aHi, aLo, bHi, bLo;
    /** Made on first {@link #key()} (a racy cache of an immutable record: any copy is equal). */
    private FlowKey key;
    private final long firstPacketEpochNanos;
    private volatile ProcessTag tagA, tagB;
    /** Ends whose lookup is still running (END_A | END_B). */
    private volatile int pending;
    /** Epoch nanoseconds when the first lookup of this flow settled with a tag, or 0. */
    private volatile long resolvedEpochNanos;

    FlowOwner(FlowKey key, ProcessTag a, ProcessTag b, int pending, long firstPacketEpochNanos) {
        this(key.protocol(), key.a().family(), key.a().hi(), key.a().lo(), key.a().port(), key.b().hi(), key.b().lo(),
                key.b().port(), a, b, pending, firstPacketEpochNanos);
        this.key = key;
    }

    /** The writer's constructor: the key's words as the flow store holds them, no objects made for them. */
    FlowOwner(int protocol, int family, long aHi, long aLo, int portA, long bHi, long bLo, int portB,
              ProcessTag a, ProcessTag b, int pending, long firstPacketEpochNanos) {
        this.protocol = protocol;
        this.family = family;
        this.aHi = aHi;
        this.aLo = aLo;
        this.portA = portA;
        this.bHi = bHi;
        this.bLo = bLo;
        this.portB = portB;
        this.firstPacketEpochNanos = firstPacketEpochNanos;
        this.tagA = a;
        this.tagB = b;
        this.pending = pending;
    }

    /**
     * The owner of flows settled from their first packet, shared by as many as have these tags (a
     * flood's, when lookups are over budget): it has no key, so only a writer that never asks for
     * one (nor for {@link #of}) may use it, see {@link FlowAttribution#start(LocalAddresses, boolean)}.
     */
    static FlowOwner ofFlows(ProcessTag a, ProcessTag b) {
        return new FlowOwner(0, 0, 0, 0, 0, 0, 0, 0, a, b, 0, 0);
    }

    /** The flow: protocol and its two endpoints in canonical order. */
    public FlowKey key() {
        if (family == 0) {
            throw new IllegalStateException("an owner shared by many flows has no key");
        }
        FlowKey k = key;
        if (k == null) {
            k = new FlowKey(protocol, endpoint(END_A), endpoint(END_B));
            key = k;
        }
        return k;
    }

    /** The flow's IP protocol (6 TCP, 17 UDP). */
    int protocol() {
        return protocol;
    }

    /** One end ({@link #END_A} or {@link #END_B}) as an endpoint (a new object). */
    FlowEndpoint endpoint(int end) {
        return end == END_A ? new FlowEndpoint(family, aHi, aLo, portA) : new FlowEndpoint(family, bHi, bLo, portB);
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
        if (end.family() != family) {
            if (family == 0) {
                throw new IllegalStateException("an owner shared by many flows has no endpoints");
            }
            return null;
        }
        if (end.hi() == aHi && end.lo() == aLo && end.port() == portA) {
            return tagA;
        }
        return end.hi() == bHi && end.lo() == bLo && end.port() == portB ? tagB : null;
    }

    /** True once no lookup is running for this flow: what is known now stays so. */
    public boolean settled() {
        return pending == 0;
    }

    /** True once no lookup is running for this end ({@link #END_A} or {@link #END_B}). */
    boolean settled(int end) {
        return (pending & end) == 0;
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
        return (family == 0 ? "flows" : key().toString()) + " " + tagA + " / " + tagB + (pending != 0 ? " (pending)" : "");
    }
}
