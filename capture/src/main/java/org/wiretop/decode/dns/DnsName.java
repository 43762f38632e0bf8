package org.wiretop.decode.dns;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * Domain names (RFC 1035 §3.1, §4.1.4): skipping one while walking a message, and writing one
 * the way Wireshark shows it ({@code www.example.com}, {@code <Root>}). tcpdump's own way of
 * printing names lives in {@link DnsText}.
 *
 * <p>A name is a sequence of labels, each a length byte and that many bytes, ended by a zero
 * byte or by a two-byte compression pointer ({@code 11} + a 14-bit offset from the message
 * start) to the rest of the name elsewhere. Pointers are followed only when writing, with
 * Wireshark's loop rule: once as many bytes were visited as the message holds, the name is a
 * loop. Nothing here can run longer than the message is long.
 */
final class DnsName {
    static final int POINTER = 0xc0, EXTENDED = 0x40, RESERVED = 0x80, BIT_LABEL = 0x41;
    /** RFC 1035's limit on a name's text, as Wireshark applies it. */
    static final int MAX_TEXT = 255;

    private DnsName() {
    }

    /**
     * The offset just after the name at {@code off} (a pointer counts as its two bytes), or -1
     * when a label type is unknown. Reads past the captured bytes throw the decoder's signal.
     */
    static int skip(PacketBuf b, int off) {
        int p = off;
        while (true) {
            int len = b.u8(p);
            switch (len & POINTER) {
                case POINTER:
                    b.u8(p + 1);
                    return p + 2;
                case EXTENDED:
                    if (len != BIT_LABEL) {
                        return -1;
                    }
                    int bits = b.u8(p + 1);
                    p += 2 + ((bits == 0 ? 256 : bits) + 7) / 8;
                    break;
                case RESERVED:
                    return -1;
                default:
                    if (len == 0) {
                        return p + 1;
                    }
                    p += 1 + len;
            }
        }
    }

    /**
     * Appends the name at {@code off} as Wireshark shows it: labels joined by dots, characters
     * other than letters, digits, '-' and '_' as {@code \ooo}, the root as {@code <Root>}, and
     * {@code <Name contains a pointer that loops>} / {@code <Name too long>} /
     * {@code <Unknown extended label>} where Wireshark says so. Never throws; stops at the end
     * of the captured bytes.
     *
     * @param msg the message's first byte (compression offsets count from it)
     * @param end exclusive end of the captured bytes
     * @param size the message's length (Wireshark's bound on bytes visited)
     */
    static void appendWireshark(byte[] d, int msg, int off, int end, int size, LineBuilder out) {
        int start = out.length();
        int p = off;
        int visited = 0;
        int textLength = 0;
        while (p >= 0 && p < end) {
            int len = d[p] & 0xff;
            if (len == 0) {
                break;
            }
            if ((len & POINTER) == POINTER) {
                if (p + 1 >= end) {
                    break;
                }
                visited++;
                if (visited >= size) {
                    out.setLength(start);
                    out.append("<Name contains a pointer that loops>");
                    return;
                }
                p = msg + (((len & 0x3f) << 8) | (d[p + 1] & 0xff));
                continue;
            }
            if ((len & POINTER) != 0) {
                out.setLength(start);
                out.append((len & POINTER) == EXTENDED ? "<Unknown extended label>" : "<Unknown label type>");
                return;
            }
            if (textLength > 0) {
                out.append('.');
                textLength++;
            }
            for (int i = 1; i <= len && p + i < end; i++) {
                int c = d[p + i] & 0xff;
                if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_') {
                    out.append((char) c);
                } else {
                    out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + ((c >> 3) & 7)))
                            .append((char) ('0' + (c & 7)));
                }
            }
            textLength += len;
            visited += len + 1;
            if (textLength > MAX_TEXT) {
                out.setLength(start);
                out.append("<Name too long>");
                return;
            }
            p += len + 1;
        }
        if (out.length() == start) {
            out.append("<Root>");
        }
    }
}
