package org.wiretop.monitor.flow;

import java.util.List;

/**
 * An immutable view of the flow table at one moment, safe to hand to any thread.
 *
 * @param timeNanos         the table's clock when taken (epoch ns: latest packet or caller's now)
 * @param startNanos        epoch ns of the first packet the table saw (0 if none): "relative start" origin
 * @param flows             the active conversations (unmodifiable, in no particular order)
 * @param packets           every packet offered to the table
 * @param untrackedPackets  packets that belong to no flow (non-IP, later fragments, cut headers)
 * @param flowsCreated      conversations ever started (including evicted ones)
 * @param evictedIdle       flows removed after their idle (or closed) timeout
 * @param evictedForSpace   flows removed because the table was at its cap
 * @param capacity          the table's cap on entries
 */
public record FlowSnapshot(long timeNanos, long startNanos, List<FlowRecord> flows, long packets,
                           long untrackedPackets, long flowsCreated, long evictedIdle,
                           long evictedForSpace, int capacity) {

    public FlowSnapshot {
        flows = List.copyOf(flows);
    }

    /** An empty snapshot (before the first publication). */
    public static FlowSnapshot empty(int capacity) {
        return new FlowSnapshot(0, 0, List.of(), 0, 0, 0, 0, 0, capacity);
    }

    /** Flows in the table now. */
    public int activeFlows() {
        return flows.size();
    }

    /** Every eviction, for whatever reason. */
    public long evictions() {
        return evictedIdle + evictedForSpace;
    }
}
