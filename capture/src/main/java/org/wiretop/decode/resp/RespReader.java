package org.wiretop.decode.resp;

import org.wiretop.decode.PacketBuf;

/**
 * Reads RESP elements one after the other, depth first, without recursion: an array's header
 * adds its count to the elements still owed ({@link #pending}), so nesting costs nothing and a
 * deep or huge array is bounded by the bytes there are. Strict, as Wireshark's dissector: an
 * element is read only when it is whole in the captured bytes (its CRLF included); a length or
 * integer that is not a decimal number is {@link #MALFORMED}. A reused cursor; no allocation.
 */
final class RespReader {
    /** What {@link #next} found. */
    static final int INCOMPLETE = 0, SIMPLE = '+', ERROR = '-', INTEGER = ':', BULK = '$', ARRAY = '*',
            INLINE = 'i', MALFORMED = '!';

    private PacketBuf b;
    private int limit;
    /** Offset of the next element. */
    int pos;
    /** Elements still owed to the arrays opened so far (0 at the top level). */
    long pending;
    /** The last element: its text (simple string, error, bulk value, inline line; length -1 for a null). */
    int textStart, textLength;
    /** The last element's integer, bulk length or array count. */
    long number;
    /** True when the last element was at the top level (not inside an array). */
    boolean topLevel;
    /** True when the last bulk string's value is not followed by CRLF (tshark shows the value, then stops). */
    boolean badEnd;

    void reset(PacketBuf buf, int start, int end) {
        b = buf;
        limit = end;
        pos = start;
        pending = 0;
    }

    /** True when the bytes are all read (or nothing is left but the end). */
    boolean atEnd() {
        return pos >= limit;
    }

    /** Reads the element at {@link #pos}; on {@link #INCOMPLETE} or {@link #MALFORMED} nothing moves. */
    int next() {
        badEnd = false;
        if (pos >= limit) {
            return INCOMPLETE;
        }
        int type = b.u8(pos);
        int crlf;
        switch (type) {
            case SIMPLE:
            case ERROR:
            case INTEGER:
            case BULK:
            case ARRAY:
                crlf = crlf(pos + 1);
                if (crlf < 0) {
                    return INCOMPLETE;
                }
                break;
            default:
                return pending > 0 ? MALFORMED : inline();
        }
        textStart = pos + 1;
        textLength = crlf - textStart;
        int after = crlf + 2;
        if (type == INTEGER || type == BULK || type == ARRAY) {
            if (!parse(textStart, crlf)) {
                return MALFORMED;
            }
            if (type != INTEGER && (number < -1 || type == BULK && number > Integer.MAX_VALUE)) {
                return MALFORMED; // Wireshark's "Malformed length specified"
            }
        }
        if (type == BULK) {
            textStart = after;
            textLength = (int) Math.max(number, -1);
            if (number >= 0) {
                if (number > limit - after - 2) {
                    return INCOMPLETE;
                }
                after += (int) number;
                badEnd = b.u8(after) != '\r' || b.u8(after + 1) != '\n';
                after += 2;
            }
        }
        topLevel = pending == 0;
        if (pending > 0) {
            pending--;
        }
        if (type == ARRAY && number > 0) {
            pending += number;
        }
        pos = after;
        return type;
    }

    /** An inline command (redis-cli's telnet form): the line up to CR or LF, then the line ends. */
    private int inline() {
        int p = pos;
        while (p < limit && b.u8(p) != '\r' && b.u8(p) != '\n') {
            p++;
        }
        if (p == limit) {
            return INCOMPLETE;
        }
        textStart = pos;
        textLength = p - pos;
        while (p < limit && (b.u8(p) == '\r' || b.u8(p) == '\n')) {
            p++;
        }
        topLevel = true;
        pos = p;
        return INLINE;
    }

    /** The offset of the first CRLF at or after {@code from}, or -1. */
    private int crlf(int from) {
        for (int i = from; i < limit - 1; i++) {
            if (b.u8(i) == '\r' && b.u8(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** A signed decimal in {@code [from, to)} into {@link #number}; false when it is not one or overflows. */
    private boolean parse(int from, int to) {
        boolean negative = from < to && b.u8(from) == '-';
        int p = negative ? from + 1 : from;
        if (p == to || to - p > 18) {
            return false; // 18 digits cannot overflow a long
        }
        long v = 0;
        for (; p < to; p++) {
            int c = b.u8(p);
            if (c < '0' || c > '9') {
                return false;
            }
            v = v * 10 + c - '0';
        }
        number = negative ? -v : v;
        return true;
    }
}
