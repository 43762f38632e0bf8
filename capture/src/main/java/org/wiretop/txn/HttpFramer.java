package org.wiretop.txn;

/**
 * Where the HTTP/1.x messages of one direction of a TCP stream end, fed that direction's bytes in
 * sequence order, as tshark 4.0 reassembles them (req_resp_hdrs.c and packet-http.c with header
 * and body desegmentation and dechunking on): a message completes on the segment that brings
 * <ul>
 * <li>its blank line, when it has no body to wait for (a request without Content-Length or
 *     chunking; a response to HEAD or a 2xx to CONNECT; 1xx, 204, 304; a segment with FIN);</li>
 * <li>its last body byte by Content-Length;</li>
 * <li>for {@code Transfer-Encoding: chunked}, the line after the {@code 0} chunk-size line (chunk
 *     sizes read as {@code sscanf("%x")}; an unreadable size or one over 2^31 ends it there; a FIN
 *     ends it, as tshark asks for one more segment each time, but not a Content-Length body);</li>
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

    private final long[] next, remaining, bytes;
    private final byte[] mode;
    private final int[] lineLength;
    private final boolean[] cr, done;
    private final HttpStartLine first;
    private final HttpLineValues values;
    private final HttpBodyHeaders headers;

    HttpFramer(int slots, int textBytes) {
        next = new long[slots];
        remaining = new long[slots];
        bytes = new long[slots];
        mode = new byte[slots];
        lineLength = new int[slots];
        cr = new boolean[slots];
        done = new boolean[slots];
        first = new HttpStartLine(slots, textBytes);
        values = new HttpLineValues(slots);
        headers = new HttpBodyHeaders(slots);
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
        if (cut) {
            return cutSegment(d, a, p, end);
        }
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
                default: // SKIP: the rest of the segment is a continuation
                    return -1;
            }
        }
        if (mode[d] == CHUNK_END && cr[d]) {
            mode[d] = SKIP; // tshark looks past the reassembled bytes for the LF after this CR: an exception, the message is lost
            return -1;
        }
        if (fin && (mode[d] == CHUNK_SIZE || mode[d] == CHUNK_DATA || mode[d] == CHUNK_END
                || mode[d] == UNTIL_FIN)) {
            return complete(d, end, end, true); // tshark, asked for one more segment each time, stops waiting at the end of the stream
        }
        return -1;
    }

    /** A message starting in a segment cut by the capture completes there when its first line is HTTP ({@link HttpLineWalk#cutPasses}). */
    private int cutSegment(int d, byte[] a, int p, int end) {
        int from = mode[d] == START && p < end ? start(d, a, p, end) : end;
        int q = from;
        while (q < end && a[q] != '\n' && a[q] != '\r') {
            first.add(d, q - from, a[q] & 0xff);
            q++;
        }
        if (from >= end || !first.end(d, q - from) || !HttpLineWalk.cutPasses(a, q, end)) {
            mode[d] = SKIP;
            return -1;
        }
        bytes[d] = end - from;
        return complete(d, end, end, true);
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
        return first.kind(d);
    }

    byte method(int d) {
        return first.method(d);
    }

    /** A response's status code (its first three digits), or -1. */
    int status(int d) {
        return first.status(d);
    }

    long bytes(int d) {
        return bytes[d];
    }

    /** The request line without its version ({@code GET /path}), cut at the text length: in {@link #textBuffer()} at {@code d * HttpTransactions.TEXT}. */
    int textLength(int d) {
        return first.textLength(d);
    }

    byte[] textBuffer() {
        return first.textBuffer();
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
        bytes[d] = 0;
        first.begin(d);
        headers.begin(d);
        lineStart(d);
        return p;
    }

    private void lineStart(int d) {
        lineLength[d] = 0;
        cr[d] = false;
        values.begin(d);
    }

    /**
     * Reads line bytes until a line ends and is acted on (returns where reading goes on, with
     * {@code done[d]} when that completed the message) or the segment ends (-1).
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
                first.add(d, n, c);
                break;
            case HEADERS:
                values.headerByte(d, n, c);
                break;
            case CHUNK_SIZE:
                values.hexByte(d, c);
                break;
            default: // CHUNK_END: only where the line ends matters
                break;
        }
    }

    /** A line ended at {@code p}. */
    private int lineEnd(int d, byte[] a, int p, int end, boolean fin, byte latest) {
        cr[d] = false;
        int length = lineLength[d];
        switch (mode[d]) {
            case FIRST_LINE:
                if (!first.end(d, length)) {
                    mode[d] = SKIP; // not HTTP: a continuation to the segment's end
                    return end;
                }
                mode[d] = HEADERS;
                headers.firstLine(d, first.rpcMethod(d));
                break;
            case HEADERS:
                if (length > 0) {
                    headers.header(d, values, first.rpcMethod(d));
                    break;
                }
                return body(d, p, end, fin, latest);
            case CHUNK_SIZE: {
                long size = values.chunkSize(d);
                if (size < 0 || size > 1L << 31) {
                    return complete(d, end, end, true); // no chunk size, or an unreasonable one: tshark stops reassembling
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

    /** The blank line after the headers: what, if anything, to wait for. */
    private int body(int d, int p, int end, boolean fin, byte latest) {
        boolean tryBody = !fin;
        int code = first.bodyStatus(d);
        if (first.kind(d) == RESPONSE && (latest == HEAD || code / 100 == 2 && (latest == CONNECT || latest == SSTP)
                || HttpBodyHeaders.noBody(code))) {
            tryBody = false;
        }
        if (tryBody && headers.chunked(d)) {
            mode[d] = CHUNK_SIZE;
            lineStart(d);
            return p;
        }
        if (tryBody && headers.hasLength(d)) {
            if (headers.waitsForLength(d)) {
                mode[d] = BODY;
                remaining[d] = headers.length(d);
                return p;
            }
        } else if (tryBody && first.kind(d) == RESPONSE) {
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
            long take = headers.dissected(d, first.kind(d), first.status(d), end - p);
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

    /** After the line following the last chunk, a trailer field: the dissection takes the fields to the blank line. */
    private int trailers(int d, byte[] a, int p, int end) {
        int q = HttpLineWalk.trailers(a, p, end);
        bytes[d] += q - p;
        done[d] = true;
        mode[d] = START;
        return q;
    }
}
