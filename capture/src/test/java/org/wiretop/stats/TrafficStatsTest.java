package org.wiretop.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.AppFrames;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The {@code --stats} tables' bounds and costs (their numbers are held to tshark's by the CLI's
 * StatsTsharkTest): a full table says how many packets it could not count, a packet costs no
 * allocation once the tables know its addresses and path, Wireshark's size words.
 */
class TrafficStatsTest {
    private final Decoder decoder = new Decoder();
    private final PacketSummary s = new PacketSummary();

    /** A UDP/DNS frame from 10.0.0.{src} to 10.0.0.{dst}. */
    private static byte[] frame(int src, int dst) {
        byte[] f = AppFrames.udp(40000, 9999, "payload");
        f[14 + 15] = (byte) src;
        f[14 + 19] = (byte) dst;
        return f;
    }

    private void add(TrafficStats stats, byte[] f, long nanos) {
        s.epochNanos = nanos;
        decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
        stats.add(s);
    }

    @Test
    void fullTablesCountWhatTheyCouldNot() {
        TrafficStats stats = new TrafficStats(2, 3);
        add(stats, frame(1, 2), 0);
        add(stats, frame(2, 1), 1_000);
        add(stats, frame(1, 3), 2_000); // a third address, a second pair
        add(stats, frame(4, 5), 3_000); // a third pair
        String text = stats.text();
        assertTrue(text.contains("2 more packets not counted (more than 2 endpoints)"), text);
        assertTrue(text.contains("1 more packets not counted (more than 2 conversations)"), text);
        // eth > ip > udp > data needs 4 nodes: none fits in 3
        assertTrue(text.contains("4 more frames not counted (more than 3 protocol paths)"), text);
        assertEquals(2, stats.conversations().size());
        assertEquals(2, stats.endpoints().size());
    }

    @Test
    void countsOrdersAndTimesAsTshark() {
        TrafficStats stats = new TrafficStats();
        add(stats, frame(9, 8), 1_000_000_000L);
        add(stats, frame(1, 2), 1_500_000_000L);
        add(stats, frame(2, 1), 3_750_000_000L);
        String text = stats.text();
        List<String> lines = List.of(text.split("\n"));
        int header = lines.indexOf("IPv4 Conversations") + 4;
        // 49-byte frames; most frames first, so the pair seen second leads; "<-" is B to A
        assertEquals("10.0.0.1             <-> 10.0.0.2                   1 49 bytes        1 49 bytes        2 98 bytes "
                + "     0.500000000         2.2500", lines.get(header));
        assertEquals("10.0.0.9             <-> 10.0.0.8                   0 0 bytes         1 49 bytes        1 49 bytes "
                + "     0.000000000         0.0000", lines.get(header + 1));
        assertTrue(text.contains("eth                                      frames:3 bytes:147\n"
                + "  ip                                     frames:3 bytes:147\n"
                + "    udp                                  frames:3 bytes:147\n"
                + "      data                               frames:3 bytes:147\n"), text);
    }

    @Test
    void sizesAreWiresharksWords() {
        assertEquals("9999 bytes", Columns.size(9_999));
        assertEquals("10 kB", Columns.size(10_000));
        assertEquals("159 kB", Columns.size(159_457));
        assertEquals("12 MB", Columns.size(12_345_678));
        assertEquals("0.12", Columns.fixed(0.125, 2)); // an exact half: to even, as glibc's printf (Java's %f: 0.13)
        assertEquals("0.0001", Columns.fixed(0.00015, 4)); // that double lies just below the half
        assertEquals("0.000000000", Columns.fixed(0, 9));
    }

    @Test
    void aKnownPacketAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "allocation counting is off");
        TrafficStats stats = new TrafficStats();
        byte[][] frames = {frame(1, 2), frame(2, 1), frame(3, 4), AppFrames.tcp(40000, 80, "GET / HTTP/1.1\r\n\r\n"),
                AppFrames.udp(40000, 53, "\0\1\1\0\0\1\0\0\0\0\0\0\3www\0\0\1\0\1")};
        long thread = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 300; round++) { // warm up, then measure the quietest round
            long before = mx.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 1000; i++) {
                add(stats, frames[i % frames.length], i);
            }
            least = Math.min(least, mx.getThreadAllocatedBytes(thread) - before);
        }
        assertTrue(least < 1024, "1000 packets allocated " + least + " bytes at least");
    }
}
