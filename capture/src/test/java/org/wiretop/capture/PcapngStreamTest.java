package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.wiretop.capture.CaptureTestSupport.readAll;

import java.io.ByteArrayInputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiretop.capture.CaptureTestSupport.Packet;

/** The pure-Java pcapng stream reader behind {@code wiretop read -}, on hand-built blocks. */
class PcapngStreamTest {
    private static final long SEC = 1_700_000_000L;
    private static final byte[] A = bytes(60, 1);
    private static final byte[] B = bytes(7, 2);
    private static final byte[] C = bytes(33, 3);
    private static final byte[] D = bytes(80, 4);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void readsEnhancedSimpleAndOldPacketBlocksInEitherByteOrder(String orderName) throws Exception {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] stream = new PcapngBuilder().shb(order)
                .block(4, new byte[] {0, 0, 0, 0}) // name resolution block: skipped
                .idb(1, 64, -1, null)              // default resolution: microseconds
                .epb(0, SEC * 1_000_000 + 123_456, 1514, A)
                .block(5, new byte[16])            // interface statistics: skipped
                .block(0x40000BAD, new byte[] {9}) // custom block: skipped
                .spb(80, D)                        // captured = min(original, block, snaplen 64)
                .spb(5, B)                         // captured = original 5 (the rest is padding)
                .pb(0, SEC * 1_000_000 + 7, 33, C)
                .bytes();
        List<Packet> got;
        try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(stream))) {
            assertTrue(s instanceof PcapngStreamSource, "pcapng on a stream goes to the pcapng reader");
            assertEquals(1, s.linkType());
            assertEquals(64, s.snaplen());
            got = readAll(s);
            assertNull(s.endNote());
            assertEquals(4, s.stats().captured());
        }
        assertPacket(got.get(0), SEC * 1_000_000_000 + 123_456_000, 1514, A);
        assertPacket(got.get(1), 0, 80, Arrays.copyOf(D, 64));
        assertPacket(got.get(2), 0, 5, Arrays.copyOf(B, 5));
        assertPacket(got.get(3), SEC * 1_000_000_000 + 7_000, 33, C);
        assertEquals(4, got.size());
        assertSameAsLibpcap(stream, got);
    }

    @Test
    void timestampResolutionAndOffsetFollowEachInterface() throws Exception {
        byte[] stream = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN)
                .idb(1, 0, 9, null)                   // 10^-9: nanoseconds
                .idb(1, 0, 0x80 | 20, null)           // 2^-20 s a tick
                .idb(1, 0, 3, 1_000L)                 // milliseconds, 1000 s later
                .idb(1, 0, 0x80 | 30, -5L)            // 2^-30 s, 5 s earlier
                .epb(0, SEC * 1_000_000_000 + 999_999_999, 10, B)
                .epb(1, (SEC << 20) + (1 << 19) + 1, 10, B) // half a second and one tick (953.67 ns)
                .epb(2, SEC * 1000 + 250, 10, B)
                .epb(3, (SEC << 30) + (3L << 28), 10, B)     // three quarters of a second
                .bytes();
        List<Packet> got;
        try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(stream))) {
            assertEquals(262144, s.snaplen(), "snaplen 0 means no limit: libpcap's bound");
            got = readAll(s);
        }
        assertEquals(SEC * 1_000_000_000 + 999_999_999, got.get(0).epochNanos());
        assertEquals(SEC * 1_000_000_000 + 500_000_000 + 953, got.get(1).epochNanos(), "2^-20 ticks, floored to ns");
        assertEquals((SEC + 1000) * 1_000_000_000 + 250_000_000, got.get(2).epochNanos(), "if_tsoffset added");
        assertEquals((SEC - 5) * 1_000_000_000 + 750_000_000, got.get(3).epochNanos());
        assertSameAsLibpcap(stream, got);
    }

    @Test
    void aNewSectionSetsItsOwnByteOrderAndInterfaces() throws Exception {
        byte[] stream = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).idb(1, 65535, -1, null)
                .epb(0, 5_000_001, 60, A)
                .shb(ByteOrder.BIG_ENDIAN).idb(1, 65535, 9, null)
                .epb(0, 5_000_001, 7, B)
                .bytes();
        try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(stream))) {
            List<Packet> got = readAll(s);
            assertEquals(2, got.size());
            assertPacket(got.get(0), 5_000_001_000L, 60, A);
            assertPacket(got.get(1), 5_000_001L, 7, B);
        }
        // The second section describes no interface: its packet names an unknown one.
        byte[] noInterface = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).idb(1, 65535, -1, null)
                .epb(0, 1, 60, A).shb(ByteOrder.LITTLE_ENDIAN).epb(0, 2, 60, A).bytes();
        assertCorrupt(noInterface, 1, "block 5 is corrupt (packet on interface 0, but the section describes 0 interfaces); read 1 packets");
    }

    @Test
    void aStreamCutInsideABlockEndsWithANote() throws Exception {
        PcapngBuilder b = new PcapngBuilder().shb(ByteOrder.BIG_ENDIAN).idb(1, 65535, -1, null)
                .epb(0, 1, 60, A).epb(0, 2, 7, B);
        int thirdStart = b.size();
        byte[] full = b.epb(0, 3, 33, C).bytes();
        for (int cut : new int[] {thirdStart + 3, thirdStart + 8, thirdStart + 30, full.length - 1}) {
            try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(Arrays.copyOf(full, cut)))) {
                assertEquals(2, readAll(s).size());
                String note = s.endNote();
                assertTrue(note != null && note.startsWith("-: ends inside block 5 (") && note.endsWith(
                        "left): the capture was cut short; read 2 packets"), note);
            }
        }
        try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(Arrays.copyOf(full, thirdStart)))) {
            assertEquals(2, readAll(s).size());
            assertNull(s.endNote(), "a stream that ends between blocks ends cleanly");
        }
    }

    @Test
    void corruptLengthsStopWithTheBlockAndThePacketsRead() throws Exception {
        PcapngBuilder good = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).idb(1, 65535, -1, null).epb(0, 1, 60, A);
        assertCorrupt(withRaw(good, block(6, 8, 8)), 1, "block 4 is corrupt (block length 8 is less than 12); read 1 packets");
        assertCorrupt(withRaw(good, block(6, 30, 30)), 1, "block 4 is corrupt (block length 30 is not a multiple of 4); read 1 packets");
        assertCorrupt(withRaw(good, block(6, -4, -4)), 1,
                "block 4 is corrupt (block length 4294967292 is larger than " + PcapngStreamSource.MAX_BLOCK + "); read 1 packets");
        assertCorrupt(withRaw(good, block(0x999, 16, 20)), 1, "block 4 is corrupt (block length 16 at its start but 20 at its end); read 1 packets");
        assertCorrupt(withRaw(good, block(6, 24, 24)), 1,
                "block 4 is corrupt (packet block of 24 bytes is too short for its 20 bytes of fields); read 1 packets");

        byte[] tooLong = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).idb(1, 65535, -1, null).epb(0, 1, 60, A).epb(0, 2, 7, B).bytes();
        int second = tooLong.length - (12 + 20 + 8 + 12); // the last EPB: B padded to 8, epb_flags option 8 + end 4
        ByteBuffer.wrap(tooLong).order(ByteOrder.LITTLE_ENDIAN).putInt(second + 8 + 12, 5000);
        assertCorrupt(tooLong, 1, "block 4 is corrupt (captured length 5000 does not fit in the block (20 bytes)); read 1 packets");

        byte[] unknownInterface = new PcapngBuilder().shb(ByteOrder.BIG_ENDIAN).idb(1, 65535, -1, null)
                .epb(0, 1, 60, A).epb(0, 2, 60, A).epb(7, 3, 60, A).bytes();
        assertCorrupt(unknownInterface, 2, "block 5 is corrupt (packet on interface 7, but the section describes 1 interface); read 2 packets");

        byte[] badResolution = new PcapngBuilder().shb(ByteOrder.BIG_ENDIAN).idb(1, 65535, -1, null).epb(0, 1, 60, A)
                .idb(1, 65535, 20, null).bytes();
        assertCorrupt(badResolution, 1, "block 4 is corrupt (interface 1 has an impossible timestamp resolution (if_tsresol 0x14)); read 1 packets");
    }

    @Test
    void aPacketOnAnInterfaceOfAnotherLinkTypeIsOneClearError() throws Exception {
        byte[] stream = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).idb(1, 65535, -1, null).idb(113, 65535, -1, null)
                .epb(0, 1, 60, A).epb(1, 2, 7, B).bytes();
        try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(stream))) {
            int[] seen = {0};
            CaptureException e = assertThrows(CaptureException.class, () -> s.run((ts, w, d, l) -> seen[0]++, 0));
            assertEquals("-: packet 2 is on interface 1 of link type 113, but the capture's first interface has link type 1;"
                    + " wiretop reads one link type at a time: split the capture by interface first"
                    + " (e.g. tshark -r IN -Y 'frame.interface_id == 1' -w OUT); read 1 packets", e.getMessage());
            assertEquals(1, seen[0], "the packet before it was delivered");
            assertTrue(!e.usage());
        }
    }

    @Test
    void badStartsAreOneLine() {
        byte[] noMagic = new byte[28];
        noMagic[0] = 0x0a; noMagic[1] = 0x0d; noMagic[2] = 0x0d; noMagic[3] = 0x0a;
        CaptureException junk = assertThrows(CaptureException.class, () -> Sources.openStream("-", new ByteArrayInputStream(noMagic)));
        assertTrue(junk.usage() && junk.getMessage().startsWith("-: not a pcapng stream (no byte-order magic"), junk.getMessage());

        byte[] sectionOnly = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).bytes();
        CaptureException empty = assertThrows(CaptureException.class, () -> Sources.openStream("-", new ByteArrayInputStream(sectionOnly)));
        assertEquals("-: the pcapng stream ended before describing an interface: no packets to read", empty.getMessage());

        byte[] cutSection = Arrays.copyOf(sectionOnly, 20);
        CaptureException cut = assertThrows(CaptureException.class, () -> Sources.openStream("-", new ByteArrayInputStream(cutSection)));
        assertEquals("-: the pcapng stream ended before describing an interface (cut inside block 1): no packets to read", cut.getMessage());

        byte[] packetFirst = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).spb(7, B).idb(1, 65535, -1, null).bytes();
        CaptureException early = assertThrows(CaptureException.class, () -> Sources.openStream("-", new ByteArrayInputStream(packetFirst)));
        assertEquals("-: block 2 is corrupt (simple packet block, but the section describes no interface); read 0 packets", early.getMessage());
    }

    /** Every prefix of a valid stream: packets that are a prefix of the whole, and a clean end or a CaptureException. */
    @Test
    void everyCutOfAValidStreamEndsCleanlyOrWithACaptureException() throws Exception {
        byte[] full = new PcapngBuilder().shb(ByteOrder.BIG_ENDIAN).block(4, new byte[8]).idb(1, 40, 0x80 | 10, 3L)
                .epb(0, 1025, 60, A).spb(60, A).idb(1, 65535, 9, null).pb(1, 9, 33, C)
                .shb(ByteOrder.LITTLE_ENDIAN).idb(1, 65535, -1, null).epb(0, 2, 7, B).block(0x80000001, new byte[5]).bytes();
        List<Packet> whole;
        try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(full))) {
            whole = readAll(s);
            assertNull(s.endNote());
        }
        assertEquals(4, whole.size());
        int opened = 0;
        for (int cut = 0; cut < full.length; cut++) {
            PacketSource s;
            try {
                s = Sources.openStream("-", new ByteArrayInputStream(Arrays.copyOf(full, cut)));
            } catch (CaptureException e) {
                assertTrue(e.usage(), "a stream too short to open is a usage error: " + e.getMessage());
                continue;
            }
            opened++;
            try (s) {
                List<Packet> got = readAll(s);
                for (int i = 0; i < got.size(); i++) {
                    assertPacket(got.get(i), whole.get(i).epochNanos(), whole.get(i).wireLength(), whole.get(i).data());
                }
                assertTrue(got.size() < whole.size() || cut >= full.length - 20, "cut " + cut + " still gave every packet");
            } catch (CaptureException e) {
                fail("a cut stream is not corrupt, at " + cut + ": " + e.getMessage());
            }
        }
        assertTrue(opened > full.length / 2, "most cuts open: " + opened);
    }

    /** Every byte of a valid stream set to 0x00, 0x80 and 0xff in turn: only CaptureException may come out. */
    @Test
    void anyCorruptByteGivesPacketsOrACaptureExceptionNeverAnother() throws Exception {
        byte[] full = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).idb(1, 64, 0x80 | 10, 3L).epb(0, 1025, 60, A)
                .spb(80, D).pb(0, 9, 33, C).block(4, new byte[8]).shb(ByteOrder.BIG_ENDIAN).idb(1, 65535, 9, null)
                .epb(0, 2, 7, B).bytes();
        int failures = 0;
        for (int at = 0; at < full.length; at++) {
            for (byte value : new byte[] {0, (byte) 0x80, (byte) 0xff}) {
                byte[] bad = full.clone();
                bad[at] = value;
                try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(bad))) {
                    readAll(s);
                } catch (CaptureException e) {
                    failures++;
                    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
                }
            }
        }
        assertTrue(failures > full.length / 2, "corruption is noticed: " + failures);
    }

    @Test
    void eachPacketIsDeliveredAsSoonAsItsBlockArrives() throws Exception {
        PcapngBuilder b = new PcapngBuilder().shb(ByteOrder.LITTLE_ENDIAN).idb(1, 65535, -1, null).epb(0, 1, 60, A);
        int firstEnd = b.size();
        byte[] all = b.epb(0, 2, 7, B).bytes();
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream reader = new PipedInputStream(writer, 1 << 16);
        writer.write(all, 0, firstEnd);
        writer.flush();
        PacketSource s = Sources.openStream("-", reader);
        BlockingQueue<Packet> got = new LinkedBlockingQueue<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                s.run((ts, w, d, l) -> got.add(new Packet(ts, w, Arrays.copyOf(d, l))), 0);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        Packet first = got.poll(10, TimeUnit.SECONDS);
        assertTrue(first != null, "first packet delivered while the writer holds back the rest");
        assertArrayEquals(A, first.data());
        writer.write(all, firstEnd, all.length - firstEnd);
        writer.close();
        t.join(10_000);
        assertTrue(!t.isAlive() && failure.get() == null, "reader ended at the end of the stream: " + failure.get());
        assertArrayEquals(B, got.poll(1, TimeUnit.SECONDS).data());
        s.close();
    }

    private void assertSameAsLibpcap(byte[] stream, List<Packet> ours) throws Exception {
        if (!LibPcap.available()) {
            return; // the hand-computed expectations above still hold
        }
        Path f = Files.write(dir.resolve("s.pcapng"), stream);
        List<Packet> libpcap;
        try (PacketSource s = Sources.openFileWithLibpcap(f.toString())) {
            libpcap = readAll(s);
        }
        assertEquals(libpcap.size(), ours.size());
        for (int i = 0; i < ours.size(); i++) {
            assertPacket(ours.get(i), libpcap.get(i).epochNanos(), libpcap.get(i).wireLength(), libpcap.get(i).data());
        }
    }

    private static void assertCorrupt(byte[] stream, int packetsBefore, String expectedEnd) throws Exception {
        List<Packet> seen = new ArrayList<>();
        try (PacketSource s = Sources.openStream("-", new ByteArrayInputStream(stream))) {
            CaptureException e = assertThrows(CaptureException.class,
                    () -> s.run((ts, w, d, l) -> seen.add(new Packet(ts, w, Arrays.copyOf(d, l))), 0));
            assertEquals("-: " + expectedEnd, e.getMessage());
            assertTrue(!e.usage(), "corrupt input is a runtime failure (exit 1)");
        }
        assertEquals(packetsBefore, seen.size(), "the packets before the corrupt block are delivered");
    }

    private static void assertPacket(Packet p, long nanos, int wire, byte[] data) {
        assertEquals(nanos, p.epochNanos(), "stamp");
        assertEquals(wire, p.wireLength(), "wire length");
        assertArrayEquals(data, p.data(), "bytes");
    }

    private static byte[] withRaw(PcapngBuilder good, byte[] raw) {
        return new PcapngBuilder().raw(good.bytes()).raw(raw).bytes();
    }

    /** A block of the given header and trailer lengths, little-endian, with {@code max(head - 12, 0)} zero bytes inside. */
    private static byte[] block(int type, int headLength, int trailerLength) {
        int inside = Math.max(0, Math.min(headLength, 64) - 12);
        ByteBuffer b = ByteBuffer.allocate(12 + inside).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(type).putInt(headLength).position(8 + inside);
        b.putInt(trailerLength);
        return b.array();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
