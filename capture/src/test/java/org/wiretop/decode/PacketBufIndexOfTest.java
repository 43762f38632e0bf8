package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PacketBuf#indexOf}, which reads eight bytes a load, against the byte-at-a-time loop of
 * {@link PacketBuf#u8} reads it replaced: the same offset, or the same {@link Truncated} signal
 * when the scan runs past the captured bytes, for every start, limit and captured length of
 * random buffers rich in the searched byte, its neighbours and bytes with the high bit set (the
 * cases a word-at-a-time zero-byte test can get wrong).
 */
class PacketBufIndexOfTest {
    private static final int[] ALPHABET = {'\n', '\n' - 1, '\n' + 1, '\r', ':', 0, 0x8a, 0xff, 0x80, 'a'};

    @Test
    void findsWhatAByteLoopFinds() {
        Random random = new Random(7);
        PacketBuf b = new PacketBuf();
        int checked = 0;
        for (int round = 0; round < 300; round++) {
            byte[] data = new byte[random.nextInt(40)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ALPHABET[random.nextInt(ALPHABET.length)];
            }
            int captured = random.nextInt(data.length + 1);
            b.wrap(data, captured, data.length);
            int value = random.nextBoolean() ? '\n' : ':';
            for (int from = -1; from <= data.length; from++) {
                for (int limit = from - 1; limit <= data.length + 1; limit++) {
                    assertEquals(byteLoop(b, value, from, limit), indexOf(b, value, from, limit),
                            "value " + value + " from " + from + " limit " + limit + " captured " + captured);
                    checked++;
                }
            }
        }
        assertEquals(true, checked > 100_000, "checked " + checked);
    }

    /** The result, or -2 for the Truncated signal. */
    private static int indexOf(PacketBuf b, int value, int from, int limit) {
        try {
            return b.indexOf(value, from, limit);
        } catch (Truncated t) {
            return -2;
        }
    }

    private static int byteLoop(PacketBuf b, int value, int from, int limit) {
        try {
            for (int i = from; i < limit; i++) {
                if (b.u8(i) == value) {
                    return i;
                }
            }
            return -1;
        } catch (Truncated t) {
            return -2;
        }
    }
}
