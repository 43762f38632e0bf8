package org.wiretop.stats;

import org.wiretop.decode.PacketSummary;

/**
 * Bytes per second of each connection over its last {@value #SECONDS} seconds, for the
 * Connections view's sparklines: {@link #CONNECTIONS} preallocated rings in one array, found by
 * the connection's 5-tuple (ends in a fixed order, so both directions count together) through
 * open addressing with at most {@value #PROBES} probes. A new connection that finds its probes
 * taken replaces the one among them quiet the longest. Memory, fixed: 65,536 × (60 × 4 bytes of
 * ring + one 64-byte line of key and time) ≈ 19.9 MB. A slot's key words share one cache line, so
 * a lookup reads one line and a count writes one more.
 *
 * <p>One writer ({@link #add}: a hash, a few compares and an increment; no allocation, no lock).
 * Readers on other threads see the counts as of the writer's latest publication of a new second
 * ({@link RateHistory}'s volatile write, which the writer makes after these increments); a ring
 * reused for another connection while read may show one frame of the wrong connection's rates.
 */
public final class ConnectionRates {
    public static final int CONNECTIONS = 65_536, SECONDS = 60, PROBES = 8;
    private static final long NANOS = 1_000_000_000L, EMPTY = Long.MIN_VALUE;
    private static final int MASK = CONNECTIONS - 1;

    /** Words of a slot's line: addresses A and B (high, low), protocol << 32 | port A << 16 | port B, newest second. */
    private static final int A_HI = 0, A_LO = 1, B_HI = 2, B_LO = 3, PORTS = 4, LAST = 5, STRIDE = 8;
    /** Slot i's words at {@code i * STRIDE}; its newest second is EMPTY while unused. */
    private final long[] key = new long[CONNECTIONS * STRIDE];
    private final int[] ring = new int[CONNECTIONS * SECONDS];

    public ConnectionRates() {
        for (int i = 0; i < CONNECTIONS; i++) {
            key[i * STRIDE + LAST] = EMPTY;
        }
    }

    private boolean holds(int i, long xHi, long xLo, long yHi, long yLo, long p) {
        int k = i * STRIDE;
        return key[k + LAST] != EMPTY && key[k + PORTS] == p && key[k + A_LO] == xLo && key[k + B_LO] == yLo
                && key[k + A_HI] == xHi && key[k + B_HI] == yHi;
    }

    /** Counts a decoded TCP or UDP packet over IPv4 or IPv6; other packets are ignored. Allocates nothing. */
    public void add(PacketSummary s) {
        if (s.srcPort < 0 || s.dstPort < 0) {
            return;
        }
        long sHi, sLo, dHi, dLo;
        if (s.has(PacketSummary.IP4)) {
            sHi = 0;
            sLo = 0xffff_0000_0000L | (s.ip4Src & 0xffffffffL);
            dHi = 0;
            dLo = 0xffff_0000_0000L | (s.ip4Dst & 0xffffffffL);
        } else if (s.has(PacketSummary.IP6)) {
            sHi = s.ip6SrcHi;
            sLo = s.ip6SrcLo;
            dHi = s.ip6DstHi;
            dLo = s.ip6DstLo;
        } else {
            return;
        }
        add(sHi, sLo, s.srcPort, dHi, dLo, s.dstPort, s.transportProtocol, s.epochNanos, s.wireLength);
    }

