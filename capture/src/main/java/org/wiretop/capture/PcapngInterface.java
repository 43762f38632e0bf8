package org.wiretop.capture;

import java.nio.ByteBuffer;

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
    private static final int OPT_END = 0, IF_TSRESOL = 9, IF_TSOFFSET = 14;
    private static final long[] POW10 = new long[20];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p; // 10^19 wraps to a negative long but is right as an unsigned one
            p *= 10;
        }
    }

    /**
     * The interface an IDB describes: the link type and snapshot length from {@code fields} (the 8
     * bytes after the block's header), {@code if_tsresol} and {@code if_tsoffset} from the options
     * at {@code options[0, end)}, both views in the section's byte order.
     *
     * @param index the interface's number in its section, for the error text
     * @throws IllegalArgumentException saying what is wrong: an option runs past {@code end}, or
     *                                  the resolution is impossible
     */
    static PcapngInterface read(ByteBuffer fields, ByteBuffer options, int end, int index) {
        int tsresol = DEFAULT_DECIMAL_EXPONENT;
        long tsoffset = 0;
        int at = 0;
        while (at + 4 <= end) {
            int code = options.getShort(at) & 0xffff;
            int optLength = options.getShort(at + 2) & 0xffff;
            int value = at + 4;
            if (code == OPT_END) {
                break;
            }
            if (value + optLength > end) {
                throw new IllegalArgumentException("interface option " + code + " of " + optLength + " bytes runs past the block");
            }
            if (code == IF_TSRESOL && optLength >= 1) {
                tsresol = options.get(value) & 0xff;
            } else if (code == IF_TSOFFSET && optLength >= 8) {
                tsoffset = options.getLong(value);
            }
            at = value + ((optLength + 3) & ~3);
        }
        PcapngInterface iface = of(fields.getShort(0) & 0xffff, fields.getInt(4) & 0xffffffffL, tsresol, tsoffset);
        if (iface == null) {
            throw new IllegalArgumentException("interface " + index + " has an impossible timestamp resolution (if_tsresol 0x"
                    + Integer.toHexString(tsresol) + ")");
        }
        return iface;
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
