package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.FlatJson;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.DhcpNtpSamples.Sample;

/**
 * DHCP and NTP messages that lie about their lengths or end too soon: the whole message is
 * invalid with a reason that says why, and every cut of it (and of the valid and seeded random
 * messages) decodes and prints at every verbosity without an exception. Each cut is copied into
 * an array exactly as long as the capture, so a read past the captured bytes anywhere (decoder,
 * fields, Info, text) fails here instead of reading a stale buffer; the fields of a cut are a
 * prefix of the whole message's (unless Wireshark shows none for the whole message, as when its
 * last option is an empty message type). Bounded by construction: every loop advances through
 * the bytes.
 */
class DhcpNtpHostileTest {
    private static final Map<String, String> REASONS = Map.of(
            "dhcp-lying-length", "dhcp-option 12 runs past the message",
            "dhcp-no-end", "dhcp-option 12 has no length",
            "dhcp-empty-type", "dhcp-option 53 is empty",
            "bootp-short", "bootp-length 100 < 236",
            "bootp-not-bootp", "bootp-length 5 < 236",
            "ntp-short", "ntp-length 20 < fixed part",
            "ntp-control-lies", "ntp-control-count 64 past the message",
            "ntp-empty", "ntp-length 0 < fixed part");

    @Test
    void hostileMessagesAreInvalidWithTheirReason() {
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        for (Sample sample : DhcpNtpSamples.hostile()) {
            byte[] f = sample.frame();
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
            assertNotNull(s.app, sample.name());
            assertEquals(Status.INVALID, s.status, sample.name() + ": " + s.reasonText());
            assertEquals(REASONS.get(sample.name()), s.reasonText(), sample.name());
        }
        for (Sample sample : DhcpNtpSamples.valid()) {
            byte[] f = sample.frame();
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
            assertEquals(Status.OK, s.status, sample.name() + ": " + s.reasonText());
        }
    }

    @Test
    void everyCutDecodesAndPrintsWithinItsBytes() {
        List<Sample> all = new ArrayList<>(DhcpNtpSamples.hostile());
        all.addAll(DhcpNtpSamples.valid());
        all.addAll(DhcpNtpSamples.randomDhcp(31, 150, false));
        all.addAll(DhcpNtpSamples.randomNtp(32, 150));
        Decoder decoder = new Decoder();
        PacketSummary whole = new PacketSummary();
        PacketSummary cut = new PacketSummary();
        TextFormatter[] text = new TextFormatter[4];
        for (int v = 0; v < text.length; v++) {
            text[v] = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true, v);
        }
        LineBuilder line = new LineBuilder(4096);
        int cuts = 0;
        for (Sample sample : all) {
            byte[] f = sample.frame();
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, whole);
            Map<String, List<String>> wholeFields = appFields(whole, line);
            for (int length = 0; length <= f.length; length++) {
                byte[] exact = Arrays.copyOf(f, length);
                String where = sample.name() + " cut at " + length;
                decoder.decode(Decoder.DLT_EN10MB, exact, length, f.length, cut);
                assertNotNull(cut.status, where);
                if (length < f.length && cut.status != Status.OK) {
                    assertTrue(cut.status == Status.TRUNCATED || whole.status == Status.INVALID,
                            where + ": " + cut.reasonText());
                }
                for (TextFormatter t : text) {
                    line.setLength(0);
                    t.format(cut, exact, line);
                }
                Map<String, List<String>> cutFields = appFields(cut, line);
                if (wholeFields.isEmpty()) {
                    continue; // Wireshark's first pass failed on the whole message (an empty 53 last): it shows
                              // nothing, while a cut that ends before that option shows its header
                }
                for (Map.Entry<String, List<String>> e : cutFields.entrySet()) {
                    List<String> full = wholeFields.get(e.getKey());
                    assertNotNull(full, where + ": " + e.getKey() + " is not in the whole message's fields");
                    assertTrue(e.getValue().size() <= full.size(), where + ": " + e.getKey());
                    assertEquals(full.subList(0, e.getValue().size()), e.getValue(), where + ": " + e.getKey());
                }
                cuts++;
            }
        }
        assertTrue(cuts > 50_000, "cuts: " + cuts);
    }

    /** The application's JSON members, and its Info printed on the way. */
    private static Map<String, List<String>> appFields(PacketSummary s, LineBuilder line) {
        line.setLength(0);
        JsonFormatter.append(s, line);
        Map<String, List<String>> all = FlatJson.parseAll(line);
        all.keySet().removeIf(k -> s.app == null || !k.startsWith(s.app.name() + "."));
        if (s.app != null) {
            line.setLength(0);
            s.app.appendInfo(s.app.view(new PacketBuf()), line, s);
        }
        return all;
    }
}
