package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.CaptureTestSupport.assumeLibpcap;
import static org.wiretop.capture.CaptureTestSupport.inPrecision;
import static org.wiretop.capture.CaptureTestSupport.pcapBytes;
import static org.wiretop.capture.CaptureTestSupport.randomPackets;
import static org.wiretop.capture.CaptureTestSupport.readAll;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wiretop.capture.CaptureTestSupport.Packet;

/** The pure-Java pcap readers (file, stream) against libpcap and hostile files. */
class PcapReaderTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} byte order, nanos={1}")
    @CsvSource({"BIG_ENDIAN,true", "BIG_ENDIAN,false", "LITTLE_ENDIAN,true", "LITTLE_ENDIAN,false"})
    void fileReaderReadsWhatWasWrittenAndAgreesWithLibpcap(String orderName, boolean nanos) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        List<Packet> packets = randomPackets(300, orderName.hashCode() + (nanos ? 1 : 0));
        Path f = dir.resolve("gen.pcap");
        Files.write(f, pcapBytes(packets, order, nanos, 1, 65535));

        List<Packet> ours;
        try (PacketSource s = Sources.openFile(f.toString())) {
            assertTrue(s instanceof PcapFileSource, "classic pcap goes through our own reader");
            assertEquals(1, s.linkType());
            assertEquals(65535, s.snaplen());
            ours = readAll(s);
            assertNull(s.endNote());
        }
        assertEquals(packets.size(), ours.size());
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(inPrecision(packets.get(i).epochNanos(), nanos), ours.get(i).epochNanos(), "stamp of " + i);
            assertEquals(packets.get(i).wireLength(), ours.get(i).wireLength(), "wire length of " + i);
            assertArrayEquals(packets.get(i).data(), ours.get(i).data(), "bytes of " + i);
        }

        assumeLibpcap();
        List<Packet> libpcap;
        try (PacketSource s = Sources.openFileWithLibpcap(f.toString())) {
            assertEquals(1, s.linkType());
            libpcap = readAll(s);
        }
        assertEquals(ours.size(), libpcap.size());
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(libpcap.get(i).epochNanos(), ours.get(i).epochNanos(), "stamp of " + i);
            assertEquals(libpcap.get(i).wireLength(), ours.get(i).wireLength(), "wire length of " + i);
            assertArrayEquals(libpcap.get(i).data(), ours.get(i).data(), "bytes of " + i);
        }
    }

    @Test
    void maxPacketsAndResumeDeliverEachPacketOnce() throws Exception {
        List<Packet> packets = randomPackets(10, 7);
        Path f = dir.resolve("ten.pcap");
        Files.write(f, pcapBytes(packets, ByteOrder.LITTLE_ENDIAN, true, 1, 262144));
        try (PacketSource s = Sources.openFile(f.toString())) {
            assertEquals(4, s.run((ts, w, d, l) -> { }, 4));
            assertEquals(6, s.run((ts, w, d, l) -> { }, 0));
            assertEquals(0, s.run((ts, w, d, l) -> { }, 0));
            assertEquals(10, s.stats().captured());
        }
    }

    @Test
    void corruptLengthStopsWithTheRecordNumberAndNeverAllocatesIt() throws Exception {
        byte[] bytes = pcapBytes(randomPackets(3, 3), ByteOrder.LITTLE_ENDIAN, true, 1, 262144);
        int third = thirdRecordOffset(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(third + 8, -1); // caplen 4294967295
        Path f = dir.resolve("corrupt.pcap");
        Files.write(f, bytes);
        int[] seen = {0};
        try (PacketSource s = Sources.openFile(f.toString())) {
            CaptureException e = assertThrows(CaptureException.class, () -> s.run((ts, w, d, l) -> seen[0]++, 0));
            assertEquals(f + ": record 3 is corrupt (caplen 4294967295); read 2 packets", e.getMessage());
            assertTrue(!e.usage(), "a corrupt file is a runtime failure (exit 1)");
        }
        assertEquals(2, seen[0], "the packets before the corrupt record are delivered");

        try (PacketSource s = Sources.openStream("-", Files.newInputStream(f))) {
            CaptureException e = assertThrows(CaptureException.class, () -> s.run((ts, w, d, l) -> { }, 0));
            assertTrue(e.getMessage().contains("record 3 is corrupt (caplen 4294967295); read 2 packets"), e.getMessage());
        }
    }

    @Test
    void fileCutInsideARecordEndsCleanlyWithANote() throws Exception {
        byte[] bytes = pcapBytes(randomPackets(3, 4), ByteOrder.BIG_ENDIAN, false, 1, 262144);
        for (int cut : new int[] {thirdRecordOffset(bytes) + 5, bytes.length - 1}) {
            Path f = dir.resolve("cut" + cut + ".pcap");
            Files.write(f, Arrays.copyOf(bytes, cut));
            for (boolean stream : new boolean[] {false, true}) {
                try (PacketSource s = stream ? Sources.openStream("-", Files.newInputStream(f)) : Sources.openFile(f.toString())) {
                    assertEquals(2, readAll(s).size());
                    String note = s.endNote();
                    assertTrue(note != null && note.contains("ends inside record 3") && note.endsWith("read 2 packets"), note);
                }
            }
        }
    }

    @Test
    void recordLongerThanTheSnaplenBoundIsCorrupt() throws Exception {
        // 300 KiB claims to be captured in a file whose bound is 262144: refused before reading.
        byte[] bytes = pcapBytes(List.of(new Packet(1, 10, new byte[10])), ByteOrder.LITTLE_ENDIAN, true, 1, 65535);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(24 + 8, 300 * 1024);
        Path f = dir.resolve("long.pcap");
        Files.write(f, bytes);
        try (PacketSource s = Sources.openFile(f.toString())) {
            CaptureException e = assertThrows(CaptureException.class, () -> readAll(s));
            assertTrue(e.getMessage().contains("record 1 is corrupt (caplen 307200); read 0 packets"), e.getMessage());
        }
    }

    @Test
    void badFilesGiveOneUsageLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pcap"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "these are not packets\n");
        Path shortHeader = Files.write(dir.resolve("short.pcap"), new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0});
        assertUsage(dir.resolve("missing.pcap").toString(), "missing.pcap: no such file");
        assertUsage(empty.toString(), "empty.pcap: empty file, not a capture file");
        assertUsage(text.toString(), "notes.txt: not a capture file (neither pcap nor pcapng)");
        assertUsage(shortHeader.toString(), "short.pcap: pcap header cut short (6 bytes): the file is incomplete");
        assertUsage(dir.toString(), "is a directory, not a capture file");
    }

    private static void assertUsage(String path, String expectedEnd) {
        CaptureException e = assertThrows(CaptureException.class, () -> Sources.openFile(path).close());
        assertTrue(e.usage(), "usage error (exit 2): " + e.getMessage());
        assertTrue(e.getMessage().endsWith(expectedEnd), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
    }

    @Test
    void pcapngIsReadThroughLibpcapWithTheSamePackets() throws Exception {
        assumeLibpcap();
        CaptureTestSupport.assumeTool("editcap");
        List<Packet> packets = randomPackets(50, 9);
        Path pcap = Files.write(dir.resolve("a.pcap"), pcapBytes(packets, ByteOrder.LITTLE_ENDIAN, true, 1, 262144));
        Path ng = dir.resolve("a.pcapng");
        CaptureTestSupport.run("editcap", "-F", "pcapng", pcap.toString(), ng.toString());
        List<Packet> read;
        try (PacketSource s = Sources.openFile(ng.toString())) {
            assertTrue(!(s instanceof PcapFileSource), "pcapng goes through libpcap");
            assertEquals(1, s.linkType());
            read = readAll(s);
        }
        assertEquals(packets.size(), read.size());
        for (int i = 0; i < packets.size(); i++) {
            assertEquals(packets.get(i).epochNanos(), read.get(i).epochNanos(), "stamp of " + i);
            assertArrayEquals(packets.get(i).data(), read.get(i).data(), "bytes of " + i);
        }
    }

    private static int thirdRecordOffset(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap);
        b.order(b.getInt(0) == 0xa1b2c3d4 || b.getInt(0) == 0xa1b23c4d ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int at = 24;
        for (int i = 0; i < 2; i++) {
            at += 16 + b.getInt(at + 8);
        }
        return at;
    }

}
