package org.wiretop.txn;

import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.http.Http;

/**
 * The first line of the message each {@link HttpFramer} slot reads, kept to {@code text} bytes
 * however long it runs: request, response or notification (Wireshark 4.0's methods and
 * {@code HTTP/}, {@code ICY}), the method the response's body rule needs, the status code, and the
 * request line without its version for the transaction line (that version found by the whole
 * line's last space, tracked byte by byte).
 */
final class HttpStartLine {
    private final int text;
    private final byte[] line;
    private final int[] length, lastSpace, status, bodyStatus, textLength;
    private final byte[] kind, method;
    private final boolean[] versionH, versionSlash, rpcMethod;
    private final PacketBuf view = new PacketBuf();

    HttpStartLine(int slots, int textBytes) {
        text = textBytes;
        line = new byte[slots * textBytes];
        length = new int[slots];
        lastSpace = new int[slots];
        status = new int[slots];
        bodyStatus = new int[slots];
        textLength = new int[slots];
        kind = new byte[slots];
        method = new byte[slots];
        versionH = new boolean[slots];
        versionSlash = new boolean[slots];
        rpcMethod = new boolean[slots];
    }

    void begin(int d) {
        length[d] = 0;
        lastSpace[d] = -1;
        versionH[d] = versionSlash[d] = false;
    }

    /** The line's byte at {@code n}. */
    void add(int d, int n, int c) {
        if (n < text) {
            line[d * text + n] = (byte) c;
            length[d] = n + 1;
        }
        if (c == ' ') {
            lastSpace[d] = n;
            versionH[d] = versionSlash[d] = false;
        } else if (lastSpace[d] >= 0 && n == lastSpace[d] + 1) {
            versionH[d] = c == 'H';
        } else if (lastSpace[d] >= 0 && n == lastSpace[d] + 5) {
            versionSlash[d] = c == '/';
        }
    }

    /** The line ended, {@code whole} bytes long: false when it starts no HTTP message. */
    boolean end(int d, int whole) {
        int off = d * text, len = length[d];
        view.wrap(line, off + len, off + len);
        int type = Http.startLine(view, off, off + len);
        if (type == Http.NONE) {
            return false;
        }
        int p = off + (len >= 2 && line[off] == 'M' && line[off + 1] == '-' ? 2 : 0);
        int token = p;
        while (token < off + len && line[token] != ' ') {
            token++;
        }
        kind[d] = type == Http.RESPONSE ? HttpFramer.RESPONSE : is(p, token, "NOTIFY") || is(p, token, "SUBSCRIBE")
                || is(p, token, "UNSUBSCRIBE") ? HttpFramer.NOTIFICATION : HttpFramer.REQUEST;
        method[d] = is(p, token, "HEAD") ? HttpFramer.HEAD : is(p, token, "CONNECT") ? HttpFramer.CONNECT
                : is(p, token, "SSTP_DUPLEX_POST") ? HttpFramer.SSTP : HttpFramer.OTHER;
        rpcMethod[d] = kind[d] == HttpFramer.REQUEST && (startsWith(off, len, "RPC_IN_DATA") || startsWith(off, len, "RPC_OUT_DATA"));
        status[d] = -1;
        bodyStatus[d] = 0;
        if (kind[d] == HttpFramer.RESPONSE) {
            int code = token;
            while (code < off + len && line[code] == ' ') {
                code++;
            }
            int codeEnd = code;
            while (codeEnd < off + len && line[codeEnd] != ' ') {
                codeEnd++;
            }
            if (codeEnd - code >= 3) {
                status[d] = digits(code);
                bodyStatus[d] = codeEnd - code == 3 ? Math.max(0, status[d]) : 0; // parse_http_status_code: exactly three
            }
        }
        int cut = whole;
        if (lastSpace[d] > 0 && whole - lastSpace[d] > 5 && versionH[d] && versionSlash[d]) {
            cut = lastSpace[d];
        }
        textLength[d] = Math.min(cut, len);
        return true;
    }

    byte kind(int d) {
        return kind[d];
    }

    byte method(int d) {
        return method[d];
    }

    /** The status code by its first three digits (the transaction's), or -1. */
    int status(int d) {
        return status[d];
    }

    /** The status code as the body rule reads it (a code token of exactly three digits), else 0. */
    int bodyStatus(int d) {
        return bodyStatus[d];
    }

    /** An RPC_IN_DATA or RPC_OUT_DATA request, whose Content-Length may be meaningless ([MS-RPCH]). */
    boolean rpcMethod(int d) {
        return rpcMethod[d];
    }

    int textLength(int d) {
        return textLength[d];
    }

    /** The lines' bytes: slot {@code d}'s at {@code d * text}. */
    byte[] textBuffer() {
        return line;
    }

    private boolean is(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (line[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(int off, int len, String word) {
        return len >= word.length() && is(off, off + word.length(), word);
    }

    /** The three digits at {@code from} as a number, or -1 when one is not a digit. */
    private int digits(int from) {
        int v = 0;
        for (int i = from; i < from + 3; i++) {
            int c = line[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + c - '0';
        }
        return v;
    }
}
