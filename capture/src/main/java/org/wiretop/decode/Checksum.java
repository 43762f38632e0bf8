package org.wiretop.decode;

/** The Internet checksum (RFC 1071): one's-complement sum of 16-bit big-endian words. */
final class Checksum {
    private Checksum() {
    }

    /**
     * One's-complement sum of {@code data[off, off + len)} folded to 16 bits; a header whose
     * checksum field is right sums to 0xffff. The caller has bounds-checked the range.
     */
    static int ones(byte[] data, int off, int len) {
        int sum = 0;
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) {
            sum += (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (data[end] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return sum;
    }
}
