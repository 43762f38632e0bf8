package org.wiretop.txn;

import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.http.Http;

/**
 * Where the HTTP/1.x messages of one direction of a TCP stream end, fed that direction's bytes in
 * sequence order, as tshark 4.0 reassembles them (req_resp_hdrs.c and packet-http.c with header
 * and body desegmentation and dechunking on): a message completes on the segment that brings
 * <ul>
 * <li>its blank line, when it has no body to wait for (a request without Content-Length or
 *     chunking; a response to HEAD or a 2xx to CONNECT; 1xx, 204, 304; a segment with FIN);</li>
 * <li>its last body byte by Content-Length;</li>
 * <li>for {@code Transfer-Encoding: chunked}, the line after the {@code 0} chunk-size line (chunk
 *     sizes read as {@code sscanf("%x")}; an unreadable size or one over 2^31 ends it there);</li>
 * <li>for a response with neither, the FIN (a segment with data, or the bare FIN).</li>
 * </ul>
 * Lines end at LF, at CR+LF, or at a CR followed by another byte (a CR ending the bytes so far
 * waits for the next one, as {@code tvb_find_line_end}). A message starts where a segment starts
 * or where the previous one ended inside it; one whose first byte is not printable or whose first
 * line is no request, response or notification makes the rest of the segment a continuation.
 *
 * <p>Bounded: per direction a fixed set of numbers and {@link HttpTransactions#TEXT} bytes of the
 * first line, however long the lines or lying the sizes; tables allocated once, nothing per packet.
 * Each byte is looked at once.
 */
final class HttpFramer {
    /** What the next byte is. */
    private static final byte START = 0, FIRST_LINE = 1, HEADERS = 2, BODY = 3, CHUNK_SIZE = 4, CHUNK_DATA = 5,
            CHUNK_END = 6, UNTIL_FIN = 7, SKIP = 8;
    /** The message's kind, by its first line. */
    static final byte REQUEST = 1, RESPONSE = 2, NOTIFICATION = 3;
    /** The method of a request, for the response's body rule. */
    static final byte OTHER = 0, HEAD = 1, CONNECT = 2, SSTP = 3;
    /** Header names req_resp_hdrs.c looks for (with their colon), lower case; their bits. */
    private static final byte[][] NAMES = {"content-length:".getBytes(), "content-type:".getBytes(),
            "transfer-encoding:".getBytes()};
    private static final int CL = 1, CT = 2, TE = 4;
    private static final byte[] CHUNKED = "chunked".getBytes(), RPC = "application/rpc".getBytes();
    /** Content-Length from which an {@code application/rpc} body or an RPC_IN/OUT_DATA request is not waited for. */
    private static final long RPC_LENGTH = 128 * 1024;
    private static final long INT_MAX = Integer.MAX_VALUE;

    private final int text;
    private final long[] next, remaining, bytes, contentLength, number;
    private final byte[] mode, kind, method, names, header, valueState, firstLine;
    private final int[] lineLength, firstLength, lastSpace, status, bodyStatus, textLength;
    private final boolean[] cr, clFound, chunked, rpcType, versionH, versionSlash, negative, ended, done;
    private final PacketBuf line = new PacketBuf();

    HttpFramer(int slots, int textBytes) {
        text = textBytes;
        next = new long[slots];
        remaining = new long[slots];
        bytes = new long[slots];
        contentLength = new long[slots];
        number = new long[slots];
        mode = new byte[slots];
        kind = new byte[slots];
        method = new byte[slots];
        names = new byte[slots];
        header = new byte[slots];
        valueState = new byte[slots];
        firstLine = new byte[slots * textBytes];
        lineLength = new int[slots];
        firstLength = new int[slots];
        lastSpace = new int[slots];
        status = new int[slots];
        bodyStatus = new int[slots];
        textLength = new int[slots];
        cr = new boolean[slots];
        clFound = new boolean[slots];
        chunked = new boolean[slots];
        rpcType = new boolean[slots];
        versionH = new boolean[slots];
        versionSlash = new boolean[slots];
        negative = new boolean[slots];
        ended = new boolean[slots];
        done = new boolean[slots];
    }

    /** Forgets slot {@code d}: its next segment starts a message. */
    void reset(int d) {
        mode[d] = START;
        next[d] = -1;
    }

