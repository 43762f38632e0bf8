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
    private static final byte[] HEX = {'0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

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

    /**
     * Escapes {@code out[start, length)} for a JSON string, in place and without allocating: the
     * line grows by what the escapes add, then the bytes move right to left into their places.
     */
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
        int extra = 0;
        for (int k = i; k < end; k++) {
            int c = b[k] & 0xff;
            extra += c == '"' || c == '\\' ? 1 : c < 0x20 || c >= 0x7f ? 5 : 0;
        }
        for (int k = 0; k < extra; k++) {
            out.append(' '); // room at the end (the builder grows as for any append)
        }
        b = out.array();
        int w = end + extra;
        for (int r = end - 1; r >= i; r--) {
            int c = b[r] & 0xff;
            if (c == '"' || c == '\\') {
                b[--w] = (byte) c;
                b[--w] = '\\';
            } else if (c < 0x20 || c >= 0x7f) {
                b[--w] = HEX[c & 0xf];
                b[--w] = HEX[c >>> 4];
                b[--w] = '0';
                b[--w] = '0';
                b[--w] = 'u';
                b[--w] = '\\';
            } else {
                b[--w] = (byte) c;
            }
        }
    }
}
