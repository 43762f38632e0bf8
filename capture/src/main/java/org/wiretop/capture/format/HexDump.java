package org.wiretop.capture.format;

/**
 * tcpdump's three dumps of raw bytes (print-ascii.c), byte for byte:
 * <pre>
 * hex (-x):          \n\t0x0000:  4500 003c 1c46 4000 4006 b1e6 ac10 0a63
 * hex and ASCII (-X): \n\t0x0000:  4500 003c 1c46 4000 4006 b1e6 ac10 0a63  E..&lt;.F@.@......c
 * ASCII (-A):        \n then each byte, '.' for what is not printable; CR dropped before LF
 * </pre>
 * Sixteen bytes a line in groups of two, the offset in at least four hex digits; the callers
 * pass only captured bytes. Allocates nothing.
 */
final class HexDump {
    /** The hex column's width in hex_and_ascii_print: eight groups of " xxxx". */
    private static final int HEX_COLUMN = 40;

    private HexDump() {
    }

    /** tcpdump's hex_print: {@code indent} (e.g. "\n\t") starts each line of 16 bytes. */
    static void hex(LineBuilder out, String indent, byte[] d, int from, int length) {
        int shorts = length / 2;
        int i = 0;
        int offset = 0;
        int p = from;
        for (; shorts > 0; shorts--) {
            if (i++ % 8 == 0) {
                appendOffset(out.append(indent), offset);
                offset += 16;
            }
            out.append(' ').appendHex2(d[p]).appendHex2(d[p + 1]);
            p += 2;
        }
        if ((length & 1) != 0) {
            if (i % 8 == 0) {
                appendOffset(out.append(indent), offset);
            }
            out.append(' ').appendHex2(d[p]);
        }
    }

    /** tcpdump's hex_and_ascii_print with the indent "\n\t". */
    static void hexAndAscii(LineBuilder out, byte[] d, int from, int length) {
        int offset = 0;
        for (int line = 0; line < length; line += 16, offset += 16) {
            int n = Math.min(16, length - line);
            int start = from + line;
            appendOffset(out.append("\n\t"), offset);
            int hexStart = out.length();
            for (int k = 0; k < n; k += 2) {
                out.append(' ').appendHex2(d[start + k]);
                if (k + 1 < n) {
                    out.appendHex2(d[start + k + 1]);
                }
            }
            for (int w = out.length() - hexStart; w < HEX_COLUMN; w++) {
                out.append(' ');
            }
            out.append("  ");
            for (int k = 0; k < n; k++) {
                int c = d[start + k] & 0xff;
                out.append(isGraph(c) ? (char) c : '.');
            }
        }
    }

    /**
     * tcpdump's ascii_print: a line break, then the bytes as text; unprintable bytes are '.',
     * tab, space and LF are kept, and a CR is dropped unless an LF does not follow it (tcpdump's
     * test, quirk included: a CR with exactly one byte after it is dropped too).
     */
    static void ascii(LineBuilder out, byte[] d, int from, int length) {
        out.append('\n');
        int end = from + length;
        for (int p = from; p < end; p++) {
            int c = d[p] & 0xff;
            int left = end - p - 1;
            if (c == '\r') {
                if (left > 1 && d[p + 1] != '\n') {
                    out.append('.');
                }
            } else if (isGraph(c) || c == '\t' || c == ' ' || c == '\n') {
                out.append((char) c);
            } else {
                out.append('.');
            }
        }
    }

    /** "0x" and at least four lower-case hex digits ({@code %04x}). */
    private static void appendOffset(LineBuilder out, int offset) {
        out.append("0x");
        if (offset > 0xffff) {
            int high = offset >>> 16;
            appendHexDigits(out, high);
        }
        out.appendHex2((offset >>> 8) & 0xff).appendHex2(offset & 0xff).append(": ");
    }

    private static void appendHexDigits(LineBuilder out, int v) {
        if (v > 0xffff) {
            appendHexDigits(out, v >>> 16);
            out.appendHex2((v >>> 8) & 0xff).appendHex2(v & 0xff);
        } else {
            out.appendHex16(v);
        }
    }

    /** tcpdump's ND_ASCII_ISGRAPH: printable and not a space. */
    static boolean isGraph(int c) {
        return c > 0x20 && c <= 0x7e;
    }
}
