package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time checksum equals the plain 16-bit one's-complement sum of RFC 1071. */
class ChecksumTest {
    private static int reference(byte[] d, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += (d[off + i] & 0xff) << 8 | (i + 1 < len ? d[off + i + 1] & 0xff : 0);
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }

    @Test
    void equalsTheSixteenBitSumForEveryLengthAndOffset() {
        Random random = new Random(7);
        byte[] data = new byte[100];
        for (int round = 0; round < 50; round++) {
            random.nextBytes(data);
            if (round == 0) {
                java.util.Arrays.fill(data, (byte) 0xff); // the most carries
            }
            for (int off = 0; off < 4; off++) {
                for (int len = 0; len <= 64; len++) {
                    assertEquals(reference(data, off, len), Checksum.ones(data, off, len), "off " + off + " len " + len);
                }
            }
        }
    }
}
