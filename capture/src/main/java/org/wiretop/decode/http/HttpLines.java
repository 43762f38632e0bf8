package org.wiretop.decode.http;

import org.wiretop.decode.PacketBuf;

/**
 * Line and token scanning over a packet's bytes, as Wireshark's HTTP dissector reads them: a
 * line ends at LF (a CR before it is not part of the line), tokens are split on spaces only,
 * and a start line is a request when its first token is one of Wireshark's methods (an
 * RFC 2774 {@code M-} prefix allowed) or a response when it starts with {@code HTTP/} or
 * {@code ICY}. Every read is bounds-checked against the limit given, itself within the
 * captured bytes; every scan is linear.
 */
final class HttpLines {
    /** Wireshark 4.0's request methods ({@code is_http_request_or_reply}), case-sensitive. */
    private static final String[] METHODS = {
            "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE",
            "PATCH", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE",
            "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH",
            "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "RPC_CONNECT", "RPC_IN_DATA",
            "UNSUBSCRIBE", "RPC_OUT_DATA", "VERSION-CONTROL", "BASELINE-CONTROL", "SSTP_DUPLEX_POST"};
    /** The longest method, with its {@code M-} prefix. */
    private static final int LONGEST = 18;

    private HttpLines() {
    }

    /** The offset of the first LF in {@code [from, limit)}, or -1. */
    static int lineFeed(PacketBuf b, int from, int limit) {
        return b.indexOf('\n', from, limit);
    }

    /** The end of the line whose LF is at {@code lf}: without a CR just before it. */
    static int lineEnd(PacketBuf b, int lineStart, int lf) {
        return lf > lineStart && b.u8(lf - 1) == '\r' ? lf - 1 : lf;
    }

    /** {@link Http#REQUEST}, {@link Http#RESPONSE} or {@link Http#NONE} for the line {@code [p, lineEnd)}. */
    static int startLine(PacketBuf b, int p, int lineEnd) {
        if (startsWith(b, p, "M-") && lineEnd - p >= 2) {
            p += 2;
        }
        if (lineEnd - p >= 5 && startsWith(b, p, "HTTP/") || lineEnd - p >= 3 && startsWith(b, p, "ICY")) {
            return Http.RESPONSE;
        }
        int space = p;
        while (space < lineEnd && space - p <= LONGEST && b.u8(space) != ' ') {
            space++;
        }
        return isMethod(b, p, space) ? Http.REQUEST : Http.NONE;
    }

    /**
     * True when no line starting at {@code p} can be a start line, from its first token alone
     * (at most 21 bytes read): what lets a body segment, the most common case, cost next to
     * nothing. Exact: a method or version token never holds a CR or LF.
     */
    static boolean cannotStart(PacketBuf b, int p, int limit) {
        int q = startsWith(b, p, "M-") ? p + 2 : p;
        if (startsWith(b, q, "HTTP/") || startsWith(b, q, "ICY")) {
            return false;
        }
        int t = q;
        while (t < limit && t - q <= LONGEST) {
            int c = b.u8(t);
            if (c == ' ' || c == '\r' || c == '\n') {
                break;
            }
            t++;
        }
        return !isMethod(b, q, t);
    }

    /**
     * The heuristic's test: the offset after a method and its space at {@code off} (within the
     * captured bytes), or -1.
     */
    static int methodEnd(PacketBuf b, int off, int limit) {
        int p = startsWith(b, off, "M-") ? off + 2 : off;
        int space = p;
        // a method is capitals, '-' and '_' (M-SEARCH, CCM_POST): stop at any other byte, which cannot be one
        while (space < limit && space - p <= LONGEST && b.has(space, 1) && isMethodByte(b.u8(space))) {
            space++;
        }
        if (space >= limit || !b.has(space, 1) || b.u8(space) != ' ' || !isMethod(b, p, space)) {
            return -1;
        }
        return space + 1;
    }

    private static boolean isMethodByte(int c) {
        return c >= 'A' && c <= 'Z' || c == '-' || c == '_';
    }

    private static boolean isMethod(PacketBuf b, int from, int to) {
        int n = to - from;
        if (n < 3 || n > LONGEST) {
            return false;
        }
        for (String m : METHODS) {
            if (m.length() == n && startsWith(b, from, m)) {
                return true;
            }
        }
        return false;
    }

    /** True when the captured bytes at {@code off} start with {@code s} (exact case). */
    static boolean startsWith(PacketBuf b, int off, String s) {
        if (!b.has(off, s.length())) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b.u8(off + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code [off, off + name.length())} equals {@code name} in any case (ASCII). */
    static boolean equalsIgnoreCase(PacketBuf b, int off, int len, String name) {
        if (len != name.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int c = b.u8(off + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The end of the token at {@code p}: the next space, CR or LF (Wireshark's get_token_len). */
    static int tokenEnd(PacketBuf b, int p, int lineEnd) {
        while (p < lineEnd) {
            int c = b.u8(p);
            if (c == ' ' || c == '\r' || c == '\n') {
                break;
            }
            p++;
        }
        return p;
    }

    /** Skips spaces (not tabs, as get_token_len). */
    static int skipSpaces(PacketBuf b, int p, int lineEnd) {
        while (p < lineEnd && b.u8(p) == ' ') {
            p++;
        }
        return p;
    }

    /** Skips spaces and tabs (a header value's leading blanks). */
    static int skipBlanks(PacketBuf b, int p, int lineEnd) {
        while (p < lineEnd && (b.u8(p) == ' ' || b.u8(p) == '\t')) {
            p++;
        }
        return p;
    }

    /** {@code strtoul} of {@code [from, to)}: leading white space, '+', then the digits there are (0 if none). */
    static int leadingNumber(PacketBuf b, int from, int to) {
        int p = from;
        while (p < to && isSpace(b.u8(p))) {
            p++;
        }
        if (p < to && b.u8(p) == '+') {
            p++;
        }
        int v = 0;
        while (p < to && b.u8(p) >= '0' && b.u8(p) <= '9') {
            v = v * 10 + b.u8(p) - '0';
            p++;
        }
        return v;
    }

    /** C's isspace. */
    static boolean isSpace(int c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }
}
