package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.conv.Carriers;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * {@code wiretop follow --format raw --side client|server} for every TCP stream of every corpus
 * file with TCP payload equals the bytes of {@code tshark -q -z follow,tcp,raw,N} for that side;
 * and {@code --format ascii|hex} equals tshark's text for the first such stream of each file.
 * A stream may differ only where tshark follows TCP inside a carrier packet we do not decode
 * (a tunnel, an OpenFlow packet-in): decided from the capture's packets.
 */
class FollowCorpusTest {
    private static final String CARRIED = "tshark also follows TCP carried inside packets of this capture";

    @Test
    void everyCorpusStreamEqualsTsharksFollow() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed: skipped");
        int files = 0, compared = 0, equal = 0, explained = 0, texts = 0;
        List<String> unexplained = new ArrayList<>();
        for (Path capture : Corpus.captures()) {
            Streams streams = streams(capture);
            if (streams == null || streams.withData.isEmpty()) {
                continue;
            }
            files++;
            List<Long> numbers = new ArrayList<>(streams.withData.keySet());
            Map<Long, TsharkFollow.Sides> tshark = TsharkFollow.raw(capture, "tcp", numbers);
            for (long n : numbers) {
                byte[][] ours = {follow(capture, n, "client"), follow(capture, n, "server")};
                byte[][] theirs = {tshark.get(n).client(), tshark.get(n).server()};
                for (int side = 0; side < 2; side++) {
                    compared++;
                    if (Arrays.equals(ours[side], theirs[side])) {
                        equal++;
                    } else if (streams.carriers) {
                        explained++;
                    } else {
                        unexplained.add(capture.getFileName() + " stream " + n + (side == 0 ? " client" : " server")
                                + ": tshark " + theirs[side].length + " bytes, ours " + ours[side].length);
                    }
                }
            }
            long first = numbers.get(0);
            if (!streams.carriers && texts < 12) { // the text formats, byte for byte, on a dozen files
                texts++;
                for (String format : new String[] {"ascii", "hex"}) {
                    String ours = CliRunner.inProcess("follow", capture.toString(), "--stream", String.valueOf(first),
                            "--format", format).out();
                    assertEquals(TsharkFollow.text(capture, "tcp", format, first), ours,
                            capture.getFileName() + " stream " + first + " --format " + format);
                }
            }
        }
        System.out.printf("follow vs tshark: %d files, %d stream sides compared, %d equal, %d explained (%s)%n",
                files, compared, equal, explained, CARRIED);
        assertTrue(files > 50, "too few corpus files with TCP payload: " + files);
        assertTrue(unexplained.isEmpty(), "streams that differ from tshark's follow:\n  " + String.join("\n  ", unexplained));
    }

    private static byte[] follow(Path capture, long stream, String side) {
        return CliRunner.inProcessBytes("follow", capture.toString(), "--stream", String.valueOf(stream),
                "--format", "raw", "--side", side);
    }

    /** The TCP streams with payload of a capture (ours, plus tshark's from expected-app), and whether it has carriers. */
    private record Streams(Map<Long, Boolean> withData, boolean carriers) {
    }

    private static Streams streams(Path capture) throws IOException {
        Path tsv = Corpus.expectedFor(capture);
        if (tsv == null) {
            return null;
        }
        Map<Long, Boolean> withData = new TreeMap<>();
        boolean[] carriers = {false};
        Decoder decoder = new Decoder();
        ConversationAnalyzer analyzer = new ConversationAnalyzer();
        PacketSummary s = new PacketSummary();
        try (PacketSource source = Sources.openFile(capture.toString())) {
            int linkType = source.linkType();
            source.run((nanos, wire, data, captured) -> {
                s.epochNanos = nanos;
                decoder.decode(linkType, data, captured, wire, s);
                analyzer.analyze(s);
                carriers[0] |= Carriers.carries(s);
                if (s.tcpStream >= 0 && s.tcpPayloadLength > 0) {
                    withData.put((long) s.tcpStream, true);
                }
            }, 0);
        } catch (CaptureException e) {
            return null;
        }
        for (long n : tsharkStreamsWithData(capture, tsv)) {
            withData.putIfAbsent(n, true);
        }
        return new Streams(withData, carriers[0]);
    }

    /** tcp.stream of the rows with tcp.len > 0, joining expected-app/NAME.tsv and expected/NAME.tsv. */
    private static TreeSet<Long> tsharkStreamsWithData(Path capture, Path tsv) throws IOException {
        TreeSet<Long> out = new TreeSet<>();
        Path app = tsv.getParent().resolveSibling("expected-app").resolve(tsv.getFileName());
        if (!Files.isRegularFile(app)) {
            return out;
        }
        List<String> base = Files.readAllLines(tsv);
        List<String> conv = Files.readAllLines(app);
        int len = List.of(base.get(0).split("\t", -1)).indexOf("tcp.len");
        int stream = List.of(conv.get(0).split("\t", -1)).indexOf("tcp.stream");
        for (int row = 1; row < Math.min(base.size(), conv.size()); row++) {
            String[] b = base.get(row).split("\t", -1);
            String[] c = conv.get(row).split("\t", -1);
            if (len >= 0 && len < b.length && !b[len].isEmpty() && !b[len].split(",")[0].equals("0")
                    && stream < c.length && !c[stream].isEmpty()) {
                out.add(Long.parseLong(c[stream].split(",")[0]));
            }
        }
        return out;
    }
}
