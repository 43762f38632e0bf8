package org.wiretop.tui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketRingTest {
    private static byte[] packet(int seq, int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) (seq * 31 + i);
        }
        return b;
    }

    @Test
    void boundedByCountAndCountsWhatItOverwrote() {
        PacketRing ring = new PacketRing(1, 4, 1 << 20);
        for (int i = 0; i < 10; i++) {
            ring.add(1000L + i, 100 + i, packet(i, 10), 10);
        }
        assertEquals(10, ring.end());
        assertEquals(6, ring.first(), "6 overwritten, 4 held");
        assertNull(ring.read(5));
        RawPacket p = ring.read(9);
        assertNotNull(p);
        assertEquals(10, p.frameNumber());
        assertEquals(1009L, p.epochNanos());
        assertEquals(109, p.wireLength());
        assertArrayEquals(packet(9, 10), p.data());
        assertEquals(1 + 0L, p.linkType());
    }

    @Test
    void boundedByBytesAcrossTheWrap() {
        PacketRing ring = new PacketRing(1, 1000, 100);
        for (int i = 0; i < 7; i++) {
            ring.add(i, 30, packet(i, 30), 30); // 30 bytes each: at most 3 fit in 100
        }
        assertEquals(7, ring.end());
        assertEquals(4, ring.first());
        for (int i = 4; i < 7; i++) {
            assertArrayEquals(packet(i, 30), ring.read(i).data(), "packet " + i + " intact across the wrap");
        }
        PacketRing.Scratch sc = new PacketRing.Scratch();
        assertTrue(ring.readInto(5, sc));
        assertEquals(30, sc.length);
        assertFalse(ring.readInto(3, sc), "overwritten");
        assertFalse(ring.readInto(7, sc), "not yet written");
        assertEquals(7 * 30, ring.totalBytes());
    }

    @Test
    void aPacketLargerThanTheArenaKeepsItsHead() {
        PacketRing ring = new PacketRing(1, 10, 16);
        ring.add(1, 100, packet(1, 40), 40);
        RawPacket p = ring.read(0);
        assertEquals(16, p.data().length);
        assertEquals(100, p.wireLength());
    }

    @Test
    void anEmptyRingAdoptsTheCapturesLinkTypeAFullOneDoesNot() {
        PacketRing ring = new PacketRing(-1, 4, 1024);
        assertTrue(ring.adoptLinkType(276));
        assertEquals(276, ring.linkType());
        ring.add(1, 10, packet(1, 10), 10);
        assertTrue(ring.adoptLinkType(276), "same type: keep going");
        assertFalse(ring.adoptLinkType(1), "packets of another link type are held");
        assertEquals(276, ring.linkType());
    }

    @Test
    void rejectsImpossibleBounds() {
        assertThrows(IllegalArgumentException.class, () -> new PacketRing(1, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new PacketRing(1, 10, 0));
    }

    @Test
    void aReaderNeverSeesATornPacket() throws InterruptedException {
        // Every packet's bytes all equal its sequence number (mod 256): a copy mixing two packets shows.
        PacketRing ring = new PacketRing(1, 64, 64 * 50);
        int total = 300_000;
        Thread writer = new Thread(() -> {
            byte[] b = new byte[50];
            for (int i = 0; i < total; i++) {
                java.util.Arrays.fill(b, (byte) i);
                ring.add(i, 50, b, 20 + i % 31);
            }
        });
        writer.start();
        long checked = 0;
        while (writer.isAlive() || checked == 0) {
            long end = ring.end();
            for (long seq = Math.max(0, end - 64); seq < end; seq++) {
                RawPacket p = ring.read(seq);
                if (p != null) {
                    for (byte x : p.data()) {
                        assertEquals((byte) seq, x, "packet " + seq + " torn");
                    }
                    assertEquals(20 + seq % 31, p.data().length);
                    checked++;
                }
            }
        }
        writer.join();
        assertTrue(checked > 0);
    }
}
