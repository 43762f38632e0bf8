package org.wiretop.tui;

import java.util.ArrayList;
import java.util.List;
import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.AppText;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketSummary;
import org.wiretop.tui.model.DetailModel.Layer;

/**
 * The detail view's layer for an application protocol: titled with its label and Info
 * ({@code DNS, Standard query 0x1234 A example.com}), one line per field occurrence in the
 * dissector's order ({@code Address: 93.184.216.34  (dns.a)}: the name is what a display filter
 * takes), covering the payload's bytes. Values are written as the JSON output writes them, with
 * control characters shown as '.'. UI thread only.
 */
final class AppLayer {
    private final AppText info = new AppText();
    private final LineBuilder line = new LineBuilder(256);

    Layer layer(PacketSummary s) {
        AppDissector d = s.app;
        line.setLength(0);
        info.appendInfo(line, s);
        String title = d.label() + ", " + printable(line.toString());
        List<String> fields = new ArrayList<>();
        for (AppField f : d.fields()) {
            int n = f.count(d);
            for (int i = 0; i < n; i++) {
                fields.add(f.label() + ": " + value(d, f, i) + "  (" + f.name() + ")");
            }
        }
        int from = s.payloadOffset;
        int to = Math.max(from, Math.min(s.capturedLength, from + s.payloadLength));
        return new Layer(title, fields, from, to);
    }

    private String value(AppDissector d, AppField f, int i) {
        switch (f.kind()) {
            case NUMBER:
                return Long.toString(f.number(d, i));
            case BOOLEAN:
                return f.number(d, i) != 0 ? "true" : "false";
            case IPV4:
                return Addresses.ipv4((int) f.number(d, i));
            case IPV6:
                line.setLength(0);
                return Addresses.appendIpv6(line, d.data(), (int) f.number(d, i)).toString();
            default:
                line.setLength(0);
                f.appendText(d, i, line);
                return printable(line.toString());
        }
    }

    /** Control characters (and undecodable bytes) as '.', so a field cannot upset the terminal. */
    static String printable(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\ufffd') {
                if (b == null) {
                    b = new StringBuilder(text);
                }
                b.setCharAt(i, '.');
            }
        }
        return b == null ? text : b.toString();
    }
}
