package org.wiretop.decode.resp;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;
import org.wiretop.decode.AppField.Kind;
import org.wiretop.decode.PacketBuf;

/**
 * RESP's fields under tshark 4.0's names and values (each occurs once per element, in order;
 * {@code resp.bulk_string.value} is bytes, which tshark prints in hex), and Wireshark's Info:
 * {@code Request: SET k v}, {@code Response: OK}, {@code Response: Error: ERR ...}, and
 * {@code Response: Array(2)} for a reply's array.
 */
final class RespFields {
    static final AppField[] ALL = {
            AppField.numbers("resp.array.length", "Array length", Kind.NUMBER, Long.MAX_VALUE, Resp.class,
                    r -> r.arrays, (r, i) -> r.arrayLength[i]),
            AppField.numbers("resp.bulk_string.length", "Bulk string length", Kind.NUMBER, Integer.MAX_VALUE,
                    Resp.class, r -> r.bulks, (r, i) -> r.bulkLength[i]),
            AppField.text("resp.bulk_string.value", "Bulk string value", Resp.class, r -> r.values,
                    (r, i, out) -> appendHex(r.data(), r.bulkStart[i], r.bulkLen[i], out)),
            AppField.text("resp.string", "Simple string", Resp.class, r -> r.strings,
                    (r, i, out) -> out.append(r.data(), r.stringStart[i], r.stringLen[i])),
            AppField.text("resp.error", "Error", Resp.class, r -> r.errors,
                    (r, i, out) -> out.append(r.data(), r.errorStart[i], r.errorLen[i])),
            AppField.numbers("resp.integer", "Integer", Kind.NUMBER, Long.MAX_VALUE, Resp.class,
                    r -> r.integers, (r, i) -> r.integer[i]),
    };
    /** Top-level messages and bytes of a value that Info shows at most. */
    private static final int INFO_MESSAGES = 16, INFO_VALUE = 256;

    private RespFields() {
    }

    private static void appendHex(byte[] d, int off, int len, LineBuilder out) {
        for (int i = 0; i < len; i++) {
            out.appendHex2(d[off + i] & 0xff);
        }
    }

    /** {@code Request:} or {@code Response:}, then each top-level message in a few words. */
    static void appendInfo(Resp d, PacketBuf in, LineBuilder out, boolean request) {
        out.append(request ? "Request:" : "Response:");
        RespReader r = d.infoReader(in);
        for (int m = 0; m < INFO_MESSAGES && !r.atEnd(); m++) {
            int type = r.next();
            if (type == RespReader.INCOMPLETE || type == RespReader.MALFORMED) {
                out.append(" [fragment]");
                return;
            }
            if (type == RespReader.ARRAY && r.number > 0) {
                if (!array(d, r, out, request)) {
                    return;
                }
            } else {
                scalar(d, type, r, out);
            }
            if (r.badEnd) {
                out.append(" [fragment]");
                return;
            }
        }
    }

    /**
     * An array: a command's words in a row ({@code SET k v}); {@code Array(n)} for a reply, and
     * for a command that nests or is cut.
     */
    private static boolean array(Resp d, RespReader r, LineBuilder out, boolean request) {
        long count = r.number;
        int mark = out.length();
        boolean nested = !request;
        while (r.pending > 0) {
            int type = r.next();
            if (type == RespReader.INCOMPLETE || type == RespReader.MALFORMED) {
                out.setLength(mark); // the rest is in the next segment: Wireshark names the array only
                out.append(" Array(").append(count).append(')');
                return false;
            }
            if (type == RespReader.ARRAY) {
                nested = true;
            } else if (!nested) {
                scalar(d, type, r, out);
            }
            if (r.badEnd) {
                out.append(" [fragment]");
                return false;
            }
        }
        if (nested) {
            out.setLength(mark);
            out.append(" Array(").append(count).append(')');
        }
        return true;
    }

    private static void scalar(Resp d, int type, RespReader r, LineBuilder out) {
        switch (type) {
            case RespReader.INTEGER:
                out.append(' ').append(r.number);
                break;
            case RespReader.ERROR:
                appendText(d.data(), r.textStart, r.textLength, out.append(" Error: "));
                break;
            case RespReader.ARRAY:
                break; // a null or empty array shows nothing
            default:
                if (r.textLength >= 0) {
                    appendText(d.data(), r.textStart, r.textLength, out.append(' '));
                }
                break;
        }
    }

    private static void appendText(byte[] data, int off, int len, LineBuilder out) {
        for (int i = 0; i < Math.min(len, INFO_VALUE); i++) {
            int c = data[off + i] & 0xff;
            out.append(c < 0x20 || c > 0x7e ? '.' : (char) c);
        }
    }
}