    /**
     * A segment of {@code length} captured bytes at relative sequence number {@code seq} (the whole
     * segment when {@code whole}) arrives: how many of its first bytes were seen already, or -1 when
     * all were. A gap, or a segment cut by the capture, starts over (tshark cannot reassemble across them).
     */
    int begin(int d, long seq, int length, boolean whole) {
        long expected = next[d];
        int skip = 0;
        if (expected >= 0 && seq < expected) {
            if (seq + length <= expected) {
                return -1;
            }
            skip = (int) (expected - seq);
        } else if (expected < 0 || seq > expected || !whole) {
            mode[d] = START;
        }
        if (mode[d] == SKIP) {
            mode[d] = START;
        }
        next[d] = whole ? seq + length : -1;
        return skip;
    }

    /**
     * Reads {@code a[p, end)} (the rest of the current segment, which carries FIN when {@code fin},
     * and was cut by the capture when {@code cut}); returns where the next message starts once one
     * completes here (its facts then readable until the next call), or -1 when none does.
     * {@code latest} is the stream's latest request method.
     */
    int feed(int d, byte[] a, int p, int end, boolean fin, boolean cut, byte latest) {
        done[d] = false;
        reading:
        while (p < end) {
            switch (mode[d]) {
                case START:
                    p = start(d, a, p, end);
                    break;
                case FIRST_LINE:
                case HEADERS:
                case CHUNK_SIZE:
                case CHUNK_END: {
                    int q = lines(d, a, p, end, fin, latest);
                    if (q < 0) {
                        break reading; // the segment ended inside a line
                    }
                    if (done[d]) {
                        return q;
                    }
                    if (cut && mode[d] == HEADERS && lineLength[d] == 0) {
                        return complete(d, end, end, true); // tshark cannot reassemble a cut segment: its first line is enough
                    }
                    p = q;
                    break;
                }
                case BODY: {
                    long n = Math.min(remaining[d], end - p);
                    remaining[d] -= n;
                    bytes[d] += n;
                    p += (int) n;
                    if (remaining[d] == 0) {
                        return complete(d, p, end, false);
                    }
                    break;
                }
                case CHUNK_DATA: {
                    long n = Math.min(remaining[d], end - p);
                    remaining[d] -= n;
                    bytes[d] += n;
                    p += (int) n;
                    if (remaining[d] == 0) {
                        mode[d] = CHUNK_SIZE;
                        lineStart(d);
                    }
                    break;
                }
                case UNTIL_FIN:
                    bytes[d] += end - p;
                    p = end;
                    break;
                case SKIP:
                    return -1;
                default: // SKIP: the rest of the segment is a continuation
                    return -1;
            }
        }
        if (mode[d] == CHUNK_END && cr[d]) {
            mode[d] = SKIP; // tshark looks past the reassembled bytes for the LF after this CR: an exception, the message is lost
            return -1;
        }
        if (fin && (mode[d] == BODY || mode[d] == CHUNK_SIZE || mode[d] == CHUNK_DATA || mode[d] == CHUNK_END
                || mode[d] == UNTIL_FIN)) {
            return complete(d, end, end, true); // at the end of the stream tshark stops waiting for the body
        }
        return -1;
    }

    /** A bare FIN: true when it completes a body that runs to the close. */
    boolean fin(int d) {
        if (mode[d] != UNTIL_FIN) {
            return false;
        }
        mode[d] = START;
        return true;
    }

    // ---- the completed message ----

    byte kind(int d) {
        return kind[d];
    }

    byte method(int d) {
        return method[d];
    }

    /** A response's status code (its first three digits), or -1. */
    int status(int d) {
        return status[d];
    }

    long bytes(int d) {
        return bytes[d];
    }

    /** The request line without its version ({@code GET /path}), cut at the text length: in {@link #textBuffer()} at {@code d * text}. */
    int textLength(int d) {
        return textLength[d];
    }

    byte[] textBuffer() {
        return firstLine;
    }

    // ---- reading ----

    /** At a message's first byte: tshark skips a leading CRLF, gives up on a byte that is not printable. */
    private int start(int d, byte[] a, int p, int end) {
        if (end - p > 3 && a[p] == '\r' && a[p + 1] == '\n') {
            p += 2;
        }
        int c = a[p] & 0xff;
        if (c < 0x20 || c > 0x7e) {
            mode[d] = SKIP;
            return end;
        }
        mode[d] = FIRST_LINE;
        number[d] = 0;
        bytes[d] = 0;
        firstLength[d] = 0;
        lastSpace[d] = -1;
        versionH[d] = versionSlash[d] = false;
        clFound[d] = chunked[d] = rpcType[d] = false;
        contentLength[d] = 0;
        lineStart(d);
        return p;
    }

