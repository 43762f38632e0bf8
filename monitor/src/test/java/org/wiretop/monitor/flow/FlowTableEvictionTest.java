package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.monitor.flow.Segments.ACK;
import static org.wiretop.monitor.flow.Segments.MS;
import static org.wiretop.monitor.flow.Segments.RST;
import static org.wiretop.monitor.flow.Segments.SEC;
import static org.wiretop.monitor.flow.Segments.SYN;
import static org.wiretop.monitor.flow.Segments.ip4;
import static org.wiretop.monitor.flow.Segments.tcp4;
import static org.wiretop.monitor.flow.Segments.udp4;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When a {@link FlowTable} forgets flows: idle (finished ones sooner), and for space when full. */
class FlowTableEvictionTest {
    static final int CLIENT = ip4(10, 0, 0, 9), SERVER = ip4(10, 0, 0, 2);
    static final long T0 = 1_700_000_000L * SEC;

    @Test
    void idleFlowsAreEvictedAndFinishedOnesSooner() {
        FlowTable t = new FlowTable(FlowTableConfig.defaults()
                .withIdleTimeout(Duration.ofSeconds(60), Duration.ofSeconds(5)), LocalAddresses.none());
        t.ingest(udp4(T0, CLIENT, 1000, SERVER, 53, 10));                 // idle since T0
        t.ingest(udp4(T0 + 30 * SEC, CLIENT, 1001, SERVER, 53, 10));      // idle since +30 s
        t.ingest(tcp4(T0 + 40 * SEC, CLIENT, 2000, SERVER, 80, SYN, 1, 0, 0));
        t.ingest(tcp4(T0 + 40 * SEC, SERVER, 80, CLIENT, 2000, RST | ACK, 0, 2, 0)); // reset at +40 s
        assertEquals(3, t.size());

        assertEquals(0, t.expire(T0 + 44 * SEC));
        assertEquals(1, t.expire(T0 + 46 * SEC)); // the reset flow, 6 s quiet > 5 s
        assertEquals(2, t.size());
        assertEquals(1, t.expire(T0 + 61 * SEC)); // the first UDP flow, 61 s idle
        FlowSnapshot snap = t.snapshot();
        assertEquals(1, snap.activeFlows());
        assertEquals(1001, snap.flows().get(0).client().port());
        assertEquals(2, snap.evictedIdle());
        assertEquals(0, snap.evictedForSpace());
    }

    @Test
    void theCapHoldsAndEvictsTheLeastRecentlySeen() {
        FlowTable t = new FlowTable(FlowTableConfig.defaults().withMaxFlows(64), LocalAddresses.none());
        for (int i = 0; i < 1000; i++) {
            t.ingest(tcp4(T0 + i * MS, CLIENT, 10_000 + i, SERVER, 80, SYN, i, 0, 0));
        }
        FlowSnapshot snap = t.snapshot();
        assertEquals(64, snap.activeFlows());
        assertEquals(1000 - 64, snap.evictedForSpace());
        assertEquals(1000, snap.flowsCreated());
        // Sampled LRU: the survivors are mostly recent flows, never the oldest ones.
        long recent = snap.flows().stream().filter(f -> f.client().port() >= 10_000 + 1000 - 300).count();
        assertTrue(recent >= 48, "recent survivors: " + recent);
        assertTrue(snap.flows().stream().noneMatch(f -> f.client().port() < 10_000 + 100));
    }

    @Test
    void finishedFlowsGoFirstWhenFull() {
        FlowTable t = new FlowTable(FlowTableConfig.defaults().withMaxFlows(2), LocalAddresses.none());
        t.ingest(tcp4(T0, CLIENT, 1, SERVER, 80, SYN, 1, 0, 0));                 // older, alive
        t.ingest(tcp4(T0 + SEC, CLIENT, 2, SERVER, 80, SYN, 1, 0, 0));
        t.ingest(tcp4(T0 + SEC, SERVER, 80, CLIENT, 2, RST | ACK, 0, 2, 0));      // newer, reset
        t.ingest(tcp4(T0 + 2 * SEC, CLIENT, 3, SERVER, 80, SYN, 1, 0, 0));
        FlowSnapshot snap = t.snapshot();
        assertEquals(2, snap.activeFlows());
        assertTrue(snap.flows().stream().anyMatch(f -> f.client().port() == 1));
        assertTrue(snap.flows().stream().noneMatch(f -> f.client().port() == 2));
    }
}
