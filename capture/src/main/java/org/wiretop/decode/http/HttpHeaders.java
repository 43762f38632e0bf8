package org.wiretop.decode.http;

import org.wiretop.decode.PacketBuf;

/**
 * The header lines of one message, after its start line: keeps the first Host, User-Agent,
 * Content-Type and Content-Length of the segment (as Wireshark reads them: name without case,
 * value from the first non-blank byte after the colon to the line's end) and what the body's
 * length will be. Stops, as Wireshark does, at the blank line, at a line without a colon
 * (an obsolete folded line included) or at the end of the captured bytes.
 */
final class HttpHeaders {
    /** What {@link #bodyLength} answers when the body runs to the segment's end. */
    static final long TO_END = -1;

    /** This message's Content-Length (-1: none or not a number) and whether it has a Transfer-Encoding. */
    private long length;
    private boolean transferEncoding;
    private int code;

    /**
     * Walks the header lines from {@code p}; returns the offset after the blank line, or -1 when
     * the captured bytes end first. {@code m} is the message's index, for its media type;
     * {@code statusCode} its status (-1 for a request).
     */
    int walk(Http h, PacketBuf b, int p, int end, int m, int statusCode) {
        length = -1;
        transferEncoding = false;
        code = statusCode;
        while (p < end) {
            int lf = HttpLines.lineFeed(b, p, end);
            if (lf < 0) {
                return -1;
            }
            int lineEnd = HttpLines.lineEnd(b, p, lf);
            if (lineEnd == p) {
                return lf + 1;
            }
            int colon = b.indexOf(':', p, lineEnd);
            if (colon < 0) {
                return p; // not a header: Wireshark ends the headers here and takes the rest as body
            }
            header(h, b, p, colon, lineEnd, m);
            p = lf + 1;
        }
        return -1;
    }

    private void header(Http h, PacketBuf b, int p, int colon, int lineEnd, int m) {
        int nameLen = colon - p;
        int value = HttpLines.skipBlanks(b, colon + 1, lineEnd);
        int valueLen = lineEnd - value;
        if (HttpLines.equalsIgnoreCase(b, p, nameLen, "host")) {
            if (h.hostLen < 0) {
                h.host = value;
                h.hostLen = valueLen;
            }
        } else if (HttpLines.equalsIgnoreCase(b, p, nameLen, "user-agent")) {
            if (h.userAgentLen < 0) {
                h.userAgent = value;
                h.userAgentLen = valueLen;
            }
        } else if (HttpLines.equalsIgnoreCase(b, p, nameLen, "content-type")) {
            if (h.contentTypeLen < 0) {
                h.contentType = value;
                h.contentTypeLen = valueLen;
            }
            h.mediaStart[m] = value;
            h.mediaLen[m] = mediaTypeEnd(b, value, lineEnd) - value;
        } else if (HttpLines.equalsIgnoreCase(b, p, nameLen, "content-length")) {
            if (h.contentLengthLen < 0) {
                h.contentLength = value;
                h.contentLengthLen = valueLen;
            }
            length = contentLength(b, value, lineEnd);
        } else if (HttpLines.equalsIgnoreCase(b, p, nameLen, "transfer-encoding")) {
            transferEncoding = true;
        }
    }

    /** The media type ends at a ';' or white space. */
    private static int mediaTypeEnd(PacketBuf b, int p, int lineEnd) {
        while (p < lineEnd && b.u8(p) != ';' && !HttpLines.isSpace(b.u8(p))) {
            p++;
        }
        return p;
    }

    /** Content-Length as Wireshark takes it (g_ascii_strtoll, then only white space): -1 when not valid. */
    private static long contentLength(PacketBuf b, int p, int lineEnd) {
        while (p < lineEnd && HttpLines.isSpace(b.u8(p))) {
            p++;
        }
        if (p < lineEnd && b.u8(p) == '+') {
            p++;
        }
        long v = 0;
        int digits = 0;
        for (; p < lineEnd && b.u8(p) >= '0' && b.u8(p) <= '9'; p++) {
            if (v > (Long.MAX_VALUE - 9) / 10) {
                return -1; // out of range
            }
            v = v * 10 + b.u8(p) - '0';
            digits++;
        }
        if (digits == 0 || p < lineEnd && !HttpLines.isSpace(b.u8(p))) {
            return -1;
        }
        return v;
    }

    /**
     * The body's length after the blank line, by Wireshark's rules: the Content-Length when there
     * is one and no Transfer-Encoding; none for a request without either, nor for a 1xx, 204 or
     * 304 response; otherwise the rest of the segment ({@link #TO_END}).
     */
    long bodyLength(int type) {
        if (length >= 0 && !transferEncoding) {
            return length;
        }
        if (type == Http.REQUEST) {
            return transferEncoding ? TO_END : 0;
        }
        return code / 100 == 1 || code == 204 || code == 304 ? 0 : TO_END;
    }

    /** True when a Transfer-Encoding announces a (chunked) body. */
    boolean transferEncoding() {
        return transferEncoding;
    }
}
