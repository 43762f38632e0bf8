package org.wiretop.decode.tls;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppField;
import org.wiretop.decode.AppField.Kind;

/**
 * TLS's fields under tshark 4.0's names (design §5): JSON keys, display-filter fields and detail
 * lines; and Wireshark's Info line ({@code Client Hello (SNI=example.com)}, {@code Server Hello,
 * Change Cipher Spec, Application Data}).
 */
final class TlsFields {
    static final AppField[] ALL = concat(new AppField[] {
            AppField.numbers("tls.record.content_type", "Content Type", Kind.NUMBER, 0xff, Tls.class,
                    d -> d.recordCount, Tls::recordType),
            AppField.numbers("tls.record.version", "Version", Kind.NUMBER, 0xffff, Tls.class,
                    d -> d.recordCount, Tls::recordVersion),
            AppField.numbers("tls.record.length", "Length", Kind.NUMBER, 0xffff, Tls.class,
                    d -> d.recordCount, Tls::recordLength),
            AppField.numbers("tls.handshake.type", "Handshake Type", Kind.NUMBER, 0xff, Tls.class,
                    d -> d.messageCount, (d, i) -> d.messages[i]),
            AppField.numbers("tls.handshake.length", "Length", Kind.NUMBER, 0xffffff, Tls.class,
                    d -> d.messageCount, (d, i) -> d.messageLengths[i]),
    }, TlsHandshake.fields(Tls.class, d -> d.hello), new AppField[] {
            AppField.number("tls.alert_message.level", "Alert Level", 0xff, Tls.class,
                    d -> d.alert < 0 ? -1 : d.alert >>> 8),
            AppField.number("tls.alert_message.desc", "Alert Description", 0xff, Tls.class,
                    d -> d.alert < 0 ? -1 : d.alert & 0xff),
    });

    private TlsFields() {
    }

    private static AppField[] concat(AppField[]... parts) {
        int n = 0;
        for (AppField[] p : parts) {
            n += p.length;
        }
        AppField[] all = new AppField[n];
        int at = 0;
        for (AppField[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Wireshark's Info: every record's and message's name, comma-separated. */
    static void appendInfo(Tls d, LineBuilder out) {
        if (d.itemCount == 0) {
            out.append("TLS Segment");
            return;
        }
        for (int i = 0; i < d.itemCount; i++) {
            if (i > 0) {
                out.append(", ");
            }
            int kind = d.items[i] >>> 16, value = d.items[i] & 0xffff;
            switch (kind) {
                case Tls.ITEM_MESSAGE:
                    appendMessageInfo(d, value, out);
                    break;
                case Tls.ITEM_CCS:
                    out.append("Change Cipher Spec");
                    break;
                case Tls.ITEM_ALERT:
                    out.append("Alert (Level: ").append(value >>> 8 == 2 ? "Fatal" : value >>> 8 == 1 ? "Warning" : "Unknown")
                            .append(", Description: ");
                    appendTitle(out, TlsNames.alert(value & 0xff), value & 0xff);
                    out.append(')');
                    break;
                case Tls.ITEM_ENCRYPTED_ALERT:
                    out.append("Encrypted Alert");
                    break;
                case Tls.ITEM_DATA:
                    out.append("Application Data");
                    break;
                case Tls.ITEM_ENCRYPTED_HANDSHAKE:
                    out.append("Encrypted Handshake Message");
                    break;
                default:
                    out.append("Heartbeat");
                    break;
            }
        }
    }

    private static void appendMessageInfo(Tls d, int type, LineBuilder out) {
        TlsHandshake h = d.hello;
        if (type == TlsHandshake.SERVER_HELLO && h.type() == type && h.retryRequest()) {
            out.append("Hello Retry Request");
            return;
        }
        String name = TlsNames.handshake(type, true);
        out.append(name != null ? name : "Unknown Handshake Message");
        if (type == TlsHandshake.CLIENT_HELLO && h.type() == type && h.hasServerName()) {
            out.append(" (SNI=");
            int at = out.length();
            h.appendServerName(out);
            TlsNames.printable(out, at);
            out.append(')');
        }
    }

    /** {@code handshake_failure} as Wireshark's {@code Handshake Failure} (MAC, CA, PSK in capitals). */
    private static void appendTitle(LineBuilder out, String snake, int value) {
        if (snake == null) {
            out.append("Unknown (").append(value).append(')');
            return;
        }
        for (int i = 0; i < snake.length(); ) {
            int end = snake.indexOf('_', i);
            end = end < 0 ? snake.length() : end;
            boolean acronym = isWord(snake, i, end, "mac") || isWord(snake, i, end, "ca") || isWord(snake, i, end, "psk");
            for (int j = i; j < end; j++) {
                char c = snake.charAt(j);
                out.append(acronym || j == i ? Character.toUpperCase(c) : c);
            }
            if (end < snake.length()) {
                out.append(' ');
            }
            i = end + 1;
        }
    }

    private static boolean isWord(String s, int from, int to, String word) {
        return to - from == word.length() && s.regionMatches(from, word, 0, word.length());
    }
}
