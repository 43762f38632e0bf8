package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;

/**
 * A SYN flood of one million distinct flows (random-looking sources and ports) cannot grow the
 * table: it stays at its cap, every extra flow costs one counted eviction, and the preallocated
 * arrays are all the memory the table holds (checked by their fixed size, not by timing).
 */
class FlowTableMemoryBoundTest {

    @Test
    void oneMillionDistinctFlowsStayWithinTheCap() {
        int cap = 65_536;
        int flows = 1_000_000;
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withMaxFlows(cap), LocalAddresses.none());
        long footprint = table.preallocatedLongs();
        // Entries plus an index at most 4 × cap: bounded by the cap alone.
        assertTrue(footprint <= (long) cap * FlowLayout.STRIDE + 4L * cap, "footprint " + footprint);

        PacketSummary s = new PacketSummary();
        long t0 = 1_700_000_000_000_000_000L;
        int server = Segments.ip4(10, 0, 0, 1);
        for (int i = 0; i < flows; i++) {
            int src = Segments.ip4(172, 16 + (i >>> 16), (i >>> 8) & 0xff, i & 0xff);
            Segments.tcp4(s, t0 + i * 1000L, src, 1024 + (int) ((i * 7919L) % 64000), server, 80,
                    Segments.SYN, i * 2654435761L, 0, 0);
            table.ingest(s);
            if (i % 100_000 == 0) {
                assertTrue(table.size() <= cap);
            }
        }
        FlowSnapshot snap = table.snapshot();
        assertEquals(cap, table.size());
        assertEquals(cap, snap.activeFlows());
        assertEquals(flows, snap.flowsCreated());
        assertEquals(flows - cap, snap.evictedForSpace());
        assertEquals(flows, snap.packets());
        assertEquals(0, snap.untrackedPackets());
        assertEquals(footprint, table.preallocatedLongs(), "nothing was allocated beyond the preallocation");
    }
}
