package org.wiretop.decode;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.wiretop.capture.format.FlatJson;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TimestampStyle;

/**
 * One frame through the decoder and every output of its application layer, for the dissector
 * tests: the summary, the JSON members (every occurrence), tcpdump's text line without its time
 * stamp, and Wireshark's Info.
 */
record AppDecoded(PacketSummary s, Map<String, List<String>> json, String text, String info) {

    /** Decodes {@code frame} cut to {@code captured} bytes with {@code decoder} (which keeps state). */
    static AppDecoded of(Decoder decoder, Fixtures.Fixture frame, int captured) {
        byte[] bytes = frame.bytes();
        PacketSummary s = new PacketSummary();
        decoder.decode(frame.linkType(), bytes, captured, bytes.length, s);
        LineBuilder out = new LineBuilder();
        JsonFormatter.append(s, out);
        Map<String, List<String>> json = FlatJson.parseAll(out);
        out.setLength(0);
        new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC)).format(s, bytes, out);
        String line = out.toString();
        String info = "";
        if (s.app != null) {
            out.setLength(0);
            s.app.appendInfo(s.app.view(new PacketBuf()), out, s);
            info = out.toString();
        }
        return new AppDecoded(s, json, line.substring(line.indexOf(' ') + 1), info);
    }

    static AppDecoded of(Decoder decoder, Fixtures.Fixture frame) {
        return of(decoder, frame, frame.bytes().length);
    }

    /** The values of a JSON key (empty when absent). */
    List<String> all(String key) {
        return json.getOrDefault(key, List.of());
    }

    /** The single value of a JSON key, or "" when absent. */
    String one(String key) {
        List<String> v = all(key);
        return v.isEmpty() ? "" : String.join(",", v);
    }

    /** The text after tcpdump's part: what follows "length N" (TCP) or "UDP, length N" (UDP). */
    String suffix() {
        int at = text.indexOf(": TLS ");
        if (at < 0) {
            at = text.indexOf(": quic");
        }
        return at < 0 ? "" : text.substring(at + 2);
    }
}
