package org.wiretop.monitor.flow;

/**
 * Fixed-capacity storage for flow entries: an open-addressing hash index over dense arrays of
 * primitive entries (Agrona style), so a lookup or an update allocates nothing and the memory is
 * fixed when the table is built.
 *
 * <p>Each entry is {@code stride} longs in {@link #data}; its first {@link #KEY_WORDS} words are
 * the key (see {@link #META}..{@link #B_LO}), the rest belong to the caller. Entries are dense
 * ({@code 0..size-1}) so a scan touches only live flows; removal moves the last entry into the
 * hole; the key's hash is not stored (removal computes it again). The index is a power-of-two {@code long[]} at most
 * half full, with linear probing and backward-shift deletion (no tombstones, so probe chains
 * never rot); each slot holds {@code hash32 << 32 | (entry + 1)}, 0 meaning empty, so most misses
 * are settled without touching the entry itself.
 *
 * <p>Not thread-safe: one writer (the capture thread) owns it.
 */
final class FlowStore {
    /** Protocol, family and both ports packed: {@code proto << 40 | family << 32 | portA << 16 | portB}. */
    static final int META = 0;
    /** Endpoint A's address (the canonically smaller endpoint), high and low 64 bits. */
    static final int A_HI = 1, A_LO = 2;
    /** Endpoint B's address. */
    static final int B_HI = 3, B_LO = 4;
    /** Words used by the store; the caller's fields start here. */
    static final int KEY_WORDS = 5;

    final long[] data;
    final int stride;
    private final int capacity;
    private final long[] index;
    private final int mask;
    private int size;

    FlowStore(int capacity, int stride) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        if (stride < KEY_WORDS) {
            throw new IllegalArgumentException("stride must be at least " + KEY_WORDS);
        }
        this.capacity = capacity;
        this.stride = stride;
        this.data = new long[Math.multiplyExact(capacity, stride)];
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1; // ≥ 2 × capacity
        this.index = new long[slots];
        this.mask = slots - 1;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** Number of index slots (fixed; for memory accounting). */
    int indexSlots() {
        return index.length;
    }

    /** Offset of entry {@code e}'s first word in {@link #data}. */
    int base(int entry) {
        return entry * stride;
    }

    static long meta(int proto, int family, int portA, int portB) {
        return ((long) (proto & 0xff) << 40) | ((long) (family & 0xff) << 32)
                | ((long) (portA & 0xffff) << 16) | (portB & 0xffff);
    }

    /** A well-mixed 32-bit hash of the key (murmur3's 64-bit finaliser over a combination). */
    static int hash(long meta, long aHi, long aLo, long bHi, long bLo) {
        long h = meta * 0x9E3779B97F4A7C15L;
        h = (h ^ aHi) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ aLo) * 0x165667B19E3779F9L;
        h = (h ^ bHi) * 0xD6E8FEB86659FD93L;
        h = (h ^ bLo) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The entry holding this key, or -1. */
    int find(long meta, long aHi, long aLo, long bHi, long bLo, int hash) {
        long[] idx = index;
        long[] d = data;
        int slot = hash & mask;
        while (true) {
            long v = idx[slot];
            if (v == 0) {
                return -1;
            }
            if ((int) (v >>> 32) == hash) {
                int entry = (int) v - 1;
                int b = entry * stride;
                if (d[b + META] == meta && d[b + A_LO] == aLo && d[b + B_LO] == bLo
                        && d[b + A_HI] == aHi && d[b + B_HI] == bHi) {
                    return entry;
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Adds a key known to be absent and returns its new entry, whose caller words are zeroed.
     * The caller makes room first: the store must not be full.
     */
    int insert(long meta, long aHi, long aLo, long bHi, long bLo, int hash) {
        if (size == capacity) {
            throw new IllegalStateException("flow store full");
        }
        int entry = size++;
        int b = entry * stride;
        java.util.Arrays.fill(data, b + KEY_WORDS, b + stride, 0L);
        data[b + META] = meta;
        data[b + A_HI] = aHi;
        data[b + A_LO] = aLo;
        data[b + B_HI] = bHi;
        data[b + B_LO] = bLo;
        int slot = hash & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = ((long) hash << 32) | (entry + 1L);
        return entry;
    }

    /** Removes an entry; the last entry moves into its place (so iterate downwards when removing). */
    void remove(int entry) {
        int slot = slotOf(entry);
        deleteSlot(slot);
        int last = size - 1;
        if (entry != last) {
            int lastSlot = slotOf(last);
            System.arraycopy(data, last * stride, data, entry * stride, stride);
            index[lastSlot] = (index[lastSlot] & 0xFFFFFFFF00000000L) | (entry + 1L);
        }
        size = last;
    }

    private int slotOf(int entry) {
        int b = entry * stride;
        int hash = hash(data[b + META], data[b + A_HI], data[b + A_LO], data[b + B_HI], data[b + B_LO]);
        long want = ((long) hash << 32) | (entry + 1L);
        int slot = hash & mask;
        while (index[slot] != want) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Backward-shift deletion: pulls later members of the probe chain into the hole. */
    private void deleteSlot(int hole) {
        int slot = hole;
        while (true) {
            slot = (slot + 1) & mask;
            long v = index[slot];
            if (v == 0) {
                break;
            }
            int home = (int) (v >>> 32) & mask;
            // Move v into the hole unless its home lies cyclically in (hole, slot].
            boolean homeBetween = hole <= slot ? (home > hole && home <= slot) : (home > hole || home <= slot);
            if (!homeBetween) {
                index[hole] = v;
                hole = slot;
            }
        }
        index[hole] = 0;
    }
}
