package org.wiretop.monitor.flow;

/**
 * The writer's list of ended TCP flows (FIN or RST seen), oldest first, so that
 * {@link FlowAttribution} forgets each once it has been quiet for a while: a ring of flow-store
 * entry numbers and the times they were listed. An entry's listing follows it when the store
 * moves it ({@link #moved}) and is voided when it goes otherwise ({@link #cancel}), so taking a
 * due flow needs no lookup. Fixed size; full, it lists nothing more (the store's eviction does
 * the forgetting then). Writer thread only.
 */
final class EndedFlows {
    private final long[] listedAt;
    /** Entry number per slot, -1 when the listing was voided. */
    private final int[] entry;
    private int head, count;

    EndedFlows(int capacity) {
        this.listedAt = new long[capacity];
        this.entry = new int[capacity];
    }

    /** Lists an entry; its slot (to be kept with the entry), or -1 when full. */
    int list(int e, long nowNanos) {
        if (count == entry.length) {
            return -1;
        }
        int at = (head + count++) % entry.length;
        listedAt[at] = nowNanos;
        entry[at] = e;
        return at;
    }

    /** The entry listed in {@code slot} now has another number. */
    void moved(int slot, int e) {
        entry[slot] = e;
    }

    /** The entry listed in {@code slot} is gone. */
    void cancel(int slot) {
        entry[slot] = -1;
    }

    /** Whether the oldest listing is at least {@code ageNanos} old. */
    boolean due(long nowNanos, long ageNanos) {
        return count > 0 && nowNanos - listedAt[head] >= ageNanos;
    }

    /** Takes the oldest listing: its entry, or -1 when it was voided. */
    int take() {
        int e = entry[head];
        head = head + 1 == entry.length ? 0 : head + 1;
        count--;
        return e;
    }
}
