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
 * Every way of reading a libpcap handle gives the same packets: our pcap_next_ex loop (the
 * default, libpcap's memory read with plain loads), the same loop with JNA's reads (kept for a
 * JDK without {@code sun.misc.Unsafe}) and pcap4j's own loop (kept for when pcap4j's handle
 * pointer cannot be reached).
 */
class LibpcapPathsTest {
    @TempDir
    Path dir;

    @Test
    void everyReadPathAgreesByteForByte() throws Exception {
        assumeLibpcap();
        List<Packet> packets = randomPackets(400, 21);
        Path f = Files.write(dir.resolve("p.pcap"), pcapBytes(packets, ByteOrder.BIG_ENDIAN, true, 1, 262144));
        List<List<Packet>> paths = new ArrayList<>();
        for (Pcap4jSource.ReadPath path : Pcap4jSource.ReadPath.values()) {
            List<Packet> got = read(f, path, 0);
            assertEquals(packets.size(), got.size(), path.toString());
            paths.add(got);
            assertEquals(7, read(f, path, 7).size(), path.toString());
        }
        for (int i = 0; i < packets.size(); i++) {
            for (List<Packet> got : paths) {
                assertEquals(packets.get(i).epochNanos(), got.get(i).epochNanos(), "stamp of " + i);
                assertEquals(packets.get(i).wireLength(), got.get(i).wireLength(), "wire length of " + i);
                assertArrayEquals(packets.get(i).data(), got.get(i).data(), "bytes of " + i);
            }
        }
    }

    private static List<Packet> read(Path f, Pcap4jSource.ReadPath path, long max) throws CaptureException {
        List<Packet> out = new ArrayList<>();
        try (Pcap4jSource s = (Pcap4jSource) Sources.openFileWithLibpcap(f.toString())) {
            long n = s.run((ts, w, d, l) -> out.add(new Packet(ts, w, Arrays.copyOf(d, l))), max, path);
            assertEquals(out.size(), n);
            assertEquals(n, s.stats().captured());
        }
        return out;
    }
}
