package org.wiretop.conv;

import java.util.Arrays;

/**
 * The conversation table: one entry a TCP or UDP conversation (both directions of an address and
 * port pair), as Wireshark's conversation table, numbered in order of first packet from 0 per
 * protocol ({@code tcp.stream}, {@code udp.stream}).
 *
 * <p>Open addressing with linear probing over primitive arrays, so a lookup allocates nothing.
 * Entries live in two least-recently-used lists, open and closed; when the table holds its limit,
 * a new conversation takes the place of the least recently seen closed one, or, with none closed,
 * of the least recently seen open one (a SYN flood). Each such eviction is counted: a conversation
 * seen again after its eviction gets a new number, where tshark, which never forgets, would not.
 *
 * <p>The arrays start small and double up to the limit. Single writer, not thread-safe.
 */
final class Conversations {
    static final byte TCP = 1, UDP = 2, V6 = 4;
    private static final int NONE = -1;

    /** Told when an entry's state must start afresh (a new conversation in a reused entry). */
    interface Resets {
        void reset(int id);

        void grow(int capacity);
    }

    private final int limit;
    private final Resets resets;
    private int capacity; // entries allocated (a power of two, at most the limit rounded up)
    private int count;
    private long evicted;
    private int nextTcpStream, nextUdpStream;

    // ---- entries ----
    private byte[] kind = new byte[0];
    private long[] aHi = new long[0], aLo = new long[0], bHi = new long[0], bLo = new long[0];
    private int[] ports = new int[0];
    private int[] stream = new int[0];
    /** Bit 1: FIN seen from side 0, bit 2: from side 1, bit 4: RST; closed = both FINs or a RST. */
    private byte[] ends = new byte[0];
    private int[] prev = new int[0], next = new int[0];
    private final int[] head = {NONE, NONE}, tail = {NONE, NONE}; // [0] open, [1] closed

    // ---- hash index: entry id + 1, 0 = empty ----
    private int[] slots = new int[0];
    private int slotMask;

    /**
     * @param limit  most conversations held at once (at least 2)
     * @param resets told to reset an entry's per-conversation state, and of each growth
     */
    Conversations(int limit, Resets resets) {
        if (limit < 2) {
            throw new IllegalArgumentException("conversation limit " + limit + " < 2");
        }
        this.limit = limit;
        this.resets = resets;
        grow(Math.min(limit, 1024));
    }

    int size() {
        return count;
    }

    int capacity() {
        return capacity;
    }

    long evicted() {
        return evicted;
    }

    int stream(int id) {
        return stream[id];
    }

    /** Streams numbered so far (tcp, udp). */
    int tcpStreams() {
        return nextTcpStream;
    }

    int udpStreams() {
        return nextUdpStream;
    }

    /** The entry of a conversation, or -1 when the table does not hold it (nothing changes). */
    int find(byte k, long ahi, long alo, long bhi, long blo, int p) {
        return slots[slotOf(k, ahi, alo, bhi, blo, p)] - 1;
    }

    /**
     * The entry of a conversation keyed by its two endpoints in a fixed order (the caller orders
     * them), creating it with the next stream number when it is new; {@code created[0]} tells which.
     */
    int findOrCreate(byte k, long ahi, long alo, long bhi, long blo, int p, boolean[] created) {
        int slot = slotOf(k, ahi, alo, bhi, blo, p);
        int id = slots[slot] - 1;
        if (id >= 0) {
            created[0] = false;
            touch(id);
            return id;
        }
        created[0] = true;
        if (count == capacity) {
            if (capacity < limit) {
                grow(Math.min(limit, capacity * 2));
            } else {
                evictOne();
            }
            slot = slotOf(k, ahi, alo, bhi, blo, p);
        }
        id = freeId();
        kind[id] = k;
        aHi[id] = ahi;
        aLo[id] = alo;
        bHi[id] = bhi;
        bLo[id] = blo;
        ports[id] = p;
        slots[slot] = id + 1;
        count++;
        renumber(id);
        return id;
    }

    /** Starts a new conversation in the entry (a TCP 4-tuple reused): next number, fresh state. */
    void renumber(int id) {
        stream[id] = (kind[id] & TCP) != 0 ? nextTcpStream++ : nextUdpStream++;
        ends[id] = 0;
        unlink(id);
        append(id, 0);
        resets.reset(id);
    }

    /** Records a FIN from {@code side} (0 or 1) or a RST; a closed entry is the first to go. */
    void end(int id, int side, boolean reset) {
        int e = ends[id] | (reset ? 4 : 1 << side);
        ends[id] = (byte) e;
        if ((e & 4) != 0 || (e & 3) == 3) {
            unlink(id);
            append(id, 1);
        }
    }

