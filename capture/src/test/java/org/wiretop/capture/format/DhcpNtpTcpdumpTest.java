package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.DhcpNtpSamples;
import org.wiretop.decode.DhcpNtpSamples.Sample;
import org.wiretop.decode.PacketSummary;

/**
 * Our BOOTP/DHCP and NTP text against {@code tcpdump -nn} at every verbosity it distinguishes
 * (none, -v, -vv, -vvv), packet for packet: what follows the endpoints must be byte for byte
 * tcpdump's, its {@code -v} lines included (the IP part before the endpoints is the layer-3
 * comparison's business). Over the corpus files that hold these protocols, and over made
 * packets: every option format, hostile lengths, seeded random messages, each also cut short
 * at many lengths (tcpdump's {@code [|bootp]} / {@code [|ntp]}). Skips without tcpdump.
 */
class DhcpNtpTcpdumpTest {
    private static final Set<String> PROTOCOLS = Set.of("dhcp", "ntp");

    @Test
    void corpusTextEqualsTcpdumpsAtEveryVerbosity() throws Exception {
        TcpdumpPackets.assumeTcpdump();
        Map<String, int[]> counts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int files = 0;
        for (Path capture : Corpus.captures()) {
            if (Corpus.expectedFor(capture) == null || !holdsProtocols(capture)) {
                continue;
            }
            files++;
            for (int verbose = 0; verbose <= 3; verbose++) {
                List<String> theirs = TcpdumpPackets.read(capture, verbose);
                List<Ours> ours = format(capture, verbose);
                compare(capture.getFileName().toString(), verbose, theirs, ours, counts, wrong);
            }
        }
        report("corpus (" + files + " files)", counts);
        assertTrue(files >= 10, "corpus files with BOOTP/DHCP or NTP: " + files);
        assertTrue(wrong.isEmpty(), "lines that differ from tcpdump's:\n  " + String.join("\n  ", wrong));
    }

    @Test
    void madePacketsTextEqualsTcpdumpsAtEveryVerbosity(@TempDir Path dir) throws Exception {
        TcpdumpPackets.assumeTcpdump();
        List<Sample> samples = new ArrayList<>(DhcpNtpSamples.valid());
        samples.addAll(DhcpNtpSamples.hostile());
        samples.addAll(DhcpNtpSamples.randomDhcp(11, 400, false));
        samples.addAll(DhcpNtpSamples.randomNtp(12, 400));
        samples = DhcpNtpSamples.withCuts(samples, 23);
        Path file = dir.resolve("samples.pcap");
        TcpdumpPackets.write(file, samples);
        Map<String, int[]> counts = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int verbose = 0; verbose <= 3; verbose++) {
            List<String> theirs = TcpdumpPackets.read(file, verbose);
            assertEquals(samples.size(), theirs.size(), "tcpdump's packets");
            List<Ours> ours = new ArrayList<>();
            Decoder decoder = new Decoder();
            PacketSummary s = new PacketSummary();
            TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true, verbose);
            LineBuilder line = new LineBuilder(4096);
            for (Sample sample : samples) {
                decoder.decode(Decoder.DLT_EN10MB, sample.frame(), sample.captured(), sample.frame().length, s);
                ours.add(ours(s, sample.frame(), text, line, sample.name()));
            }
            compare("samples", verbose, theirs, ours, counts, wrong);
        }
        report("made packets (" + samples.size() + ")", counts);
        assertTrue(wrong.isEmpty(), "lines that differ from tcpdump's:\n  " + String.join("\n  ", wrong));
    }

    /** Our text for one decoded packet, when it is one of ours printed as tcpdump would. */
    private record Ours(String name, String protocol, String text) {
    }

    private static Ours ours(PacketSummary s, byte[] data, TextFormatter text, LineBuilder line, String name) {
        if (s.app == null || !s.appNative || !PROTOCOLS.contains(s.app.name())) {
            return new Ours(name, null, null);
        }
        line.setLength(0);
        text.format(s, data, line);
        return new Ours(name, s.app.name(), line.toString());
    }

    private static void compare(String where, int verbose, List<String> theirs, List<Ours> ours,
                                Map<String, int[]> counts, List<String> wrong) {
        for (int i = 0; i < ours.size(); i++) {
            Ours o = ours.get(i);
            if (o.protocol == null) {
                continue;
            }
            String t = i < theirs.size() ? TcpdumpPackets.application(theirs.get(i)) : "";
            String w = TcpdumpPackets.application(o.text);
            boolean same = t.equals(w);
            int[] c = counts.computeIfAbsent(o.protocol + " -" + "v".repeat(verbose), k -> new int[2]);
            c[0] += same ? 1 : 0;
            c[1]++;
            if (!same && wrong.size() < 20) {
                wrong.add(where + " " + o.name + " -" + "v".repeat(verbose) + "\n    tcpdump: " + t.replace("\n", "⏎")
                        + "\n    wiretop: " + w.replace("\n", "⏎"));
            }
        }
    }

    private static void report(String what, Map<String, int[]> counts) {
        StringBuilder b = new StringBuilder("DHCP/NTP text vs tcpdump, " + what + ":");
        counts.forEach((k, c) -> b.append(' ').append(k).append(' ').append(c[0]).append('/').append(c[1]));
        System.out.println(b);
    }

    private static boolean holdsProtocols(Path capture) throws IOException {
        return format(capture, 0).stream().anyMatch(o -> o.protocol != null);
    }

    private static List<Ours> format(Path capture, int verbose) throws IOException {
        List<Ours> out = new ArrayList<>();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true, verbose);
        LineBuilder line = new LineBuilder(4096);
        try (PacketSource source = Sources.openFile(capture.toString())) {
            int linkType = source.linkType();
            int snaplen = source.snaplen();
            int[] n = {0};
            source.run((epochNanos, wireLength, data, capturedLength) -> {
                s.epochNanos = epochNanos;
                // libpcap hands tcpdump no more than the file's snapshot length of a record that
                // declares more (bootp_asan*.pcap); our reader keeps them all: compare the printers
                int captured = snaplen > 0 ? Math.min(capturedLength, snaplen) : capturedLength;
                decoder.decode(linkType, data, captured, wireLength, s);
                out.add(ours(s, data, text, line, "#" + ++n[0]));
            }, 0);
        } catch (CaptureException e) {
            // what was read before the damage is compared; tcpdump stops there too
        }
        return out;
    }
}
