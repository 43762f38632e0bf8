package org.wiretop.capture.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.wiretop.capture.filter.Packets.ip4;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;

/** The filter runs on the capture thread, so evaluating it must not allocate (design §4 rule 5). */
class DisplayFilterAllocationTest {
    @Test
    void evaluationAllocatesNothing() throws Exception {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off in this JVM");
        DisplayFilter f = DisplayFilter.compile("(tcp.port in {80 443 12000..13000} && tcp.flags.syn == 1"
                + " && !(ip.addr == 10.9.0.0/16)) || ipv6.addr == fe80::/10 || wiretop.status == \"truncated\""
                + " || tcp.flags & 0x12 == 0x12 || ip.src == ip.dst || eth.addr == 00:11:22:33:44:55");
        PacketSummary[] packets = {
            Packets.tcp4(ip4(10, 0, 0, 1), 51000, ip4(127, 0, 0, 1), 12345, PacketSummary.SYN),
            Packets.udp4(ip4(10, 0, 0, 1), 5, ip4(10, 0, 0, 2), 53),
            Packets.udp6(0xfe80L << 48, 1, 0, 1, 1, 2),
            Packets.arp(),
            Packets.truncatedTcp(),
        };
        int matched = 0;
        for (int i = 0; i < 20_000; i++) { // warm up so the counter's own first-use costs are paid
            matched += f.test(packets[i % packets.length]) ? 1 : 0;
        }
        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            matched += f.test(packets[i % packets.length]) ? 1 : 0;
        }
        long allocated = mx.getThreadAllocatedBytes(thread) - before;
        assertEquals(120_000 / packets.length * 5, matched); // every sample packet matches some branch
        assertTrue(allocated < 1024, "100,000 evaluations allocated " + allocated + " bytes");
    }
}
