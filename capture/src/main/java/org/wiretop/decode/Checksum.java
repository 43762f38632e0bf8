package org.wiretop.decode;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** The Internet checksum (RFC 1071): one's-complement sum of 16-bit big-endian words. */
final class Checksum {
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Checksum() {
    }

    /**
     * One's-complement sum of {@code data[off, off + len)} folded to 16 bits; a header whose
     * checksum field is right sums to 0xffff. The caller has bounds-checked the range.
     */
    static int ones(byte[] data, int off, int len) {
        // 32 bits at a time (one load each) into a 64-bit sum: since 2^16 = 1 (mod 0xffff),
        // folding that sum gives the same result as adding 16-bit words (RFC 1071 §2(C)).
        long sum = 0;
        int i = off;
        if (len >= 20) { // an IPv4 header without options, unrolled: the common case by far
            sum = ((int) INT_BE.get(data, off) & 0xffffffffL) + ((int) INT_BE.get(data, off + 4) & 0xffffffffL)
                    + ((int) INT_BE.get(data, off + 8) & 0xffffffffL) + ((int) INT_BE.get(data, off + 12) & 0xffffffffL)
                    + ((int) INT_BE.get(data, off + 16) & 0xffffffffL);
            i += 20;
        }
        for (int end = off + (len & ~3); i < end; i += 4) {
            sum += (int) INT_BE.get(data, i) & 0xffffffffL;
        }
        if ((len & 2) != 0) {
            sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
            i += 2;
        }
        if ((len & 1) != 0) {
            sum += (data[i] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }
}
