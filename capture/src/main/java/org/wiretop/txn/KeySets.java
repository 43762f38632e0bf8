package org.wiretop.txn;

/**
 * The key index of a transaction table: a fixed, set-associative array of non-zero {@code long}
 * keys (4 ways a set), so a table holds a bounded number of entries, allocated once, and a full set
 * gives up the entry its caller thinks oldest. The tables keep their columns in arrays indexed
 * like {@link #key}.
 */
final class KeySets {
    static final int WAYS = 4;

    /** The key in each slot; 0 = empty. */
    final long[] key;
    private final int mask;

    /** About {@code capacity} slots: a power of two, at least one set. */
    KeySets(int capacity) {
        int sets = Integer.highestOneBit(Math.max(WAYS, capacity) / WAYS);
        mask = sets - 1;
        key = new long[sets * WAYS];
    }

    int slots() {
        return key.length;
    }

    /** The slot holding {@code k}, or -1. */
    int find(long k) {
        int base = set(k);
        for (int w = 0; w < WAYS; w++) {
            if (key[base + w] == k) {
                return base + w;
            }
        }
        return -1;
    }

    /**
     * An empty slot of {@code k}'s set, or the one whose {@code age} is least: then it still holds
     * another key, and the caller counts the eviction before it writes {@code k} there.
     */
    int emptyOrOldest(long k, long[] age) {
        int base = set(k);
        int oldest = base;
        for (int w = 0; w < WAYS; w++) {
            int i = base + w;
            if (key[i] == 0) {
                return i;
            }
            if (age[i] < age[oldest]) {
                oldest = i;
            }
        }
        return oldest;
    }

    private int set(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return ((int) (h >>> 40) & mask) * WAYS;
    }
}
