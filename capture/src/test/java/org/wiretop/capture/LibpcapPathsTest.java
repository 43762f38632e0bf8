package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wiretop.capture.CaptureTestSupport.assumeLibpcap;
import static org.wiretop.capture.CaptureTestSupport.pcapBytes;
import static org.wiretop.capture.CaptureTestSupport.randomPackets;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureTestSupport.Packet;

/**
 * Both ways of reading a libpcap handle give the same packets: our pcap_next_ex loop (the
 * default) and pcap4j's own loop (kept for when pcap4j's handle pointer cannot be reached).
 */
class LibpcapPathsTest {
    @TempDir
    Path dir;

    @Test
    void nextExLoopAndPcap4jLoopAgreeByteForByte() throws Exception {
        assumeLibpcap();
        List<Packet> packets = randomPackets(400, 21);
        Path f = Files.write(dir.resolve("p.pcap"), pcapBytes(packets, ByteOrder.BIG_ENDIAN, true, 1, 262144));
        List<Packet> fast = read(f, true, 0);
        List<Packet> pcap4j = read(f, false, 0);
        assertEquals(packets.size(), fast.size());
        assertEquals(packets.size(), pcap4j.size());
        for (int i = 0; i < packets.size(); i++) {
            for (List<Packet> got : List.of(fast, pcap4j)) {
                assertEquals(packets.get(i).epochNanos(), got.get(i).epochNanos(), "stamp of " + i);
                assertEquals(packets.get(i).wireLength(), got.get(i).wireLength(), "wire length of " + i);
                assertArrayEquals(packets.get(i).data(), got.get(i).data(), "bytes of " + i);
            }
        }
        assertEquals(7, read(f, true, 7).size());
        assertEquals(7, read(f, false, 7).size());
    }

    private static List<Packet> read(Path f, boolean fast, long max) throws CaptureException {
        List<Packet> out = new ArrayList<>();
        try (Pcap4jSource s = (Pcap4jSource) Sources.openFileWithLibpcap(f.toString())) {
            long n = s.run((ts, w, d, l) -> out.add(new Packet(ts, w, Arrays.copyOf(d, l))), max, fast);
            assertEquals(out.size(), n);
            assertEquals(n, s.stats().captured());
        }
        return out;
    }
}