    /** Counts {@code wireLength} bytes of the connection (addresses as IPv6, IPv4 mapped) at {@code epochNanos}. */
    public void add(long sHi, long sLo, int sPort, long dHi, long dLo, int dPort, int proto, long epochNanos,
                    int wireLength) {
        boolean srcFirst = before(sHi, sLo, sPort, dHi, dLo, dPort);
        long xHi = srcFirst ? sHi : dHi, xLo = srcFirst ? sLo : dLo, yHi = srcFirst ? dHi : sHi, yLo = srcFirst ? dLo : sLo;
        long p = (long) proto << 32 | (long) (srcFirst ? sPort : dPort) << 16 | (srcFirst ? dPort : sPort);
        long sec = Math.floorDiv(epochNanos, NANOS);
        int start = hash(xHi, xLo, yHi, yLo, p);
        int victim = -1;
        long victimLast = Long.MAX_VALUE;
        for (int k = 0; k < PROBES; k++) {
            int i = (start + k) & MASK;
            long newest = key[i * STRIDE + LAST];
            if (newest == EMPTY) {
                claim(i, xHi, xLo, yHi, yLo, p, sec);
                count(i, sec, wireLength);
                return;
            }
            if (holds(i, xHi, xLo, yHi, yLo, p)) {
                count(i, sec, wireLength);
                return;
            }
            if (newest < victimLast) {
                victimLast = newest;
                victim = i;
            }
        }
        claim(victim, xHi, xLo, yHi, yLo, p, sec);
        count(victim, sec, wireLength);
    }

    private void claim(int i, long xHi, long xLo, long yHi, long yLo, long p, long sec) {
        int k = i * STRIDE;
        key[k + A_HI] = xHi;
        key[k + A_LO] = xLo;
        key[k + B_HI] = yHi;
        key[k + B_LO] = yLo;
        key[k + PORTS] = p;
        java.util.Arrays.fill(ring, i * SECONDS, i * SECONDS + SECONDS, 0);
        key[k + LAST] = sec;
    }

    private void count(int i, long sec, int wireLength) {
        long newest = key[i * STRIDE + LAST];
        if (sec > newest) {
            long n = Math.min(sec - newest, SECONDS);
            for (long k = 0; k < n; k++) {
                ring[i * SECONDS + (int) Math.floorMod(sec - k, (long) SECONDS)] = 0;
            }
            key[i * STRIDE + LAST] = sec;
        } else if (sec <= newest - SECONDS) {
            return; // older than the ring
        }
        int r = i * SECONDS + (int) Math.floorMod(sec, (long) SECONDS);
        int v = ring[r] + wireLength;
        ring[r] = v < 0 ? Integer.MAX_VALUE : v; // saturates at 2 GB/s
    }

    /**
     * Fills {@code out[i]} with the connection's bytes in second {@code endSecond - out.length + 1 + i}
     * (0 for seconds it has no count of); false, all zeros, when the connection is not held.
     * Either end may be given first.
     */
    public boolean read(long sHi, long sLo, int sPort, long dHi, long dLo, int dPort, int proto, long endSecond,
                        long[] out) {
        java.util.Arrays.fill(out, 0);
        boolean srcFirst = before(sHi, sLo, sPort, dHi, dLo, dPort);
        long xHi = srcFirst ? sHi : dHi, xLo = srcFirst ? sLo : dLo, yHi = srcFirst ? dHi : sHi, yLo = srcFirst ? dLo : sLo;
        long p = (long) proto << 32 | (long) (srcFirst ? sPort : dPort) << 16 | (srcFirst ? dPort : sPort);
        int start = hash(xHi, xLo, yHi, yLo, p);
        for (int k = 0; k < PROBES; k++) {
            int i = (start + k) & MASK;
            if (holds(i, xHi, xLo, yHi, yLo, p)) {
                long newest = key[i * STRIDE + LAST];
                for (int j = 0; j < out.length; j++) {
                    long sec = endSecond - out.length + 1 + j;
                    if (sec <= newest && sec > newest - SECONDS) {
                        out[j] = ring[i * SECONDS + (int) Math.floorMod(sec, (long) SECONDS)];
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static boolean before(long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {
        int c = Long.compareUnsigned(aHi, bHi);
        if (c == 0) {
            c = Long.compareUnsigned(aLo, bLo);
        }
        return c < 0 || c == 0 && aPort <= bPort;
    }

    private static int hash(long xHi, long xLo, long yHi, long yLo, long p) {
        long h = xHi * 0x9E3779B97F4A7C15L + xLo;
        h = h * 0x9E3779B97F4A7C15L + yHi;
        h = h * 0x9E3779B97F4A7C15L + yLo;
        h = h * 0x9E3779B97F4A7C15L + p;
        return Hashing.mix(h);
    }
}
