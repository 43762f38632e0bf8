package org.wiretop.capture.format;

import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;

/**
 * Writes an application protocol's fields as JSON members (design §5): Wireshark's names, one
 * value as a scalar and several as an array, numbers as numbers, addresses and text as strings.
 * Text is escaped in place (quotes, backslashes, control bytes; bytes above 0x7f are taken as
 * Latin-1, so the line stays valid UTF-8 whatever the packet held). Allocates nothing unless a
 * value needs escaping.
 */
final class AppJson {
    private AppJson() {
    }

    static void append(AppDissector d, LineBuilder out) {
        for (AppField f : d.fields()) {
            int n = f.count(d);
            if (n == 0) {
                continue;
            }
            out.append(",\"").append(f.name()).append("\":");
            if (n > 1) {
                out.append('[');
            }
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(d, f, i, out);
            }
            if (n > 1) {
                out.append(']');
            }
        }
    }

    private static void value(AppDissector d, AppField f, int i, LineBuilder out) {
        switch (f.kind()) {
            case NUMBER:
            case BOOLEAN:
                out.append(f.number(d, i));
                break;
            case IPV4:
                Addresses.appendIpv4(out.append('"'), (int) f.number(d, i)).append('"');
                break;
            case IPV6:
                Addresses.appendIpv6(out.append('"'), d.data(), (int) f.number(d, i)).append('"');
                break;
            default:
                out.append('"');
                int start = out.length();
                f.appendText(d, i, out);
                escape(out, start);
                out.append('"');
                break;
        }
    }

    /** Escapes {@code out[start, length)} for a JSON string, in place. */
    static void escape(LineBuilder out, int start) {
        int end = out.length();
        byte[] b = out.array();
        int i = start;
        while (i < end && b[i] >= 0x20 && b[i] != '"' && b[i] != '\\') {
            i++; // bytes >= 0x80 are negative: they stop the scan too
        }
        if (i == end) {
            return;
        }
        byte[] raw = java.util.Arrays.copyOfRange(b, i, end);
        out.setLength(i);
        for (byte x : raw) {
            int c = x & 0xff;
            if (c == '"' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 0x20 || c >= 0x7f) {
                out.append("\\u00").appendHex2(c);
            } else {
                out.append((char) c);
            }
        }
    }
}
