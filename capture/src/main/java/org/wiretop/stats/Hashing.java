package org.wiretop.stats;

/** A cheap integer mixer for the open-addressing tables (Murmur3's finaliser). */
final class Hashing {
    private Hashing() {
    }

    static int mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}