    private void touch(int id) {
        int list = inList[id];
        if (tail[list] != id) {
            unlink(id);
            append(id, list);
        }
    }

    private void evictOne() {
        int victim = head[1] != NONE ? head[1] : head[0];
        remove(victim);
        evicted++;
    }

    /** Unlinks the entry from its list and the hash index (backward-shift deletion). */
    private void remove(int id) {
        unlink(id);
        int slot = slotOf(kind[id], aHi[id], aLo[id], bHi[id], bLo[id], ports[id]);
        slots[slot] = 0;
        for (int j = (slot + 1) & slotMask; slots[j] != 0; j = (j + 1) & slotMask) {
            int other = slots[j] - 1;
            int home = home(kind[other], aHi[other], aLo[other], bHi[other], bLo[other], ports[other]);
            // move it back when its home is not cyclically within (slot, j]
            if (((j - home) & slotMask) >= ((j - slot) & slotMask)) {
                slots[slot] = slots[j];
                slots[j] = 0;
                slot = j;
            }
        }
        kind[id] = 0;
        next[id] = freeHead;
        freeHead = id;
        count--;
    }

    private int freeHead = NONE;
    private int neverUsed;

    private int freeId() {
        if (freeHead != NONE) {
            int id = freeHead;
            freeHead = next[id];
            return id;
        }
        return neverUsed++;
    }

    private void unlink(int id) {
        int list = inList[id];
        if (list < 0) {
            return;
        }
        int p = prev[id], n = next[id];
        if (p != NONE) {
            next[p] = n;
        } else {
            head[list] = n;
        }
        if (n != NONE) {
            prev[n] = p;
        } else {
            tail[list] = p;
        }
        prev[id] = NONE;
        next[id] = NONE;
        inList[id] = -1;
    }

    /** Which list an entry is in: 0 open, 1 closed, -1 none. */
    private byte[] inList = new byte[0];

    private void append(int id, int list) {
        inList[id] = (byte) list;
        prev[id] = tail[list];
        next[id] = NONE;
        if (tail[list] != NONE) {
            next[tail[list]] = id;
        } else {
            head[list] = id;
        }
        tail[list] = id;
    }

    private int slotOf(byte k, long ahi, long alo, long bhi, long blo, int p) {
        int i = home(k, ahi, alo, bhi, blo, p);
        while (true) {
            int id = slots[i] - 1;
            if (id < 0 || (ports[id] == p && aLo[id] == alo && bLo[id] == blo && kind[id] == k
                    && aHi[id] == ahi && bHi[id] == bhi)) {
                return i;
            }
            i = (i + 1) & slotMask;
        }
    }

    private int home(byte k, long ahi, long alo, long bhi, long blo, int p) {
        long h = alo * 0x9E3779B97F4A7C15L + blo;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L + (ahi ^ Long.rotateLeft(bhi, 23)) + ((long) p << 3 | k);
        h = (h ^ (h >>> 29)) * 0x94D049BB133111EBL;
        return (int) (h ^ (h >>> 32)) & slotMask;
    }

    private void grow(int newCapacity) {
        int old = capacity;
        capacity = newCapacity;
        kind = Arrays.copyOf(kind, newCapacity);
        aHi = Arrays.copyOf(aHi, newCapacity);
        aLo = Arrays.copyOf(aLo, newCapacity);
        bHi = Arrays.copyOf(bHi, newCapacity);
        bLo = Arrays.copyOf(bLo, newCapacity);
        ports = Arrays.copyOf(ports, newCapacity);
        stream = Arrays.copyOf(stream, newCapacity);
        ends = Arrays.copyOf(ends, newCapacity);
        inList = Arrays.copyOf(inList, newCapacity);
        prev = Arrays.copyOf(prev, newCapacity);
        next = Arrays.copyOf(next, newCapacity);
        Arrays.fill(prev, old, newCapacity, NONE);
        Arrays.fill(next, old, newCapacity, NONE);
        Arrays.fill(inList, old, newCapacity, (byte) -1);
        slots = new int[Integer.highestOneBit(newCapacity * 2 - 1) * 2]; // load factor <= 1/2
        slotMask = slots.length - 1;
        for (int id = 0; id < neverUsed; id++) {
            if (kind[id] != 0) {
                slots[slotOf(kind[id], aHi[id], aLo[id], bHi[id], bLo[id], ports[id])] = id + 1;
            }
        }
        resets.grow(newCapacity);
    }
}
