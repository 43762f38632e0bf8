package org.wiretop.decode.quic;

import java.util.Arrays;

/**
 * The connection IDs seen in long headers, so a short header (which does not say how long its
 * Destination Connection ID is) can be printed with one: a port of tcpdump's (master branch)
 * {@code print-quic.c} table, {@code register_quic_cid} / {@code lookup_quic_cid}, with its
 * behaviour kept: 512 entries written round-robin, a lookup that takes the first entry no longer
 * than the bytes and equal to their start, and moves it to the front.
 */
final class CidRegistry {
    static final int SIZE = 512, MAX = 20;

    private final byte[] cids = new byte[SIZE * MAX];
    private final int[] lengths = new int[SIZE];
    private final byte[] swap = new byte[MAX];
    private int next;

    /**
     * tcpdump's {@code lookup_quic_cid(cid, length)}: 0 (the entry, moved to the front) when an
     * entry matches the start of {@code data[off, off + length)}, else -1.
     */
    int lookup(byte[] data, int off, int length) {
        for (int i = 0; i < SIZE; i++) {
            int n = lengths[i];
            if (n > length) {
                continue;
            }
            if (n == 0) {
                break;
            }
            if (Arrays.equals(cids, i * MAX, i * MAX + n, data, off, off + n)) {
                if (i != 0) {
                    System.arraycopy(cids, i * MAX, swap, 0, MAX);
                    System.arraycopy(cids, 0, cids, i * MAX, MAX);
                    System.arraycopy(swap, 0, cids, 0, MAX);
                    lengths[i] = lengths[0];
                    lengths[0] = n;
                }
                return 0;
            }
        }
        return -1;
    }

    /** tcpdump's {@code register_quic_cid}: adds the ID unless empty or already matched. */
    void register(byte[] data, int off, int length) {
        if (length == 0 || length > MAX || lookup(data, off, length) >= 0) {
            return;
        }
        Arrays.fill(cids, next * MAX, next * MAX + MAX, (byte) 0);
        System.arraycopy(data, off, cids, next * MAX, length);
        lengths[next] = length;
        next = (next + 1) % SIZE;
    }

    int length(int entry) {
        return lengths[entry];
    }

    /** Copies entry {@code entry}'s bytes into {@code out}. */
    void copy(int entry, byte[] out) {
        System.arraycopy(cids, entry * MAX, out, 0, lengths[entry]);
    }
}
