package org.wiretop.tui;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The last packets captured, bounded by count and by bytes, in storage allocated once: one
 * byte arena used as a circular buffer plus index arrays, so the capture thread never allocates
 * and never waits.
 *
 * <p>The arena lives outside the Java heap (a direct buffer): a young collection would otherwise
 * copy the whole arena once, stopping every thread, the capture's included, for as long as that
 * takes (over a second for 128 MiB on a busy machine).
 *
 * <p>One writer (the capture thread) calls {@link #add}; any thread may {@link #read}. Readers
 * take no lock: they copy a record and then check that the writer had not reclaimed it meanwhile
 * (a seqlock: the writer publishes the new oldest sequence number before it overwrites, the reader
 * re-reads it after copying). Sequence numbers start at 0 and never repeat, so a packet's frame
 * number is its sequence number + 1.
 */
public final class PacketRing {
    private static final VarHandle NEXT, OLDEST, BYTES;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            NEXT = l.findVarHandle(PacketRing.class, "next", long.class);
            OLDEST = l.findVarHandle(PacketRing.class, "oldest", long.class);
            BYTES = l.findVarHandle(PacketRing.class, "totalBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Default bounds: 100,000 packets and 128 MiB of packet bytes. */
    public static final int DEFAULT_PACKETS = 100_000;
    public static final long DEFAULT_BYTES = 128L << 20;

    private volatile int linkType;
    private final int slots;
    private final java.nio.ByteBuffer arena;
    private final int arenaSize;
    private final long[] start;
    private final long[] nanos;
    private final int[] wireLength;
    private final int[] storedLength;

    /** Sequence number of the next packet (all below are written). Published with release. */
    @SuppressWarnings("unused") private long next;
    /** Sequence number of the oldest packet still held. */
    @SuppressWarnings("unused") private long oldest;
    /** Wire bytes of every packet ever added (for bytes/s). */
    @SuppressWarnings("unused") private long totalBytes;
    /** Writer-only: logical arena position of the next byte written. */
    private long writePos;

    public PacketRing(int linkType, int maxPackets, long maxBytes) {
        if (maxPackets < 1 || maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("ring bounds must be 1.." + (Integer.MAX_VALUE - 8) + " bytes and at least 1 packet");
        }
        this.linkType = linkType;
        this.slots = maxPackets;
        this.arenaSize = (int) maxBytes;
        this.arena = java.nio.ByteBuffer.allocateDirect(arenaSize);
        this.start = new long[maxPackets];
        this.nanos = new long[maxPackets];
        this.wireLength = new int[maxPackets];
        this.storedLength = new int[maxPackets];
    }

    public int linkType() {
        return linkType;
    }

    /**
     * Gives a ring that has never held a packet the link type of the capture about to fill it
     * (so the arena can be allocated before the capture opens). Returns false when the ring
     * already holds packets of another link type: the caller then needs a new ring.
     */
    public boolean adoptLinkType(int type) {
        if (type == linkType) {
            return true;
        }
        if (end() != 0) {
            return false;
        }
        linkType = type;
        return true;
    }

    public int capacityPackets() {
        return slots;
    }

    public long capacityBytes() {
        return arenaSize;
    }

    /**
     * Copies one packet in (capture thread only). A packet larger than the whole arena keeps
     * its first {@code capacityBytes()} bytes.
     */
    public void add(long epochNanos, int wire, byte[] data, int capturedLength) {
        int n = Math.max(0, Math.min(capturedLength, arenaSize));
        long seq = next;
        long old = oldest;
        if (seq - old >= slots) {
            old = seq - slots + 1;
        }
        while (old < seq && writePos + n - start[slot(old)] > arenaSize) {
            old++;
        }
        if (old != oldest) {
            OLDEST.setRelease(this, old);
            // Readers must be able to see the eviction before they can see the overwrite.
            VarHandle.storeStoreFence();
        }
        int s = slot(seq);
        start[s] = writePos;
        nanos[s] = epochNanos;
        wireLength[s] = wire;
        storedLength[s] = n;
        int at = (int) (writePos % arenaSize);
        int first = Math.min(n, arenaSize - at);
        arena.put(at, data, 0, first);
        if (first < n) {
            arena.put(0, data, first, n - first);
        }
        writePos += n;
        BYTES.setRelease(this, totalBytes + wire);
        NEXT.setRelease(this, seq + 1);
    }

    /** Sequence number one past the newest packet. */
    public long end() {
        return (long) NEXT.getAcquire(this);
    }

    /** Sequence number of the oldest packet held; also the number of packets overwritten. */
    public long first() {
        return (long) OLDEST.getAcquire(this);
    }

    /** Wire bytes of all packets ever added. */
    public long totalBytes() {
        return (long) BYTES.getAcquire(this);
    }

    /** A copy of packet {@code seq}, or null when it is not (or no longer) held. Any thread. */
    public RawPacket read(long seq) {
        if (seq < first() || seq >= end()) {
            return null;
        }
        int s = slot(seq);
        long from = start[s];
        long when = nanos[s];
        int wire = wireLength[s];
        int n = storedLength[s];
        if (n < 0 || n > arenaSize) {
            return null;
        }
        byte[] copy = new byte[n];
        int at = (int) (from % arenaSize);
        int part = Math.min(n, arenaSize - at);
        arena.get(at, copy, 0, part);
        if (part < n) {
            arena.get(0, copy, part, n - part);
        }
        VarHandle.loadLoadFence();
        if (seq < first()) {
            return null; // overwritten while we copied
        }
        return new RawPacket(seq, when, wire, linkType, copy);
    }

    /**
     * Copies packet {@code seq} into {@code into} without allocating (the buffer grows when
     * needed). Returns false when the packet is not (or no longer) held.
     */
    public boolean readInto(long seq, Scratch into) {
        if (seq < first() || seq >= end()) {
            return false;
        }
        int s = slot(seq);
        long from = start[s];
        into.epochNanos = nanos[s];
        into.wireLength = wireLength[s];
        int n = storedLength[s];
        if (n < 0 || n > arenaSize) {
            return false;
        }
        if (into.data.length < n) {
            into.data = new byte[Math.max(n, into.data.length * 2)];
        }
        int at = (int) (from % arenaSize);
        int part = Math.min(n, arenaSize - at);
        arena.get(at, into.data, 0, part);
        if (part < n) {
            arena.get(0, into.data, part, n - part);
        }
        into.length = n;
        VarHandle.loadLoadFence();
        return seq >= first();
    }

    /** A reader's reusable buffer for {@link #readInto}. */
    public static final class Scratch {
        public byte[] data = new byte[2048];
        public int length;
        public int wireLength;
        public long epochNanos;
    }

    private int slot(long seq) {
        return (int) (seq % slots);
    }
}
