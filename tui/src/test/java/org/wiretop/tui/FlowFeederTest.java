package org.wiretop.tui;

import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The flow thread reads the ring behind the capture, decodes and hands every packet on, in order. */
class FlowFeederTest {
    private static boolean await(BooleanSupplier c) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!c.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000L);
        }
        return c.getAsBoolean();
    }

    @Test
    void everyPacketReachesTheFlowTableDecodedAndInOrder() {
        PacketRing ring = new PacketRing(1, 1000, 1 << 20);
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        AtomicInteger udp = new AtomicInteger();
        AtomicInteger idle = new AtomicInteger();
        try (FlowFeeder f = new FlowFeeder(() -> ring, (PacketSummary s) -> {
            seen.add(s.frameNumber);
            if (s.has(PacketSummary.UDP) && s.dstPort == 11111) {
                udp.incrementAndGet();
            }
        }, idle::incrementAndGet).start()) {
            for (int i = 0; i < 50; i++) {
                byte[] p = Frames.udp(40000 + i, 11111, 8);
                ring.add(i, p.length, p, p.length);
            }
            assertTrue(await(() -> seen.size() == 50), "all 50 packets ingested, got " + seen.size());
            assertTrue(await(() -> idle.get() > 0), "idle callback once caught up");
            assertEquals(50, udp.get());
            long expected = 1;
            for (long n : seen) {
                assertEquals(expected++, n);
            }
            assertEquals(0, f.skipped());
        }
    }
}
