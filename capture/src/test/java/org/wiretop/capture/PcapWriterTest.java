package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.CaptureTestSupport.assumeTool;
import static org.wiretop.capture.CaptureTestSupport.randomPackets;
import static org.wiretop.capture.CaptureTestSupport.readAll;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureTestSupport.Packet;

/** The pcap writer: exact round trips through our reader, tcpdump and tshark; flushing; closing. */
class PcapWriterTest {
    @TempDir
    Path dir;

    private Path write(List<Packet> packets, int linkType) throws CaptureException {
        Path f = dir.resolve("out.pcap");
        try (PcapWriter w = PcapWriter.open(f.toString(), linkType, 262144)) {
            for (Packet p : packets) {
                w.write(p.epochNanos(), p.wireLength(), p.data(), p.data().length);
            }
            assertEquals(packets.size(), w.written());
        }
        return f;
    }

    @Test
    void ourReaderGetsBackEveryByteAndNanosecond() throws Exception {
        List<Packet> packets = randomPackets(2000, 1);
        Path f = write(packets, 1);
        try (PacketSource s = Sources.openFile(f.toString())) {
            assertEquals(1, s.linkType());
            assertEquals(262144, s.snaplen());
            List<Packet> back = readAll(s);
            assertEquals(packets.size(), back.size());
            for (int i = 0; i < packets.size(); i++) {
                assertEquals(packets.get(i).epochNanos(), back.get(i).epochNanos());
                assertEquals(packets.get(i).wireLength(), back.get(i).wireLength());
                assertArrayEquals(packets.get(i).data(), back.get(i).data());
            }
        }
    }

    @Test
    void tcpdumpReadsTheSameBytesAndStamps() throws Exception {
        assumeTool("tcpdump");
        List<Packet> packets = randomPackets(200, 2);
        Path f = write(packets, 1);
        // -tt with nanosecond precision: "1700000000.123456789 ..." then -xx hex of every byte.
        String out = CaptureTestSupport.run("tcpdump", "-r", f.toString(), "-nn", "-tt",
                "--time-stamp-precision=nano", "-xx");
        List<String> stamps = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        ByteArrayOutputStream current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("\t0x")) {
                String hex = line.substring(line.indexOf(':') + 1).replace(" ", "").strip();
                current.writeBytes(HexFormat.of().parseHex(hex));
            } else if (!line.isBlank()) {
                if (current != null) {
                    frames.add(current.toByteArray());
                }
                current = new ByteArrayOutputStream();
                stamps.add(line.substring(0, line.indexOf(' ')));
            }
        }
        frames.add(current.toByteArray());
        assertEquals(packets.size(), frames.size(), "tcpdump's packet count");
        for (int i = 0; i < packets.size(); i++) {
            long ts = packets.get(i).epochNanos();
            assertEquals(String.format("%d.%09d", ts / 1_000_000_000L, ts % 1_000_000_000L), stamps.get(i), "stamp of " + i);
            assertArrayEquals(packets.get(i).data(), frames.get(i), "bytes of " + i);
        }
    }

    @Test
    void tsharkReadsTheSameStampsAndLengths() throws Exception {
        assumeTool("tshark");
        List<Packet> packets = randomPackets(100, 3);
        Path f = write(packets, 1);
        String out = CaptureTestSupport.run("tshark", "-n", "-r", f.toString(), "-T", "fields",
                "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len");
        String[] lines = out.strip().split("\n");
        assertEquals(packets.size(), lines.length);
        for (int i = 0; i < packets.size(); i++) {
            Packet p = packets.get(i);
            String expected = String.format("%d.%09d\t%d\t%d", p.epochNanos() / 1_000_000_000L,
                    p.epochNanos() % 1_000_000_000L, p.wireLength(), p.data().length);
            assertEquals(expected, lines[i].strip(), "frame " + (i + 1));
        }
    }

    @Test
    void recordsReachTheFileWithinTheFlushIntervalWithoutAnExplicitFlush() throws Exception {
        Path f = dir.resolve("timed.pcap");
        List<Packet> packets = randomPackets(3, 4);
        try (PcapWriter w = PcapWriter.open(f.toString(), 1, 262144, 50, 1_000_000)) {
            for (Packet p : packets) {
                w.write(p.epochNanos(), p.wireLength(), p.data(), p.data().length);
            }
            long expected = 24 + packets.stream().mapToLong(p -> 16 + p.data().length).sum();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(f) < expected && System.nanoTime() < deadline) {
                LockSupport.parkNanos(5_000_000L);
            }
            // Read while the writer is still open: what a SIGKILL now would leave behind.
            assertEquals(expected, Files.size(f));
            try (PacketSource s = Sources.openFile(f.toString())) {
                assertEquals(3, readAll(s).size());
            }
        }
    }

    @Test
    void everyFlushHoldsWholeRecordsOnly() throws Exception {
        Path f = dir.resolve("batches.pcap");
        List<Packet> packets = randomPackets(5000, 5);
        try (PcapWriter w = PcapWriter.open(f.toString(), 1, 262144, 1000, 7)) {
            for (int i = 0; i < packets.size(); i++) {
                Packet p = packets.get(i);
                w.write(p.epochNanos(), p.wireLength(), p.data(), p.data().length);
                if (i % 500 == 499) {
                    w.flush();
                    try (PacketSource s = Sources.openFile(f.toString())) {
                        assertEquals(i + 1, readAll(s).size());
                        assertEquals(null, s.endNote(), "the file ends on a record boundary");
                    }
                }
            }
        }
    }

    @Test
    void writesAfterCloseAreDroppedNotFailed() throws Exception {
        Path f = dir.resolve("closed.pcap");
        PcapWriter w = PcapWriter.open(f.toString(), 1, 262144);
        byte[] d = {1, 2, 3};
        w.write(1_000_000_000L, 3, d, 3);
        w.close();
        w.write(2_000_000_000L, 3, d, 3); // a shutdown hook closed it while the capture ran on
        w.close();
        assertEquals(1, w.droppedAfterClose());
        try (PacketSource s = Sources.openFile(f.toString())) {
            assertEquals(1, readAll(s).size());
        }
    }

    @Test
    void unwritablePathIsOneUsageLine() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> PcapWriter.open(dir.resolve("no/such/dir/x.pcap").toString(), 1, 262144));
        assertTrue(e.usage());
        assertTrue(e.getMessage().endsWith("x.pcap: No such file or directory"), e.getMessage());
    }
}
