package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Our text against {@code tcpdump -nn -r} over every corpus file we decode, line for line (both
 * in UTC, relative sequence numbers as tcpdump's default). Where tcpdump itself prints the
 * application protocol (DNS, HTTP, RESP, SSH, NTP, BOOTP/DHCP on its ports) our line must equal
 * its line; where we add a protocol tcpdump does not print there (TLS, QUIC, heuristics), its
 * line must be the start of ours. Prints the share of equal lines over the whole corpus and over
 * the files with application lines. Skips without tcpdump or the corpus.
 */
class TextCorpusTcpdumpTest {
    @Test
    void applicationLinesEqualTcpdumps() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed (apt-get install tcpdump): skipping");
        long lines = 0, equal = 0, appLines = 0, appEqual = 0, appFileLines = 0, appFileEqual = 0, suffixed = 0;
        long otherProtocol = 0;
        Map<String, Integer> perProtocol = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Path capture : Corpus.captures()) {
            if (Corpus.expectedFor(capture) == null) {
                continue; // a link type we do not decode
            }
            List<String> theirs = TextFormatterTcpdumpTest.tcpdump(capture);
            List<Line> ours = format(capture);
            int n = Math.max(theirs.size(), ours.size());
            long fileEqual = 0;
            boolean hasApp = false;
            for (int i = 0; i < n; i++) {
                String t = i < theirs.size() ? theirs.get(i) : "";
                Line o = i < ours.size() ? ours.get(i) : new Line("", "", null, false);
                boolean same = t.equals(o.text);
                fileEqual += same ? 1 : 0;
                if (o.protocol == null) {
                    continue;
                }
                hasApp = true;
                if (o.nativeText) {
                    // the application's text must be tcpdump's; what comes before it (time, IP, TCP's
                    // flags and options) is the layers 2-4 comparison's business, counted in the totals
                    boolean appSame = applicationPart(t).equals(applicationPart(o.text));
                    appLines++;
                    appEqual += appSame ? 1 : 0;
                    perProtocol.merge(o.protocol + (appSame ? " equal" : " differ"), 1, Integer::sum);
                    if (!appSame && wrong.size() < 30) {
                        wrong.add(capture.getFileName() + "#" + (i + 1) + "\n    tcpdump: " + t + "\n    wiretop: " + o.text);
                    }
                } else if (afterEndpoints(o.plain).equals(afterEndpoints(t))) {
                    suffixed++; // tcpdump prints no application here: ours is its line and our text after it
                    if (!o.text.startsWith(o.plain) || o.text.length() <= o.plain.length()) {
                        wrong.add(capture.getFileName() + "#" + (i + 1) + " (ours must extend tcpdump's line)\n    tcpdump: "
                                + t + "\n    wiretop: " + o.text);
                    }
                } else {
                    otherProtocol++; // tcpdump printed a protocol we do not dissect (SOME/IP, ...)
                }
            }
            lines += n;
            equal += fileEqual;
            if (hasApp) {
                appFileLines += n;
                appFileEqual += fileEqual;
            }
        }
        System.out.printf("text vs tcpdump: %d / %d lines equal over the corpus (%.1f%%); %d / %d in files with"
                + " application lines; application lines tcpdump prints: %d / %d equal %s; lines we extend: %d;"
                + " lines where tcpdump prints a protocol we do not: %d%n",
                equal, lines, 100.0 * equal / Math.max(1, lines), appFileEqual, appFileLines, appEqual, appLines,
                perProtocol, suffixed, otherProtocol);
        assertTrue(appLines > 0, "no application lines in the corpus");
        assertTrue(wrong.isEmpty(), "application lines that differ from tcpdump's:\n  " + String.join("\n  ", wrong));
    }

    /** Our line, our line without the application layer (tcpdump's, where it prints none), the protocol. */
    private record Line(String text, String plain, String protocol, boolean nativeText) {
    }

    /**
     * What a line says from the application's point of view: for TCP, from its {@code , length N}
     * on (the segment's length and the application's text); otherwise all after the endpoints.
     */
    static String applicationPart(String line) {
        String rest = afterEndpoints(line);
        int length = rest.startsWith("Flags [") ? rest.indexOf(", length ") : -1;
        return length < 0 ? rest : rest.substring(length);
    }

    /** What follows "src.port > dst.port: ": the transport and application text. */
    static String afterEndpoints(String line) {
        int arrow = line.indexOf(" > ");
        int colon = arrow < 0 ? -1 : line.indexOf(": ", arrow);
        return colon < 0 ? line : line.substring(colon + 2);
    }

    private static List<Line> format(Path capture) throws IOException {
        List<Line> out = new ArrayList<>();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true);
        TextFormatter plainText = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true);
        LineBuilder line = new LineBuilder(1024);
        try (PacketSource source = Sources.openFile(capture.toString())) {
            int linkType = source.linkType();
            source.run((epochNanos, wireLength, data, capturedLength) -> {
                s.epochNanos = epochNanos;
                decoder.decode(linkType, data, capturedLength, wireLength, s);
                line.setLength(0);
                text.format(s, data, line);
                String full = line.toString();
                String protocol = s.app == null ? null : s.app.name();
                boolean nativeText = s.appNative;
                s.app = null; // the same packet as a plain transport line (every packet, for relative seq)
                line.setLength(0);
                plainText.format(s, data, line);
                String plain = line.toString();
                out.add(new Line(full, plain, protocol, nativeText));
            }, 0);
        } catch (CaptureException e) {
            // what was read before the damage is compared; tcpdump stops there too
        }
        return out;
    }
}
