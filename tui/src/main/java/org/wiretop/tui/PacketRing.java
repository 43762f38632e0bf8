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
    /** Bytes of the packet's comments stored after its data ({@code u16 length, UTF-8} each), 0 mostly. */
    private final int[] commentLength;

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
        this.commentLength = new int[maxPackets];
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
        add(epochNanos, wire, data, capturedLength, null);
    }

    /**
     * Copies one packet and its comments (a pcapng file's, shown in the detail view) in (capture
     * thread only). Comments that would not fit next to the packet are left out.
     */
    public void add(long epochNanos, int wire, byte[] data, int capturedLength, org.wiretop.capture.PacketComments comments) {
        int n = Math.max(0, Math.min(capturedLength, arenaSize));
        int c = 0;
        if (comments != null) {
            for (int i = 0; i < comments.count(); i++) {
                c += 2 + comments.length(i);
            }
            if (n + c > arenaSize) {
                c = 0;
            }
        }
        int total = n + c;
        long seq = next;
        long old = oldest;
        if (seq - old >= slots) {
            old = seq - slots + 1;
        }
        while (old < seq && writePos + total - start[slot(old)] > arenaSize) {
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
        commentLength[s] = c;
        put(writePos, data, 0, n);
        if (c > 0) {
            long pos = writePos + n;
            for (int i = 0; i < comments.count(); i++) {
                int len = comments.length(i);
                put(pos, new byte[] {(byte) (len >>> 8), (byte) len}, 0, 2);
                put(pos + 2, comments.bytes(), comments.offset(i), len);
                pos += 2 + len;
            }
        }
        writePos += total;
        BYTES.setRelease(this, totalBytes + wire);
        NEXT.setRelease(this, seq + 1);
    }

    private void put(long pos, byte[] src, int off, int len) {
        int at = (int) (pos % arenaSize);
        int first = Math.min(len, arenaSize - at);
        arena.put(at, src, off, first);
        if (first < len) {
            arena.put(0, src, off + first, len - first);
        }
    }

    private void get(long pos, byte[] dst, int off, int len) {
        int at = (int) (pos % arenaSize);
        int first = Math.min(len, arenaSize - at);
        arena.get(at, dst, off, first);
        if (first < len) {
            arena.get(0, dst, off + first, len - first);
        }
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
        int c = commentLength[s];
        if (n < 0 || n > arenaSize || c < 0 || n + c > arenaSize) {
            return null;
        }
        byte[] copy = new byte[n];
        get(from, copy, 0, n);
        byte[] notes = new byte[c];
        get(from + n, notes, 0, c);
        VarHandle.loadLoadFence();
        if (seq < first()) {
            return null; // overwritten while we copied
        }
        return new RawPacket(seq, when, wire, linkType, copy, comments(notes));
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

    private static java.util.List<String> comments(byte[] notes) {
        if (notes.length == 0) {
            return java.util.List.of();
        }
        java.util.List<String> out = new java.util.ArrayList<>(1);
        int at = 0;
        while (at + 2 <= notes.length) {
            int len = ((notes[at] & 0xff) << 8) | (notes[at + 1] & 0xff);
            if (at + 2 + len > notes.length) {
                break;
            }
            out.add(new String(notes, at + 2, len, java.nio.charset.StandardCharsets.UTF_8));
            at += 2 + len;
        }
        return out;
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
