package org.wiretop.decode.http;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Truncated;

/**
 * HTTP/1.x (RFC 9112; RFC 1945 for 1.0) over TCP, and SSDP (HTTP over UDP port 1900, UPnP).
 * A message is a start line, header lines and a blank line, then a body:
 *
 * <pre>
 * request:  GET /index.html HTTP/1.1 CRLF        response: HTTP/1.1 200 OK CRLF
 *           Host: example.org CRLF                         Content-Type: text/html CRLF
 *           User-Agent: curl/7.88.1 CRLF                   Content-Length: 5 CRLF
 *           CRLF                                           CRLF
 *           [body]                                         hello
 * </pre>
 *
 * The decode reads lines as Wireshark 4.0 does (tokens split on spaces, header names matched
 * without case, values from the first non-blank byte after the colon to the line's end), one
 * complete line at a time within the captured bytes: a line that runs past them is not reported,
 * so a cut packet shows a subset of the whole packet's fields. Each field keeps its first
 * occurrence in the segment (tshark's {@code -E occurrence=f}), also from later pipelined
 * messages. Work is linear in the captured bytes and the walk stops after {@link #MAX_MESSAGES}.
 * A segment that does not start with a request or status line is a continuation (a body): no
 * fields. tshark reassembles a message whose headers or body span segments and shows it on the
 * last one; this per-packet decode shows it on the first (see docs/json.md).
 */
public final class Http extends AppDissector {
    /** Messages walked in one segment (HTTP/1.1 pipelining). */
    static final int MAX_MESSAGES = 8;
    /** What a start line is. */
    public static final int NONE = 0, REQUEST = 1, RESPONSE = 2;

    /** Offsets and lengths of the fields' text in {@link #data()}; length -1 = absent. */
    int method, methodLen, uri, uriLen, version, versionLen, responseVersion, responseVersionLen, phrase, phraseLen;
    int host, hostLen, userAgent, userAgentLen, contentType, contentTypeLen, contentLength, contentLengthLen;
    /** The status code, or -1. */
    int code;
    /** Start lines of the messages found (for Info), and whether each has a body. */
    final int[] lineStart = new int[MAX_MESSAGES];
    final int[] lineLen = new int[MAX_MESSAGES];
    final boolean[] hasBody = new boolean[MAX_MESSAGES];
    /** The media type of each message's Content-Type (offset, length), -1 when none. */
    final int[] mediaStart = new int[MAX_MESSAGES];
    final int[] mediaLen = new int[MAX_MESSAGES];
    /** Per message, for transactions: request or response, its status code, where its headers end
     *  (-1: past the segment) and its body's length by its headers (-1: unknown, to the end). */
    private final boolean[] request = new boolean[MAX_MESSAGES];
    private final int[] status = new int[MAX_MESSAGES];
    private final int[] headersEnd = new int[MAX_MESSAGES];
    private final long[] bodyLength = new long[MAX_MESSAGES];
    int messages;

    /** True when {@link #decode} left the walk to the first reader; {@link #lazy} is its view. */
    private boolean pending;
    private final PacketBuf lazy = new PacketBuf();
    private final HttpText text = new HttpText();
    private final HttpHeaders headers = new HttpHeaders();
    /** SSDP: Wireshark's own protocol (its filter name) over HTTP's syntax and fields. */
    private final boolean ssdp;

    /** HTTP. */
    public Http() {
        this(false);
    }

    private Http(boolean ssdp) {
        this.ssdp = ssdp;
    }

    /** SSDP (UPnP discovery, HTTP over UDP 1900): Wireshark names the protocol {@code ssdp}, its fields {@code http.*}. */
    public static Http ssdp() {
        return new Http(true);
    }

    @Override
    public String name() {
        return ssdp ? "ssdp" : "http";
    }

    @Override
    public String label() {
        return ssdp ? "SSDP" : "HTTP";
    }

    @Override
    public String tcpdumpName() {
        return "http";
    }

    @Override
    public AppField[] fields() {
        return HttpFields.ALL;
    }

