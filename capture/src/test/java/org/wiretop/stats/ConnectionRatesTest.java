package org.wiretop.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionRatesTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L;
    private static final long V4 = 0xffff_0000_0000L;
    private static final long A = V4 | 0x7f000001L, B = V4 | 0x7f000002L;

    @Test
    void bothDirectionsOfAConnectionShareItsRing() {
        ConnectionRates r = new ConnectionRates();
        r.add(0, A, 40000, 0, B, 80, 6, T0 * S, 100);
        r.add(0, B, 80, 0, A, 40000, 6, T0 * S + 5, 1500);
        r.add(0, A, 40000, 0, B, 80, 6, (T0 + 2) * S, 60);
        long[] out = new long[4];
        assertTrue(r.read(0, B, 80, 0, A, 40000, 6, T0 + 2, out));
        assertArrayEquals(new long[]{0, 1600, 0, 60}, out);
        // Another protocol or port is another connection.
        assertFalse(r.read(0, A, 40000, 0, B, 80, 17, T0 + 2, out));
        assertFalse(r.read(0, A, 40001, 0, B, 80, 6, T0 + 2, out));
        assertArrayEquals(new long[4], out);
    }

    @Test
    void aRingHoldsSixtySecondsAndForgetsOlderOnes() {
        ConnectionRates r = new ConnectionRates();
        for (int s = 0; s < 90; s++) {
            r.add(0, A, 1, 0, B, 2, 17, (T0 + s) * S, s + 1);
        }
        long[] out = new long[ConnectionRates.SECONDS + 1];
        assertTrue(r.read(0, A, 1, 0, B, 2, 17, T0 + 89, out));
        assertEquals(0, out[0], "second 29 is older than the ring");
        assertEquals(31, out[1]);
        assertEquals(90, out[ConnectionRates.SECONDS]);
        // A connection quiet for more than a minute reads zeros.
        long[] later = new long[5];
        assertTrue(r.read(0, A, 1, 0, B, 2, 17, T0 + 200, later));
        assertArrayEquals(new long[5], later);
    }

    @Test
    void moreConnectionsThanRingsReplaceTheQuietestAndTheNewestAreHeld() {
        ConnectionRates r = new ConnectionRates();
        int n = ConnectionRates.CONNECTIONS + 20_000;
        for (int i = 0; i < n; i++) {
            r.add(0, A, i & 0xffff, 0, B | (i >>> 16), 443, 6, (T0 + i / 1000) * S, 10);
        }
        long[] out = new long[1];
        int held = 0;
        for (int i = n - 1000; i < n; i++) {
            if (r.read(0, A, i & 0xffff, 0, B | (i >>> 16), 443, 6, T0 + (n - 1) / 1000, out)) {
                held++;
            }
        }
        assertTrue(held >= 990, "the newest 1000 connections should nearly all be held, were " + held);
        int oldHeld = 0;
        for (int i = 0; i < 1000; i++) {
            if (r.read(0, A, i & 0xffff, 0, B | (i >>> 16), 443, 6, T0, out)) {
                oldHeld++;
            }
        }
        assertTrue(oldHeld < 500, "the oldest should mostly have made room, " + oldHeld + " held");
    }

    @Test
    void aSecondsBytesSaturateRatherThanWrap() {
        ConnectionRates r = new ConnectionRates();
        for (int i = 0; i < 3; i++) {
            r.add(0, A, 1, 0, B, 2, 6, T0 * S, Integer.MAX_VALUE / 2 + 1);
        }
        long[] out = new long[1];
        r.read(0, A, 1, 0, B, 2, 6, T0, out);
        assertEquals(Integer.MAX_VALUE, out[0]);
    }
}
