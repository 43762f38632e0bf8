package org.wiretop.monitor.flow;

/**
 * Picks the entry a full {@link FlowTable} gives up for a new flow: of the next
 * {@value #SAMPLES} entries after a rotating cursor, a finished one (TCP CLOSED or RESET) if any,
 * else the least recently seen (a CLOCK-like sweep, approximate LRU: neighbouring entries share
 * cache lines, so sampling costs little even in a huge table). Capture thread only, like the table.
 */
final class EvictionSampler {
    static final int SAMPLES = 8;

    private int cursor;

    /** The victim among the store's (non-empty) entries; {@code d} is its hot words. */
    int victim(FlowStore store, long[] d) {
        int n = store.size();
        int e = cursor < n ? cursor : 0;
        int victim = -1;
        boolean victimFinished = false;
        long victimLast = Long.MAX_VALUE;
        for (int k = 0; k < SAMPLES && k < n; k++, e = e + 1 == n ? 0 : e + 1) {
            int b = store.base(e);
            boolean finished = FlowTable.STATES[(int) (d[b + FlowLayout.INFO] & FlowLayout.STATE_MASK)].isFinished();
            long last = d[b + FlowLayout.LAST_NS];
            if (victim < 0 || (finished && !victimFinished)
                    || (finished == victimFinished && last < victimLast)) {
                victim = e;
                victimFinished = finished;
                victimLast = last;
            }
        }
        cursor = e;
        return victim;
    }
}
