package org.wiretop.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class RateHistoryTest {
    private static final long S = 1_000_000_000L;
    private static final long T0 = 1_700_000_000L; // an epoch second

    private static long[][] read(RateHistory h, long end, int seconds, boolean bytes) {
        long[][] out = new long[TrafficClass.COUNT][seconds];
        h.read(end, bytes, out);
        return out;
    }

    @Test
    void countsPacketsAndBytesPerSecondAndClassOnThePacketsOwnTime() {
        RateHistory h = new RateHistory();
        assertEquals(Long.MIN_VALUE, h.latestSecond());
        int tcp = TrafficClass.TCP.ordinal(), dns = TrafficClass.DNS.ordinal();
        h.add(T0 * S + 10, tcp, 100);
        h.add(T0 * S + 999_999_999, tcp, 60);
        h.add((T0 + 2) * S, dns, 80);
        assertEquals(T0 + 2, h.latestSecond());
        long[][] p = read(h, T0 + 2, 4, false);
        assertArrayEquals(new long[]{0, 2, 0, 0}, p[tcp]);
        assertArrayEquals(new long[]{0, 0, 0, 1}, p[dns]);
        long[][] b = read(h, T0 + 2, 4, true);
        assertArrayEquals(new long[]{0, 160, 0, 0}, b[tcp]);
        assertArrayEquals(new long[]{0, 0, 0, 80}, b[dns]);
        // A reader ahead of the packets (live: the wall clock) sees zeros for the seconds to come.
        assertArrayEquals(new long[]{0, 80, 0, 0}, read(h, T0 + 4, 4, true)[dns]);
    }

    @Test
    void keepsOneHourAndClearsTheSecondsItSkips() {
        RateHistory h = new RateHistory();
        int udp = TrafficClass.UDP.ordinal();
        h.add(T0 * S, udp, 10);
        h.add((T0 + RateHistory.SECONDS - 1) * S, udp, 20); // still inside the hour
        long[][] hour = read(h, T0 + RateHistory.SECONDS - 1, RateHistory.SECONDS, true);
        assertEquals(10, hour[udp][0]);
        assertEquals(20, hour[udp][RateHistory.SECONDS - 1]);
        h.add((T0 + RateHistory.SECONDS) * S, udp, 30); // reuses T0's slot: T0 is gone
        long[][] after = read(h, T0 + RateHistory.SECONDS, RateHistory.SECONDS + 1, true);
        assertEquals(0, after[udp][0], "older than an hour");
        assertEquals(30, after[udp][RateHistory.SECONDS]);
        // A jump of two hours leaves nothing of the old counts in the ring.
        h.add((T0 + 3 * RateHistory.SECONDS) * S, udp, 5);
        long[][] jumped = read(h, T0 + 3 * RateHistory.SECONDS, RateHistory.SECONDS, true);
        long sum = 0;
        for (long v : jumped[udp]) {
            sum += v;
        }
        assertEquals(5, sum);
    }

    @Test
    void aPacketOlderThanTheHourIsDroppedAndALateOneInsideIsCounted() {
        RateHistory h = new RateHistory();
        int tcp = TrafficClass.TCP.ordinal();
        h.add((T0 + 5000) * S, tcp, 1);
        h.add((T0 + 5000 - RateHistory.SECONDS) * S, tcp, 7); // would land in the newest slot: dropped
        h.add((T0 + 4990) * S, tcp, 3);
        long[][] b = read(h, T0 + 5000, 11, true);
        assertArrayEquals(new long[]{3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, b[tcp]);
    }
}