    /**
     * Finds the fields now, or, for a payload captured whole, on first use ({@link #ready}): the
     * walk can then neither fail nor stop short, so it changes nothing in {@code s} and can wait
     * for a reader (a filter, JSON, the details). tcpdump's text reads the bytes itself
     * ({@link HttpText}), so printing and counting HTTP packets never pay for the header walk.
     */
    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        pending = end() == start() + length();
        if (!pending) {
            walk(b); // may say the capture cut a start line or the headers short
        }
    }

    /** Walks the messages if {@link #decode} left them for later; every reader of the fields calls it. */
    void ready() {
        if (pending) {
            pending = false;
            try {
                walk(view(lazy));
            } catch (Truncated t) {
                // not reached: every read of the walk stays within the payload, captured whole
            }
        }
    }

    private void walk(PacketBuf b) {
        methodLen = uriLen = versionLen = responseVersionLen = phraseLen = -1;
        hostLen = userAgentLen = contentTypeLen = contentLengthLen = -1;
        code = -1;
        messages = 0;
        int end = end();
        int wireEnd = start() + length();
        int p = start();
        if (length() > 3 && b.has(p, 2) && b.u8(p) == '\r' && b.u8(p + 1) == '\n') {
            p += 2; // RFC 9112 §2.2: a server ignores an empty line before a request (so does Wireshark)
        }
        while (messages < MAX_MESSAGES && p < end) {
            if (HttpLines.cannotStart(b, p, end)) {
                return; // a body, or not HTTP: a continuation
            }
            int lf = HttpLines.lineFeed(b, p, end);
            if (lf < 0) {
                if (HttpLines.startLine(b, p, end) != NONE) {
                    cutShort(end, wireEnd); // a start line the capture cut (a body's bytes are no concern)
                }
                return;
            }
            int lineEnd = HttpLines.lineEnd(b, p, lf);
            int type = HttpLines.startLine(b, p, lineEnd);
            if (type == NONE) {
                return; // a body, or not HTTP: a continuation
            }
            int m = messages++;
            lineStart[m] = p;
            lineLen[m] = lineEnd - p;
            hasBody[m] = false;
            mediaStart[m] = -1;
            mediaLen[m] = -1;
            int status = -1;
            if (type == REQUEST) {
                requestLine(b, p, lineEnd);
            } else {
                status = responseLine(b, p, lineEnd);
            }
            request[m] = type == REQUEST;
            this.status[m] = status;
            headersEnd[m] = -1;
            bodyLength[m] = -1;
            int bodyStart = headers.walk(this, b, lf + 1, end, m, status);
            if (bodyStart < 0) {
                cutShort(end, wireEnd);
                return;
            }
            long body = headers.bodyLength(type);
            headersEnd[m] = bodyStart;
            bodyLength[m] = headers.transferEncoding() ? -1 : body;
            hasBody[m] = body > 0 || headers.transferEncoding() || body == HttpHeaders.TO_END && bodyStart < wireEnd;
            if (body == HttpHeaders.TO_END || body >= wireEnd - bodyStart) {
                return; // the body runs to the end of the segment, or past it
            }
            p = bodyStart + (int) body;
        }
    }

    /** Lines ran out before the headers' end: truncated when the capture, not the segment, ended. */
    private static void cutShort(int end, int wireEnd) {
        if (end < wireEnd) {
            throw Truncated.INSTANCE;
        }
    }

    /** Method, URI and version by Wireshark's tokens (two spaces after the method: an empty URI). */
    private void requestLine(PacketBuf b, int p, int lineEnd) {
        int tokenEnd = HttpLines.tokenEnd(b, p, lineEnd);
        int next = HttpLines.skipSpaces(b, tokenEnd, lineEnd);
        if (methodLen < 0) {
            method = p;
            methodLen = tokenEnd - p;
        }
        if (next - p > 2 && next - tokenEnd >= 2) {
            next--;
        }
        int uriEnd = HttpLines.tokenEnd(b, next, lineEnd);
        int versionStart = HttpLines.skipSpaces(b, uriEnd, lineEnd);
        if (uriLen < 0) {
            uri = next;
            uriLen = uriEnd - next;
        }
        if (versionLen < 0) {
            version = versionStart;
            versionLen = lineEnd - versionStart;
        }
    }

    /** Version, the code's first three characters as a number, and the phrase after it; returns the code or -1. */
    private int responseLine(PacketBuf b, int p, int lineEnd) {
        int tokenEnd = HttpLines.tokenEnd(b, p, lineEnd);
        int next = HttpLines.skipSpaces(b, tokenEnd, lineEnd);
        if (responseVersionLen < 0) {
            responseVersion = p;
            responseVersionLen = tokenEnd - p;
        }
        int codeEnd = HttpLines.tokenEnd(b, next, lineEnd);
        if (codeEnd - next < 3) {
            return -1;
        }
        int status = HttpLines.leadingNumber(b, next, next + 3);
        if (code < 0) {
            code = status;
        }
        int phraseStart = HttpLines.skipSpaces(b, codeEnd, lineEnd);
        if (phraseLen < 0 && lineEnd > phraseStart) {
            phrase = phraseStart;
            phraseLen = lineEnd - phraseStart;
        }
        return status;
    }

    /** True when a segment starting with this byte may pass {@link #looksLike}: methods and HTTP/ start with a capital. */
    public static boolean mayStartWith(int firstByte) {
        return firstByte >= 'A' && firstByte <= 'Z';
    }

    /**
     * The TCP heuristic (any port): the payload starts with one of Wireshark's request methods
     * and a space, or with {@code HTTP/1.}.
     */
    public static boolean looksLike(PacketBuf b, int off) {
        return HttpLines.startsWith(b, off, "HTTP/1.") || HttpLines.methodEnd(b, off, b.end()) > 0;
    }

    /**
     * What the line {@code [p, lineEnd)} of {@code b} starts: {@link #REQUEST} (one of Wireshark 4.0's
     * methods), {@link #RESPONSE} ({@code HTTP/}, {@code ICY}) or {@link #NONE}; for the transactions' framing.
     */
    public static int startLine(PacketBuf b, int p, int lineEnd) {
        return HttpLines.startLine(b, p, lineEnd);
    }

    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        text.print(this, in, out, verbose);
    }

    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        HttpFields.appendInfo(this, out);
    }

    // ---- the messages, for transactions (org.wiretop.txn) ----

    /** Request and status lines found in this segment (pipelined messages each count). */
    public int messages() {
        ready();
        return messages;
    }

    public boolean isRequest(int m) {
        ready();
        return request[m];
    }

    /** A response's status code, or -1. */
    public int statusCode(int m) {
        ready();
        return status[m];
    }

    /** Where message {@code m} starts in {@link #data()}. */
    public int messageStart(int m) {
        ready();
        return lineStart[m];
    }

    /** Where its headers end (the body's first byte), or -1 when they run past the captured bytes. */
    public int headersEnd(int m) {
        ready();
        return headersEnd[m];
    }

    /** Its body's length by its headers (Content-Length; 0 for none), or -1 when unknown (chunked, to the close). */
    public long bodyLength(int m) {
        ready();
        return bodyLength[m];
    }

    /** Appends the request line of message {@code m} without its version: {@code GET /path}. */
    public void appendRequest(int m, LineBuilder out) {
        ready();
        int start = lineStart[m], len = lineLen[m];
        int cut = len;
        for (int i = len - 1; i > 0; i--) {
            if (data()[start + i] == ' ') {
                cut = i;
                break;
            }
        }
        int version = start + cut + 1;
        boolean hasVersion = cut < len && len - cut > 5 && data()[version] == 'H' && data()[version + 4] == '/';
        out.append(data(), start, hasVersion ? cut : len);
    }

    /** Appends {@code data()[off, off + len)} as it is (header text is ASCII; JSON escapes the rest). */
    void appendBytes(int off, int len, LineBuilder out) {
        out.append(data(), off, len);
    }
}
