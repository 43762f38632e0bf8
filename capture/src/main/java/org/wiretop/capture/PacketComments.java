package org.wiretop.capture;

import java.nio.charset.StandardCharsets;

/**
 * The comments of one packet (pcapng's {@code opt_comment}, UTF-8, as Wireshark shows them in
 * {@code frame.comment}), in storage reused from packet to packet: a reader fills it for the
 * packet it hands on, a writer reads it. Valid only during the packet's call. Bounded: at most
 * {@value #MAX_COMMENTS} comments of at most {@value #MAX_BYTES} bytes in all are kept.
 */
public final class PacketComments {
    public static final int MAX_COMMENTS = 8;
    public static final int MAX_BYTES = 0xFFFF;

    private byte[] bytes = new byte[256];
    private final int[] starts = new int[MAX_COMMENTS];
    private final int[] ends = new int[MAX_COMMENTS];
    private int count;
    private int used;

    public void clear() {
        count = 0;
        used = 0;
    }

    /** Adds one comment (UTF-8 bytes); ignored beyond the bounds. */
    public void add(byte[] src, int offset, int length) {
        if (count == MAX_COMMENTS || length < 0 || used + length > MAX_BYTES) {
            return;
        }
        if (used + length > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, Math.min(MAX_BYTES, Math.max(used + length, bytes.length * 2)));
        }
        System.arraycopy(src, offset, bytes, used, length);
        starts[count] = used;
        used += length;
        ends[count++] = used;
    }

    /** Adds one whole comment. */
    public void add(byte[] utf8) {
        add(utf8, 0, utf8.length);
    }

    public int count() {
        return count;
    }

    /** The storage holding comment {@code i} at {@link #offset(int)}; do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    public int offset(int i) {
        return starts[i];
    }

    public int length(int i) {
        return ends[i] - starts[i];
    }

    /** Comment {@code i} as text (allocates: for slow paths). */
    public String text(int i) {
        return new String(bytes, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }
}
