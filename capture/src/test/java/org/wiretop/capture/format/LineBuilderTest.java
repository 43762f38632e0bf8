package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte line the formatters write: numbers and text must read exactly as StringBuilder's. */
class LineBuilderTest {
    @Test
    void numbersMatchStringBuilderAtEveryWidth() {
        long[] edges = {0, 1, 9, 10, 99, 100, 999, 1000, 65535, 99_999, 100_000, 4294967295L,
                Integer.MAX_VALUE, Integer.MIN_VALUE, -1, -10, 1_000_000_000L, 999_999_999L,
                1_000_000_001L, 1_418_145_370_123_456_789L, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long v : edges) {
            assertEquals(Long.toString(v), new LineBuilder(1).append(v).toString());
            if (v == (int) v) {
                assertEquals(Integer.toString((int) v), new LineBuilder(1).append((int) v).toString());
            }
        }
        Random random = new Random(7);
        LineBuilder b = new LineBuilder(4);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            long v = i % 2 == 0 ? random.nextInt() >>> random.nextInt(32) : random.nextLong() >> random.nextInt(64);
            b.append(v).append(' ');
            expected.append(v).append(' ');
        }
        assertEquals(expected.toString(), b.toString());
    }

    @Test
    void paddedHexAndTemplates() {
        assertEquals("000042|000000001", new LineBuilder().appendPadded(42, 6).append('|').appendPadded(1, 9).toString());
        assertEquals("0a:ff 0 1 abc 1234", new LineBuilder().appendHex2(0x0a).append(':').appendHex2(0xff)
                .append(' ').appendHex16(0).append(' ').appendHex16(1).append(' ').appendHex16(0xabc)
                .append(' ').appendHex16(0x1234).toString());
        assertEquals("udp-length 4 < 8", new LineBuilder().appendTemplate("udp-length # < 8", 4).toString());
    }

    @Test
    void everyOctetAndEvery16BitHexValue() {
        for (int v = 0; v < 256; v++) {
            assertEquals(Integer.toString(v), new LineBuilder(1).appendOctet(v).toString());
            assertEquals(Integer.toString(v), new LineBuilder(1).appendOctet(v | 0x7f00).toString()); // low 8 bits only
        }
        for (int v = 0; v < 0x10000; v++) {
            assertEquals(Integer.toHexString(v), new LineBuilder(1).appendHex16(v).toString());
        }
    }

    @Test
    void textIsUtf8AndLengthCountsBytes() {
        LineBuilder b = new LineBuilder(2).append("ab").append("größe").append('é').append(true);
        assertEquals("abgrößeétrue", b.toString());
        assertEquals(2 + 7 + 2 + 4, b.length());
        assertEquals('a', b.charAt(0));
        b.setLength(2);
        assertEquals("ab", b.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> b.setLength(3));
        assertThrows(IndexOutOfBoundsException.class, () -> b.charAt(2));
    }
}