    private void lineStart(int d) {
        lineLength[d] = 0;
        cr[d] = false;
        names[d] = CL | CT | TE;
        header[d] = 0;
        valueState[d] = 0;
        number[d] = 0;
        negative[d] = false;
        ended[d] = false;
    }

    /**
     * Reads line bytes until a line ends and is acted on (returns where reading goes on, with
     * {@code number[d] < 0} when that completed the message) or the segment ends (-1).
     */
    private int lines(int d, byte[] a, int p, int end, boolean fin, byte latest) {
        while (p < end) {
            int c = a[p] & 0xff;
            if (cr[d]) { // the line ended with a CR: an LF after it belongs to it
                if (c == '\n') {
                    p++;
                    bytes[d]++;
                }
                return lineEnd(d, a, p, end, fin, latest);
            }
            p++;
            bytes[d]++;
            if (c == '\n') {
                return lineEnd(d, a, p, end, fin, latest);
            }
            if (c == '\r') {
                cr[d] = true;
                continue;
            }
            lineByte(d, c);
        }
        return -1;
    }

    private void lineByte(int d, int c) {
        int n = lineLength[d];
        lineLength[d] = n == Integer.MAX_VALUE ? n : n + 1;
        switch (mode[d]) {
            case FIRST_LINE:
                if (n < text) {
                    firstLine[d * text + n] = (byte) c;
                    firstLength[d] = n + 1;
                }
                if (c == ' ') {
                    lastSpace[d] = n;
                    versionH[d] = versionSlash[d] = false;
                } else if (lastSpace[d] >= 0 && n == lastSpace[d] + 1) {
                    versionH[d] = c == 'H';
                } else if (lastSpace[d] >= 0 && n == lastSpace[d] + 5) {
                    versionSlash[d] = c == '/';
                }
                break;
            case HEADERS:
                headerByte(d, n, c);
                break;
            case CHUNK_SIZE:
                hexByte(d, c);
                break;
            default: // CHUNK_END: only where the line ends matters
                break;
        }
    }

    /** A header line's byte at {@code n}: its name matched against the three that matter, then its value read. */
    private void headerByte(int d, int n, int c) {
        if (header[d] == 0) {
            int lower = c >= 'A' && c <= 'Z' ? c + 32 : c;
            int still = 0;
            for (int k = 0; k < NAMES.length; k++) {
                int bit = 1 << k;
                if ((names[d] & bit) != 0 && n < NAMES[k].length && NAMES[k][n] == lower) {
                    still |= bit;
                    if (n == NAMES[k].length - 1) {
                        header[d] = (byte) bit;
                        if (bit == CL) {
                            clValue(d);
                        }
                    }
                }
            }
            names[d] = (byte) still;
            if (still == 0 && header[d] == 0) {
                header[d] = -1;
            }
            return;
        }
        if (c == 0) {
            ended[d] = true; // the C string ends at a NUL
        }
        if (ended[d]) {
            return;
        }
        if (header[d] == CL) {
            decimalByte(d, c);
        } else if (header[d] == TE) {
            prefixByte(d, c, CHUNKED, true, true);
        } else if (header[d] == CT) {
            prefixByte(d, c, RPC, false, false);
        }
    }

    /** A new Content-Length value: g_strstrip then ws_strtoi32 (whole string, decimal, int32). */
    private void clValue(int d) {
        valueState[d] = 0;
        number[d] = 0;
        negative[d] = false;
    }

    private void decimalByte(int d, int c) {
        boolean space = c == ' ' || c == '\t' || c == 0x0b || c == '\f';
        switch (valueState[d]) {
            case 0: // leading blanks
                if (space) {
                    return;
                }
                if (c == '+' || c == '-') {
                    negative[d] = c == '-';
                    valueState[d] = 1;
                    return;
                }
                // fall through to a digit
            case 1:
            case 2:
                if (c >= '0' && c <= '9') {
                    number[d] = Math.min(number[d] * 10 + (c - '0'), 1L << 40);
                    valueState[d] = 2;
                } else {
                    valueState[d] = valueState[d] == 2 && space ? (byte) 3 : (byte) 8;
                }
                return;
            case 3: // trailing blanks
                if (!space) {
                    valueState[d] = 8;
                }
                return;
            default: // 8: not a number
                break;
        }
    }

    /** Matches the value against {@code word}'s start (after blanks; tabs too when {@code tabs}). */
    private void prefixByte(int d, int c, byte[] word, boolean ignoreCase, boolean tabs) {
        int s = valueState[d];
        if (s >= word.length + 1) {
            return; // decided: matched (word.length + 1) or not (word.length + 2)
        }
        if (s == 0 && (c == ' ' || tabs && c == '\t')) {
            return;
        }
        int lower = ignoreCase && c >= 'A' && c <= 'Z' ? c + 32 : c;
        valueState[d] = (byte) (lower == word[s] ? s + 1 == word.length ? word.length + 1 : s + 1 : word.length + 2);
    }

