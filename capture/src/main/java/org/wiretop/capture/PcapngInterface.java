package org.wiretop.capture;

/**
 * What a pcapng Interface Description Block says about the packets of its interface: the link
 * type, the snapshot length and how to turn a packet's 64-bit timestamp into epoch nanoseconds
 * ({@code if_tsresol}, option 9: high bit clear = 10^-n seconds a tick, set = 2^-n; default
 * 10^-6. {@code if_tsoffset}, option 14: seconds added to every stamp).
 *
 * @param linkType  LINKTYPE value of the interface (as the classic readers report it)
 * @param snaplen   snapshot length as libpcap adjusts it: 0 (no limit) or too large = 262144
 * @param binary    true when a tick is 2^-{@code exponent} s, false when 10^-{@code exponent} s
 * @param exponent  the resolution exponent (decimal 0..19, binary 0..63)
 * @param offsetSec {@code if_tsoffset}
 */
record PcapngInterface(int linkType, int snaplen, boolean binary, int exponent, long offsetSec) {
    static final int DEFAULT_DECIMAL_EXPONENT = 6;
    private static final long[] POW10 = new long[20];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p; // 10^19 wraps to a negative long but is right as an unsigned one
            p *= 10;
        }
    }

    /** Null when the {@code if_tsresol} byte names a resolution a 64-bit tick count cannot hold. */
    static PcapngInterface of(int linkType, long declaredSnaplen, int tsresol, long offsetSec) {
        boolean binary = (tsresol & 0x80) != 0;
        int exponent = tsresol & 0x7f;
        if (binary ? exponent > 63 : exponent > 19) {
            return null;
        }
        // libpcap's pcapint_adjust_snapshot: 0 and values beyond its bound mean "the bound".
        int snaplen = declaredSnaplen == 0 || declaredSnaplen > PcapFormat.MAX_RECORD_DEFAULT
                ? PcapFormat.MAX_RECORD_DEFAULT : (int) declaredSnaplen;
        return new PcapngInterface(linkType, snaplen, binary, exponent, offsetSec);
    }

    /** Epoch nanoseconds of an unsigned tick count (wraps silently past the year 2262). */
    long epochNanos(long ticks) {
        long seconds;
        long fraction;
        long nanos;
        if (binary) {
            seconds = exponent == 0 ? ticks : ticks >>> exponent;
            fraction = exponent == 0 ? 0 : ticks & ((1L << exponent) - 1);
            // fraction * 1e9 / 2^exponent in 128 bits: exact for every exponent, no overflow.
            long lo = fraction * 1_000_000_000L;
            long hi = Math.multiplyHigh(fraction, 1_000_000_000L);
            nanos = exponent == 0 ? 0 : (lo >>> exponent) | (hi << (64 - exponent));
        } else {
            long unit = POW10[exponent];
            seconds = Long.divideUnsigned(ticks, unit);
            fraction = Long.remainderUnsigned(ticks, unit);
            nanos = exponent <= 9 ? fraction * POW10[9 - exponent] : Long.divideUnsigned(fraction, POW10[exponent - 9]);
        }
        return (seconds + offsetSec) * 1_000_000_000L + nanos;
    }
}
