package org.wiretop.decode.http;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.PacketBuf;

/**
 * HTTP the way {@code tcpdump -nn} 4.99 prints it ({@code http_print} → {@code txtproto_print}
 * in {@code util-print.c}), so the lines are equal: {@code ": HTTP: GET / HTTP/1.1"} when the
 * segment starts with one of tcpdump's methods (any case) or its second token is a three-digit
 * status, {@code ": HTTP"} alone otherwise; with {@code -v}, {@code ", length: N"} and every
 * printable line on a line of its own. A line without its end in the segment gets tcpdump's
 * {@code [|http]}; a read past the captured bytes throws, and the caller prints {@code [|http]}.
 * Over UDP (SSDP, which tcpdump does not print) the text follows {@code "UDP, length N: "}.
 */
final class HttpText {
    /** tcpdump's {@code httpcmds}. */
    private static final String[] COMMANDS = {
            "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE",
            "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT",
            "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND",
            "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT",
            "VERSION-CONTROL", "BASELINE-CONTROL"};
    /** tcpdump's MAX_TOKEN: a token's buffer holds 128 bytes with its NUL. */
    private static final int TOKEN_BUFFER = 129;

    /** Token found by the last {@link #fetchToken}: its offset and length. */
    private int tokenStart;
    private int tokenLength;

    void print(Http h, PacketBuf in, LineBuilder out, int verbose) {
        int p = h.start();
        int len = h.length();
        if (h.overTcp()) {
            out.append(": ");
        }
        boolean printThis = false;
        int idx = fetchToken(in, p, 0, len);
        if (idx != 0) {
            printThis = isCommand(in);
            idx = fetchToken(in, p, idx, len); // RESP_CODE_SECOND_TOKEN
            if (idx != 0 && tokenLength == 3 && digit(in, 0) && digit(in, 1) && digit(in, 2)) {
                printThis = true;
            }
        }
        out.append("HTTP");
        if (!printThis) {
            return;
        }
        if (verbose > 0) {
            out.append(", length: ").append(len);
            for (idx = 0; idx < len; ) {
                int eol = printLine(in, out, "\n\t", p, idx, len);
                if (eol == 0) {
                    break;
                }
                idx = eol;
            }
        } else {
            printLine(in, out, ": ", p, 0, len);
        }
    }

    /**
     * tcpdump's {@code fetch_token}: the token at {@code idx} (printable ASCII up to a blank,
     * CR or LF), then the blanks after it; returns the index after them, or 0 for no token.
     */
    private int fetchToken(PacketBuf in, int p, int idx, int len) {
        int start = idx;
        for (; idx < len; idx++) {
            if (!in.has(p + idx, 1)) {
                return 0;
            }
            int c = in.u8(p + idx);
            if (c >= 0x80) {
                return 0;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                break;
            }
            if (!printable(c) || idx - start + 2 > TOKEN_BUFFER) {
                return 0;
            }
        }
        if (idx == start) {
            return 0;
        }
        tokenStart = p + start;
        tokenLength = idx - start;
        for (; idx < len; idx++) {
            if (!in.has(p + idx, 1)) {
                break;
            }
            int c = in.u8(p + idx);
            if (c == '\r' || c == '\n' || !printable(c) || c != ' ' && c != '\t') {
                break;
            }
        }
        return idx;
    }

    private boolean isCommand(PacketBuf in) {
        for (String cmd : COMMANDS) {
            if (cmd.length() == tokenLength && sameIgnoringCase(in, cmd)) {
                return true;
            }
        }
        return false;
    }

    private boolean sameIgnoringCase(PacketBuf in, String cmd) {
        for (int i = 0; i < tokenLength; i++) {
            if (Character.toUpperCase((char) in.u8(tokenStart + i)) != cmd.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean digit(PacketBuf in, int i) {
        int c = in.u8(tokenStart + i);
        return c >= '0' && c <= '9';
    }

    /**
     * tcpdump's {@code print_txt_line}: prints {@code prefix} and the line at {@code idx} when it
     * ends (LF or CRLF) in the segment and is printable ASCII or tabs; returns the index after
     * its end, or 0 (for binary data, a lone CR, or a line the segment cuts: then prefix, line and
     * {@code [|http]}).
     */
    private static int printLine(PacketBuf in, LineBuilder out, String prefix, int p, int idx, int len) {
        int start = idx;
        while (idx < len) {
            int c = in.u8(p + idx);
            if (c == '\n') {
                out.append(prefix).append(in.array(), p + start, idx - start);
                return idx + 1;
            } else if (c == '\r') {
                if (idx + 1 >= len) {
                    return 0;
                }
                if (in.u8(p + idx + 1) == '\n') {
                    out.append(prefix).append(in.array(), p + start, idx - start);
                    return idx + 2;
                }
                return 0;
            } else if (!printable(c) && c != '\t') {
                return 0;
            }
            idx++;
        }
        out.append(prefix).append(in.array(), p + start, idx - start).append(" [|http]");
        return 0;
    }

    private static boolean printable(int c) {
        return c >= 0x20 && c <= 0x7e;
    }
}