    /** A chunk-size line's byte, as sscanf("%x") reads up to the first ';': blanks, a sign, 0x, hex digits. */
    private void hexByte(int d, int c) {
        int s = valueState[d];
        if (s >= 8) {
            return; // the number ended
        }
        boolean space = c == ' ' || c == '\t' || c == 0x0b || c == '\f';
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (s == 0 && space) {
            return;
        }
        if (s == 0 && (c == '+' || c == '-')) {
            negative[d] = c == '-';
            valueState[d] = 1;
            return;
        }
        if (s <= 1 && c == '0') {
            valueState[d] = 2; // a leading 0: maybe "0x"
            return;
        }
        if (s == 2 && (c == 'x' || c == 'X')) {
            valueState[d] = 3;
            return;
        }
        if (digit >= 0) {
            long v = number[d];
            number[d] = v > (Long.MAX_VALUE >> 4) ? Long.MAX_VALUE : v * 16 + digit;
            valueState[d] = 4;
        } else {
            valueState[d] = (byte) (s == 2 || s == 3 || s == 4 ? 8 : 9); // 8: a number (maybe 0), 9: none
        }
    }

    /** A line ended at {@code p}. */
    private int lineEnd(int d, byte[] a, int p, int end, boolean fin, byte latest) {
        cr[d] = false;
        int length = lineLength[d];
        switch (mode[d]) {
            case FIRST_LINE:
                if (!firstLine(d)) {
                    mode[d] = SKIP; // not HTTP: a continuation to the segment's end
                    return end;
                }
                mode[d] = HEADERS;
                break;
            case HEADERS:
                if (length > 0) {
                    headerEnd(d);
                    break;
                }
                return body(d, p, end, fin, latest);
            case CHUNK_SIZE: {
                int s = valueState[d];
                if (s == 0 || s == 1 || s == 9) {
                    return complete(d, end, end, true); // no chunk size: tshark stops reassembling here
                }
                long size = chunkSize(d);
                if (size > 1L << 31) {
                    return complete(d, end, end, true);
                }
                if (size == 0) {
                    mode[d] = CHUNK_END;
                } else {
                    mode[d] = CHUNK_DATA;
                    remaining[d] = size + 2; // the data and the CRLF after it, whatever those bytes are
                }
                break;
            }
            case CHUNK_END:
                if (length == 0) {
                    return complete(d, p, end, false);
                }
                // a trailer field: the message ends here for the reassembly; the dissection takes the fields to the blank line
                return trailers(d, a, p, end);
            default:
                break;
        }
        if (mode[d] != CHUNK_DATA) {
            lineStart(d);
        }
        return p;
    }

    /** The chunk size sscanf("%x") stores in an unsigned int: strtoul's value (ULONG_MAX when it overflows), negated, cut to 32 bits. */
    private long chunkSize(int d) {
        long v = number[d];
        if (v == Long.MAX_VALUE) {
            return 0xffffffffL;
        }
        return (negative[d] ? -v : v) & 0xffffffffL;
    }

    /** The first line: request, response or notification, and what the transaction keeps of it. */
    private boolean firstLine(int d) {
        int off = d * text, len = firstLength[d];
        line.wrap(firstLine, off + len, off + len);
        int type = Http.startLine(line, off, off + len);
        if (type == Http.NONE) {
            return false;
        }
        int p = off + (len >= 2 && firstLine[off] == 'M' && firstLine[off + 1] == '-' ? 2 : 0);
        int token = p;
        while (token < off + len && firstLine[token] != ' ') {
            token++;
        }
        kind[d] = type == Http.RESPONSE ? RESPONSE : is(p, token, "NOTIFY") || is(p, token, "SUBSCRIBE")
                || is(p, token, "UNSUBSCRIBE") ? NOTIFICATION : REQUEST;
        method[d] = is(p, token, "HEAD") ? HEAD : is(p, token, "CONNECT") ? CONNECT
                : is(p, token, "SSTP_DUPLEX_POST") ? SSTP : OTHER;
        rpcType[d] = kind[d] == REQUEST && (startsWith(off, len, "RPC_IN_DATA") || startsWith(off, len, "RPC_OUT_DATA"));
        status[d] = -1;
        bodyStatus[d] = 0;
        if (kind[d] == RESPONSE) {
            int code = token;
            while (code < off + len && firstLine[code] == ' ') {
                code++;
            }
            int codeEnd = code;
            while (codeEnd < off + len && firstLine[codeEnd] != ' ') {
                codeEnd++;
            }
            if (codeEnd - code >= 3) {
                status[d] = digits(code, 3);
                bodyStatus[d] = codeEnd - code == 3 ? Math.max(0, status[d]) : 0;
            }
        }
        // the request line without its version, as the transaction line shows it
        int whole = lineLength[d], cut = whole;
        if (lastSpace[d] > 0 && whole - lastSpace[d] > 5 && versionH[d] && versionSlash[d]) {
            cut = lastSpace[d];
        }
        textLength[d] = Math.min(cut, len);
        return true;
    }

