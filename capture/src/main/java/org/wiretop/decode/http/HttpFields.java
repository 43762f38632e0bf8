package org.wiretop.decode.http;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;

/**
 * HTTP's fields under Wireshark's names (design §5), with tshark 4.0's values: text as it stands
 * in the header (Content-Length too: {@code http.content_length_header} is a string), the status
 * code a number. (Wireshark's {@code http.request} and {@code http.response} flags are left out:
 * in JSON a key may not be both a value and the parent of {@code http.request.method}.) And Wireshark's Info: each message's start line, with {@code  (text/html)} after
 * one that carries a body of a media type Wireshark shows that way.
 */
final class HttpFields {
    static final AppField[] ALL = {
            text("http.request.method", "Request Method", Kind.METHOD),
            text("http.request.uri", "Request URI", Kind.URI),
            text("http.request.version", "Request Version", Kind.VERSION),
            text("http.response.version", "Response Version", Kind.RESPONSE_VERSION),
            AppField.number("http.response.code", "Status Code", 0xffff, Http.class, HttpFields::code),
            text("http.response.phrase", "Response Phrase", Kind.PHRASE),
            text("http.host", "Host", Kind.HOST),
            text("http.user_agent", "User-Agent", Kind.USER_AGENT),
            text("http.content_type", "Content-Type", Kind.CONTENT_TYPE),
            text("http.content_length_header", "Content-Length", Kind.CONTENT_LENGTH),
    };

    /** Which text a field shows. */
    private enum Kind { METHOD, URI, VERSION, RESPONSE_VERSION, PHRASE, HOST, USER_AGENT, CONTENT_TYPE, CONTENT_LENGTH }

    private HttpFields() {
    }

    private static AppField text(String name, String label, Kind kind) {
        return AppField.text(name, label, Http.class, h -> length(h, kind) >= 0 ? 1 : 0,
                (h, i, out) -> h.appendBytes(offset(h, kind), length(h, kind), out));
    }

    private static long code(Http h) {
        h.ready();
        return h.code;
    }

    private static int offset(Http h, Kind kind) {
        h.ready();
        switch (kind) {
            case METHOD: return h.method;
            case URI: return h.uri;
            case VERSION: return h.version;
            case RESPONSE_VERSION: return h.responseVersion;
            case PHRASE: return h.phrase;
            case HOST: return h.host;
            case USER_AGENT: return h.userAgent;
            case CONTENT_TYPE: return h.contentType;
            default: return h.contentLength;
        }
    }

    private static int length(Http h, Kind kind) {
        h.ready();
        switch (kind) {
            case METHOD: return h.methodLen;
            case URI: return h.uriLen;
            case VERSION: return h.versionLen;
            case RESPONSE_VERSION: return h.responseVersionLen;
            case PHRASE: return h.phraseLen;
            case HOST: return h.hostLen;
            case USER_AGENT: return h.userAgentLen;
            case CONTENT_TYPE: return h.contentTypeLen;
            default: return h.contentLengthLen;
        }
    }

    /** Longest Info worth making (Wireshark's column holds 4,095 characters; the caller cuts there). */
    private static final int INFO_MAX = 4095;

    /** Wireshark's Info: the messages' start lines ({@code GET /index.html HTTP/1.1}), or "Continuation". */
    static void appendInfo(Http h, LineBuilder out) {
        h.ready();
        if (h.messages == 0) {
            out.append("Continuation");
            return;
        }
        byte[] d = h.data();
        int start = out.length();
        for (int m = 0; m < h.messages && out.length() - start < INFO_MAX; m++) {
            if (m > 0) {
                out.append(' ');
            }
            appendPrintable(d, h.lineStart[m], Math.min(h.lineLen[m], INFO_MAX), out);
            if (h.hasBody[m] && h.mediaLen[m] > 0) {
                appendMedia(d, h.mediaStart[m], Math.min(h.mediaLen[m], INFO_MAX), out);
            }
        }
    }

    /**
     * What Wireshark adds for a body: {@code  (type)} from its media dissector, nothing for the
     * types with a dissector of their own (XML, octet streams), JSON's own words for JSON.
     */
    private static void appendMedia(byte[] d, int off, int len, LineBuilder out) {
        if (is(d, off, len, "application/json")) {
            out.append(" , JavaScript Object Notation (application/json)");
        } else if (!is(d, off, len, "text/xml") && !is(d, off, len, "application/xml")
                && !is(d, off, len, "application/octet-stream")
                && !(len > 4 && is(d, off + len - 4, 4, "+xml"))) {
            out.append("  (");
            for (int i = 0; i < len; i++) {
                int c = d[off + i] & 0xff;
                out.append(c < 0x20 || c > 0x7e ? '.' : (char) Character.toLowerCase(c));
            }
            out.append(')');
        }
    }

    /** True when {@code d[off, off + len)} is {@code lower} in any case. */
    private static boolean is(byte[] d, int off, int len, String lower) {
        if (len != lower.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (Character.toLowerCase(d[off + i] & 0xff) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes as Info shows them: printable ASCII as is, anything else as '.'. */
    private static void appendPrintable(byte[] d, int off, int len, LineBuilder out) {
        for (int i = 0; i < len; i++) {
            int c = d[off + i] & 0xff;
            out.append(c < 0x20 || c > 0x7e ? '.' : (char) c);
        }
    }
}
