package org.wiretop.capture.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reused, growable line of UTF-8 bytes that the formatters append to as they would to a
 * {@link StringBuilder}. Packet lines are ASCII, so each append is a plain byte store: no
 * coder checks, and no char-to-byte copy on the way out, since the bytes go to the output as
 * they are ({@link #array()}). Non-ASCII text (a process name) is encoded as UTF-8.
 */
public final class LineBuilder implements CharSequence {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** "00".."99": two digits per division when writing numbers. */
    private static final byte[] PAIRS = new byte[200];
    /** 0..255 as [digit count, up to three digits]. */
    private static final byte[] OCTETS = new byte[256 * 4];

    static {
        for (int v = 0; v < 256; v++) {
            byte[] text = Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
            OCTETS[v * 4] = (byte) text.length;
            System.arraycopy(text, 0, OCTETS, v * 4 + 1, text.length);
        }
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private byte[] bytes;
    private int length;

    public LineBuilder() {
        this(256);
    }

    public LineBuilder(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    /** The bytes; the line is {@code array()[0, length())}. Valid until the next append. */
    public byte[] array() {
        return bytes;
    }

    @Override
    public int length() {
        return length;
    }

    /** Cuts the line to {@code newLength} bytes (only shortening is allowed). */
    public LineBuilder setLength(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IndexOutOfBoundsException("setLength " + newLength + " of " + length);
        }
        length = newLength;
        return this;
    }

    /** The byte at {@code index} as a char (exact for ASCII, which is what callers look for). */
    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException("index " + index + " of " + length);
        }
        return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    /** The line as a String (allocates; for the UI and tests). */
    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    public LineBuilder append(char c) {
        if (c >= 0x80) {
            return append(String.valueOf(c));
        }
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = (byte) c;
        return this;
    }

    public LineBuilder append(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = bytes;
        int at = length;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // rare: encode the rest properly
                length = at + i;
                return appendUtf8(s.substring(i));
            }
            b[at + i] = (byte) c;
        }
        length = at + n;
        return this;
    }

    /** Appends bytes that are already UTF-8 (or ASCII). */
    public LineBuilder append(byte[] src, int offset, int count) {
        ensure(count);
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
        return this;
    }

    public LineBuilder append(LineBuilder other) {
        return append(other.bytes, 0, other.length);
    }

    public LineBuilder append(boolean v) {
        return append(v ? "true" : "false");
    }

    public LineBuilder append(int v) {
        if (v < 0) {
            if (v == Integer.MIN_VALUE) {
                return append("-2147483648");
            }
            append('-');
            v = -v;
        }
        int n = digits(v);
        ensure(n);
        int i = length + n;
        length = i;
        byte[] b = bytes;
        while (v >= 10_000) { // four digits a division: a shorter chain of dependent divides
            int q = v / 10_000;
            int r = v - q * 10_000;
            v = q;
            int high = r / 100;
            int low = (r - high * 100) * 2;
            high *= 2;
            b[i - 1] = PAIRS[low + 1];
            b[i - 2] = PAIRS[low];
            b[i - 3] = PAIRS[high + 1];
            b[i - 4] = PAIRS[high];
            i -= 4;
        }
        if (v >= 100) {
            int high = v / 100;
            int low = (v - high * 100) * 2;
            v = high;
            b[--i] = PAIRS[low + 1];
            b[--i] = PAIRS[low];
        }
        if (v >= 10) {
            b[--i] = PAIRS[v * 2 + 1];
            b[--i] = PAIRS[v * 2];
        } else {
            b[--i] = (byte) ('0' + v);
        }
        return this;
    }

    public LineBuilder append(long v) {
        if (v == (int) v) {
            return append((int) v);
        }
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                return append("-9223372036854775808");
            }
            append('-');
            v = -v;
        }
        // split off the low 9 digits so the rest is int arithmetic
        long high = v / 1_000_000_000L;
        int low = (int) (v - high * 1_000_000_000L);
        append(high);
        return appendPadded(low, 9);
    }

    /** Appends {@code v} (0 ≤ v) as exactly {@code width} digits, zeros first (fractions). */
    public LineBuilder appendPadded(int v, int width) {
        ensure(width);
        byte[] b = bytes;
        int i = length + width;
        length = i;
        for (int k = 0; k < width; k++) {
            b[--i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return this;
    }

    /** Appends one byte as two lower-case hex digits. */
    public LineBuilder appendHex2(int v) {
        ensure(2);
        bytes[length++] = HEX[(v >>> 4) & 0xf];
        bytes[length++] = HEX[v & 0xf];
        return this;
    }

    /** Appends a 16-bit value in lower-case hex without leading zeros ("0" for zero). */
    public LineBuilder appendHex16(int v) {
        ensure(4);
        byte[] b = bytes;
        int at = length;
        v &= 0xffff;
        if (v >= 0x1000) {
            b[at++] = HEX[v >>> 12];
        }
        if (v >= 0x100) {
            b[at++] = HEX[(v >>> 8) & 0xf];
        }
        if (v >= 0x10) {
            b[at++] = HEX[(v >>> 4) & 0xf];
        }
        b[at++] = HEX[v & 0xf];
        length = at;
        return this;
    }

    /** Appends the low 8 bits of {@code v} in decimal (an IPv4 octet) from a table. */
    public LineBuilder appendOctet(int v) {
        ensure(3);
        int o = (v & 0xff) * 4;
        byte[] b = bytes;
        int at = length;
        int n = OCTETS[o];
        b[at] = OCTETS[o + 1];
        b[at + 1] = OCTETS[o + 2];
        b[at + 2] = OCTETS[o + 3];
        length = at + n;
        return this;
    }

    /**
     * Appends a reason template with each {@code #} replaced by {@code value}: the decoder's
     * {@code reason} / {@code reasonValue} pair, filled in without allocating.
     */
    public LineBuilder appendTemplate(String template, long value) {
        for (int i = 0, n = template.length(); i < n; i++) {
            char c = template.charAt(i);
            if (c == '#') {
                append(value);
            } else {
                append(c);
            }
        }
        return this;
    }

    private LineBuilder appendUtf8(String s) {
        byte[] encoded = s.getBytes(StandardCharsets.UTF_8);
        return append(encoded, 0, encoded.length);
    }

    private static int digits(int v) { // v >= 0; packet fields are mostly short
        if (v < 100_000) {
            return v < 100 ? (v < 10 ? 1 : 2) : v < 1_000 ? 3 : v < 10_000 ? 4 : 5;
        }
        return v < 10_000_000 ? (v < 1_000_000 ? 6 : 7) : v < 100_000_000 ? 8 : v < 1_000_000_000 ? 9 : 10;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            grow(more);
        }
    }

    private void grow(int more) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
}