    private boolean is(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (firstLine[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(int off, int len, String word) {
        return len >= word.length() && is(off, off + word.length(), word);
    }

    /** The number of {@code n} digits at {@code from}, or -1 when one is not a digit. */
    private int digits(int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            int c = firstLine[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }

    /** A header line ended: a Content-Length's value taken (the last one counts, a bad one as 0), a chunked coding or an RPC media type noted. */
    private void headerEnd(int d) {
        if (header[d] == CL) {
            int s = valueState[d];
            boolean digits = s == 2 || s == 3;
            long v = negative[d] ? -number[d] : number[d];
            if (digits && v >= Integer.MIN_VALUE && v <= INT_MAX) {
                contentLength[d] = v;
                if (v >= 0) {
                    clFound[d] = true;
                }
            } else {
                contentLength[d] = digits ? (v < 0 ? Integer.MIN_VALUE : INT_MAX) : 0;
            }
        } else if (header[d] == TE && valueState[d] == CHUNKED.length + 1) {
            chunked[d] = true;
        } else if (header[d] == CT) {
            rpcType[d] |= valueState[d] == RPC.length + 1;
        }
    }

    /** The blank line after the headers: what, if anything, to wait for. */
    private int body(int d, int p, int end, boolean fin, byte latest) {
        boolean tryBody = !fin;
        int code = bodyStatus[d];
        if (kind[d] == RESPONSE && (latest == HEAD || code / 100 == 2 && (latest == CONNECT || latest == SSTP)
                || code / 100 == 1 || code == 204 || code == 304)) {
            tryBody = false;
        }
        if (tryBody && chunked[d]) {
            mode[d] = CHUNK_SIZE;
            lineStart(d);
            return p;
        }
        if (tryBody && clFound[d]) {
            long length = contentLength[d];
            if (length > 0 && !(length >= RPC_LENGTH && rpcType[d])) {
                mode[d] = BODY;
                remaining[d] = length;
                return p;
            }
        } else if (tryBody && kind[d] == RESPONSE) {
            mode[d] = UNTIL_FIN;
            return p;
        }
        return complete(d, p, end, !tryBody && fin);
    }

    /**
     * The message completes at {@code p}; the dissection then takes the body it finds in the
     * segment (all of it when {@code rest}): by Content-Length, none for a request or a 1xx/204/304
     * without one, else to the segment's end.
     */
    private int complete(int d, int p, int end, boolean rest) {
        done[d] = true;
        if (!rest && mode[d] == HEADERS) {
            long take;
            if (clFound[d] && !chunked[d]) {
                take = Math.max(0, Math.min(contentLength[d], end - p));
            } else if (kind[d] == REQUEST && !chunked[d]
                    || kind[d] == RESPONSE && !chunked[d] && (status[d] / 100 == 1 || status[d] == 204 || status[d] == 304)) {
                take = 0;
            } else {
                take = end - p;
            }
            bytes[d] += take;
            p += (int) take;
        }
        if (rest) {
            bytes[d] += end - p;
            p = end;
            mode[d] = SKIP;
        } else {
            mode[d] = START;
        }
        return p;
    }

    /** After the line following the last chunk: trailer fields up to the blank line, as far as the segment holds them. */
    private int trailers(int d, byte[] a, int p, int end) {
        done[d] = true;
        int q = p;
        while (q < end) {
            int c = a[q] & 0xff;
            if (c == '\n' || c == '\r') {
                int after = c == '\r' && q + 1 < end && a[q + 1] == '\n' ? q + 2 : q + 1;
                if (c == '\r' && q + 1 >= end) {
                    break; // the line's end is not here yet
                }
                boolean blank = q == p;
                bytes[d] += after - p;
                p = q = after;
                if (blank) {
                    break;
                }
                continue;
            }
            q++;
        }
        mode[d] = START;
        return p;
    }
}
