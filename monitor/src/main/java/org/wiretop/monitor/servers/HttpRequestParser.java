package org.wiretop.monitor.servers;

import java.nio.charset.StandardCharsets;

/**
 * Reads an HTTP/1.x request head (RFC 9112 §3: {@code method SP target SP HTTP/d.d CRLF},
 * header lines, an empty line), strictly enough to say 400 to anything else. A bare LF is
 * accepted as a line end, as most servers do. Bounded by the caller's buffer.
 */
final class HttpRequestParser {
    /** What the server should answer. */
    record Verdict(int status, String reason, String method, String target) {
        boolean complete() {
            return status != 0;
        }
    }

    static final Verdict INCOMPLETE = new Verdict(0, null, null, null);

    private HttpRequestParser() {
    }

    /** Judges the first {@code length} bytes of a request: a status, or INCOMPLETE to wait for more. */
    static Verdict judge(byte[] buf, int length) {
        int lineEnd = indexOf(buf, 0, length, (byte) '\n');
        if (lineEnd < 0) {
            // Not a line yet: say 400 early if it cannot become a request line.
            return startsLikeMethod(buf, length) ? INCOMPLETE : bad("not an HTTP request");
        }
        String line = ascii(buf, 0, trimCr(buf, 0, lineEnd));
        if (line == null) {
            return bad("request line is not ASCII");
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !isToken(parts[0]) || !isTarget(parts[1])) {
            return bad("malformed request line");
        }
        String version = parts[2];
        if (!version.matches("HTTP/\\d\\.\\d")) {
            return bad("malformed HTTP version");
        }
        int at = lineEnd + 1;
        while (true) {
            int end = indexOf(buf, at, length, (byte) '\n');
            if (end < 0) {
                return INCOMPLETE;
            }
            int contentEnd = trimCr(buf, at, end);
            if (contentEnd == at) {
                break; // the empty line: the head is complete
            }
            String header = ascii(buf, at, contentEnd);
            int colon = header == null ? -1 : header.indexOf(':');
            if (colon <= 0 || !isToken(header.substring(0, colon))) {
                return bad("malformed header line");
            }
            at = end + 1;
        }
        if (!version.equals("HTTP/1.0") && !version.equals("HTTP/1.1")) {
            return new Verdict(505, "HTTP Version Not Supported", parts[0], parts[1]);
        }
        if (!parts[0].equals("GET") && !parts[0].equals("HEAD")) {
            return new Verdict(405, "Method Not Allowed", parts[0], parts[1]);
        }
        return new Verdict(200, "OK", parts[0], parts[1]);
    }

    private static Verdict bad(String why) {
        return new Verdict(400, "Bad Request: " + why, null, null);
    }

    private static boolean startsLikeMethod(byte[] buf, int length) {
        for (int i = 0; i < length; i++) {
            byte b = buf[i];
            if (b == ' ') {
                return i > 0;
            }
            if (!isTokenChar((char) b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** RFC 9110 tchar. */
    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isTarget(String s) {
        if (s.isEmpty() || (s.charAt(0) != '/' && !s.equals("*"))) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int trimCr(byte[] buf, int from, int lfAt) {
        return lfAt > from && buf[lfAt - 1] == '\r' ? lfAt - 1 : lfAt;
    }

    /** The bytes as text if all printable ASCII or tab, else null. */
    private static String ascii(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if ((b < 0x20 && b != '\t') || b >= 0x7f) {
                return null;
            }
        }
        return new String(buf, from, to - from, StandardCharsets.US_ASCII);
    }
}
