package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Our QUIC text against tcpdump's master branch ({@code print-quic.c}, which 4.99.3 lacks): for
 * every QUIC packet of the corpus's QUIC captures, what we print after tcpdump 4.99.3's
 * {@code UDP, length N: }, without our TLS addition, equals master's expected output
 * (resources/quic/tcpdump-master-quic.txt, from master's tests/*.out); and every Initial the
 * RFC 9001 keys open carries the ClientHello's or ServerHello's summary.
 */
class QuicTextMasterTest {
    /** Our addition after a decrypted Initial, up to the next packet's text or the line's end. */
    private static final String OURS = ", TLS .*?(?=, (?:initial|handshake|0-rtt|retry|protected|version negotiation)|$)";

    @Test
    void quicTextIsTcpdumpMastersPlusTheHello() throws IOException {
        Map<String, Map<Integer, String>> expected = expected();
        int compared = 0, hellos = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, String>> file : expected.entrySet()) {
            Path capture = Corpus.tcpdumpDir().resolve(file.getKey());
            List<String> ours = lines(capture);
            for (Map.Entry<Integer, String> e : file.getValue().entrySet()) {
                String line = ours.get(e.getKey() - 1);
                int at = line.indexOf("UDP, length ");
                int colon = at < 0 ? -1 : line.indexOf(": ", at);
                if (colon < 0) {
                    // tcpdump 4.99.3 stops below UDP's payload here ("truncated-udplength 0"): so do we
                    assertTrue(line.contains("truncated-udplength"), file.getKey() + "#" + e.getKey() + ": " + line);
                    continue;
                }
                String quic = line.substring(colon + 2);
                hellos += quic.contains(", TLS ") ? 1 : 0;
                compared++;
                if (!quic.replaceAll(OURS, "").equals(e.getValue())) {
                    wrong.add(file.getKey() + "#" + e.getKey() + "\n    master:  " + e.getValue() + "\n    wiretop: " + quic);
                }
            }
        }
        System.out.printf("quic text vs tcpdump master: %d packets compared, %d with a decrypted hello, %d differ%n",
                compared, hellos, wrong.size());
        assertTrue(compared > 80, "compared " + compared);
        assertEquals(8, hellos, "Initials with a ClientHello or ServerHello");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    private static List<String> lines(Path capture) throws IOException {
        List<String> out = new ArrayList<>();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true);
        LineBuilder line = new LineBuilder(4096);
        try (PacketSource source = Sources.openFile(capture.toString())) {
            int linkType = source.linkType();
            source.run((epochNanos, wireLength, data, capturedLength) -> {
                decoder.decode(linkType, data, capturedLength, wireLength, s);
                line.setLength(0);
                text.format(s, data, line);
                out.add(line.toString());
            }, 0);
        } catch (org.wiretop.capture.CaptureException e) {
            throw new IOException(e);
        }
        return out;
    }

    private static Map<String, Map<Integer, String>> expected() throws IOException {
        Map<String, Map<Integer, String>> m = new LinkedHashMap<>();
        try (InputStream in = QuicTextMasterTest.class.getResourceAsStream("/quic/tcpdump-master-quic.txt")) {
            assertNotNull(in, "resource quic/tcpdump-master-quic.txt");
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (l.startsWith("#") || l.isBlank()) {
                    continue;
                }
                String[] f = l.split("\t", 3);
                m.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(Integer.parseInt(f[1]), f[2]);
            }
        }
        return m;
    }
}
