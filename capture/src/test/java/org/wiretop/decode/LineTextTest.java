package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;

/** Line-based text: chosen only by --decode-as, lines split at LF (CR dropped), first line shown. */
class LineTextTest {
    private final PacketSummary s = new PacketSummary();

    private PacketSummary decode(String fixture, DecodeAs choices) {
        byte[] f = AppFixtures.byName().get(fixture);
        new Decoder(choices).decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
        return s;
    }

    private static String text(PacketSummary s) {
        LineBuilder out = new LineBuilder();
        new TextFormatter(null, false).format(s, s.data, out);
        return out.toString();
    }

    private static String info(PacketSummary s) {
        LineBuilder out = new LineBuilder();
        s.app.appendInfo(s.app.view(new PacketBuf()), out, s);
        return out.toString();
    }

    private static List<String> lines(PacketSummary s) {
        AppField f = s.app.fields()[0];
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < f.count(s.app); i++) {
            LineBuilder b = new LineBuilder();
            f.appendText(s.app, i, b);
            out.add(b.toString().replace("\u0000", "\\0").replace("\ufffd", "?"));
        }
        return out;
    }

    @Test
    void onlyDecodeAsChoosesIt() {
        assertNull(decode("text-tcp", DecodeAs.NONE).app, "no port and no heuristic");
        assertEquals("text", decode("text-tcp", AppFixtures.DECODE_AS).app.name());
        assertEquals("TEXT", s.app.label());
        assertEquals(Status.OK, s.status);
    }

    @Test
    void linesEndAtLfWithoutTheirCr() {
        assertEquals(List.of("hello world", "second", "t\\0?"), lines(decode("text-udp", AppFixtures.DECODE_AS)));
    }

    @Test
    void tcpdumpsLineThenTheFirstLineQuoted() {
        assertEquals("IP 10.0.0.1.50000 > 10.0.0.2.17777: Flags [P.], seq 1:24, ack 2, win 65535, length 23:"
                + " TEXT \"hello world\"", text(decode("text-tcp", AppFixtures.DECODE_AS)));
        assertEquals("IP 10.0.0.1.17777 > 10.0.0.2.50000: UDP, length 23: TEXT \"hello world\"",
                text(decode("text-udp", AppFixtures.DECODE_AS)));
        assertEquals("\"hello world\"", info(s));
    }

    @Test
    void jsonListsTheLines() {
        decode("text-udp", AppFixtures.DECODE_AS);
        LineBuilder json = new LineBuilder();
        JsonFormatter.append(s, json);
        assertTrue(json.toString().contains("\"text.line\":[\"hello world\",\"second\",\"t\\u0000\\u00ff\"]"), json.toString());
    }

    @Test
    void longLinesAreCutAndControlBytesShownAsDots() {
        String payload = "78".repeat(200) + "01 0a";
        byte[] frame = AppFixtures.udp(AppFixtures.TEXT_PORT, 50000, payload).bytes();
        new Decoder(AppFixtures.DECODE_AS).decode(Decoder.DLT_EN10MB, frame, frame.length, frame.length, s);
        assertEquals("\"" + "x".repeat(120) + "...\"", info(s));
        byte[] short1 = AppFixtures.udp(AppFixtures.TEXT_PORT, 50000, "41 01 7f 42 0d 0a").bytes();
        new Decoder(AppFixtures.DECODE_AS).decode(Decoder.DLT_EN10MB, short1, short1.length, short1.length, s);
        assertEquals("\"A..B\"", info(s));
    }

    @Test
    void aLineCutByTheCaptureIsNoValueButItsBytesAreShown() {
        byte[] f = AppFixtures.byName().get("text-udp");
        new Decoder(AppFixtures.DECODE_AS).decode(Decoder.DLT_EN10MB, f, f.length - 20, f.length, s);
        assertEquals(List.of(), lines(s));
        assertEquals("\"hel\"", info(s));
    }
}
