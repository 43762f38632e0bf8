package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Every {@link FlagFixtures} packet (five link types) cut at every length, formatted with
 * tcpdump's flags: never an exception, and the {@code -xx} dump read back is exactly the captured
 * bytes, the {@code -x} dump the bytes from where tcpdump starts (the network header, or the
 * first byte after a printer gave up), and {@code --payload}'s dump the TCP/UDP payload.
 */
class TextFlagsSweepTest {
    private static final Pattern HEX_LINE = Pattern.compile("\n\t0x([0-9a-f]{4,}): ((?: [0-9a-f]{2,4})+)");

    @Test
    void everyCutFormatsAndEveryDumpIsTheBytes() {
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder out = new LineBuilder(4096);
        TextFormatter[] all = {
            new TextFormatter(null, true, TextOptions.of(3, true, 0, 0, 2, false)),
            new TextFormatter(null, true, TextOptions.of(1, true, 1, 0, 0, false)),
            new TextFormatter(null, false, TextOptions.of(2, false, 0, 0, 1, true)),
        };
        // -vv: no hex block inside the line (tcpdump prints one for an unknown ICMPv6 type up to -v)
        TextFormatter frame = new TextFormatter(null, false, TextOptions.of(2, false, 0, 2, 0, false));
        TextFormatter network = new TextFormatter(null, false, TextOptions.of(2, false, 0, 1, 0, false));
        TextFormatter payload = new TextFormatter(null, false, TextOptions.of(2, false, 0, 1, 0, true));
        int cuts = 0;
        for (FlagFixtures.Capture capture : FlagFixtures.all()) {
            for (TextTestPackets.Frame f : capture.frames()) {
                byte[] bytes = f.bytes();
                for (int cut = 0; cut <= bytes.length; cut++) {
                    cuts++;
                    byte[] data = Arrays.copyOf(bytes, cut);
                    decoder.decode(capture.linkType(), data, cut, f.wireLength(), s);
                    for (TextFormatter t : all) {
                        out.setLength(0);
                        t.format(s, data, out);
                    }
                    out.setLength(0);
                    frame.format(s, data, out);
                    assertEquals(hexOf(data, 0, cut), dumped(out), capture.name() + " -xx at " + cut);
                    out.setLength(0);
                    network.format(s, data, out);
                    String x = dumped(out);
                    assertTrue(hexOf(data, 0, cut).endsWith(x), capture.name() + " -x is a tail of the frame at " + cut);
                    out.setLength(0);
                    payload.format(s, data, out);
                    String p = dumped(out);
                    assertEquals(TextFormatter.hasPayload(s) ? hexOf(data, s.payloadOffset, s.payloadOffset + s.payloadLength) : "",
                            p, capture.name() + " --payload at " + cut);
                }
            }
        }
        assertTrue(cuts > 10_000, "cuts: " + cuts);
    }

    /**
     * The bytes the dump at the end of the text shows, as one hex string (a hex block inside the
     * line, as tcpdump prints an unknown ICMPv6 type, comes before it); checks its offsets.
     */
    private static String dumped(LineBuilder out) {
        String text = out.toString();
        int last = text.lastIndexOf("\n\t0x0000: ");
        Matcher m = HEX_LINE.matcher(last < 0 ? "" : text.substring(last));
        StringBuilder hex = new StringBuilder();
        int expected = 0;
        while (m.find()) {
            assertEquals(expected, Integer.parseInt(m.group(1), 16), text);
            hex.append(m.group(2).replace(" ", ""));
            expected += 16;
        }
        return hex.toString();
    }

    private static String hexOf(byte[] d, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(String.format("%02x", d[i] & 0xff));
        }
        return b.toString();
    }
}
