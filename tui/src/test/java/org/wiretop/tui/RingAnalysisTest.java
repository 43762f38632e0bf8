package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.capture.format.FlatJson;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.tui.model.PacketRow;

/**
 * The UI's analysis of the ring gives each packet what {@code read} gives it (stream numbers,
 * expert flags, relative sequence numbers, ACK RTTs; {@code read}'s are tshark's, see AppOracleTest
 * and TcpAnalysisDamageTest) for every corpus file, and tshark's own cells on the corpus files with
 * expert flags; the rows name the flags and mark the problems; the display filter takes them; a ring
 * that overwrote packets before they were analysed skips and counts them.
 */
class RingAnalysisTest {
    private static final List<String> KEYS = List.of("tcp.stream", "udp.stream", "tcp.seq", "tcp.ack",
            "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission",
            "tcp.analysis.out_of_order", "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment",
            "tcp.analysis.duplicate_ack", "tcp.analysis.duplicate_ack_num", "tcp.analysis.zero_window",
            "tcp.analysis.window_full", "tcp.analysis.window_update", "tcp.analysis.keep_alive",
            "tcp.analysis.keep_alive_ack", "tcp.analysis.ack_rtt");

    @Test
    void everyCorpusPacketInTheRingIsAnalysedAsReadAnalysesIt() {
        int files = 0, packets = 0, flagged = 0;
        for (Path capture : Corpus.captures()) {
            PacketRing ring = Rings.load(capture, 100_000);
            if (ring == null || ring.end() == 0) {
                continue;
            }
            files++;
            RingAnalysis analysis = new RingAnalysis(ring, DecodeChoices.none());
            while (!analysis.advance()) {
                // the UI's budget a frame
            }
            List<Map<String, String>> ours = fromRing(ring, analysis);
            List<Map<String, String>> read = straight(ring);
            for (int i = 0; i < ours.size(); i++) {
                packets++;
                flagged += ours.get(i).containsKey("tcp.analysis.duplicate_ack") || ours.get(i).containsKey(
                        "tcp.analysis.retransmission") ? 1 : 0;
                for (String k : KEYS) {
                    assertEquals(read.get(i).get(k), ours.get(i).get(k), capture.getFileName() + " #" + (i + 1) + " " + k);
                }
            }
        }
        System.out.printf("ring analysis = read's analysis: %d files, %d packets, %d with retransmission/dup ack%n",
                files, packets, flagged);
        assertTrue(files > 500 && flagged > 20, files + " files, " + flagged + " flagged");
    }

    @Test
    void theExpertFlagsOfTheCorpusEqualTsharksCells() throws Exception {
        int cells = 0;
        for (String name : List.of("pptp", "kday4", "kday7", "ssh")) {
            Path capture = Corpus.tcpdumpDir().resolve(name + ".pcap");
            Path tsv = capture.getParent().resolveSibling("expected-app").resolve(name + ".tsv");
            if (!Files.isRegularFile(capture) || !Files.isRegularFile(tsv)) {
                System.out.println("skipped " + name + ": not in the corpus");
                continue;
            }
            PacketRing ring = Rings.load(capture, 100_000);
            RingAnalysis analysis = new RingAnalysis(ring, DecodeChoices.none());
            while (!analysis.advance()) {
                // the UI's budget a frame
            }
            List<Map<String, String>> ours = fromRing(ring, analysis);
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split("\t", -1);
            assertEquals(lines.size() - 1, ours.size(), name + " packets");
            for (int row = 1; row < lines.size(); row++) {
                String[] c = lines.get(row).split("\t", -1);
                for (int col = 0; col < header.length; col++) {
                    if (header[col].startsWith("tcp.analysis.") || header[col].endsWith(".stream")) {
                        String theirs = col < c.length ? c[col].split(",")[0] : "";
                        String mine = ours.get(row - 1).getOrDefault(header[col], "");
                        if (!theirs.isEmpty() || !mine.isEmpty()) {
                            cells++;
                            if (!header[col].endsWith("ack_rtt")) {
                                assertEquals(theirs.equals("True") ? "1" : theirs, mine, name + " #" + row + " " + header[col]);
                            }
                        }
                    }
                }
            }
        }
        System.out.println("ring analysis vs tshark's expected-app: " + cells + " cells");
    }

    @Test
    void rowsNameTheFlagsMarkTheProblemsAndTheFilterTakesThem() throws Exception {
        PacketRing ring = FollowRings.retransmitted();
        RingAnalysis analysis = new RingAnalysis(ring, DecodeChoices.none());
        analysis.advance();
        PacketRows rows = new PacketRows();
        PacketRow retransmitted = rows.row(ring.read(ring.end() - 1), analysis);
        assertTrue(retransmitted.info().startsWith("[spurious retransmission] GET /index.html"), retransmitted.info());
        assertEquals(PacketRow.Mark.EXPERT, retransmitted.mark());
        assertEquals(PacketRow.Mark.OK, rows.row(ring.read(3), analysis).mark());
        PacketList list = new PacketList();
        list.setAnalysis(analysis);
        list.reset(ring, DisplayFilter.compile("tcp.analysis.flags"));
        list.refresh();
        assertEquals(1, list.end() - list.first());
        assertEquals(ring.end() - 1, list.seqAt(0));
        list.reset(ring, DisplayFilter.compile("tcp.stream == 0 && tcp.len > 0"));
        list.refresh();
        assertEquals(4, list.end() - list.first(), "request, two response segments, the retransmission");
    }

    @Test
    void packetsOverwrittenBeforeTheyWereAnalysedAreSkippedAndCounted() {
        List<byte[]> frames = FollowRings.conversation().frames();
        PacketRing ring = new PacketRing(Decoder.DLT_RAW, 4, 1 << 16);
        RingAnalysis analysis = new RingAnalysis(ring, DecodeChoices.none());
        for (int i = 0; i < frames.size(); i++) {
            ring.add(i, frames.get(i).length, frames.get(i), frames.get(i).length);
        }
        analysis.advance();
        assertEquals(frames.size() - 4, analysis.skipped());
        PacketSummary s = new PacketSummary();
        RawPacket p = ring.read(ring.end() - 1);
        new Decoder().decode(p.linkType(), p.data(), p.data().length, p.wireLength(), s);
        analysis.apply(p.seq(), s);
        assertEquals(0, s.tcpStream, "the packets analysed still have a stream");
    }

    private static List<Map<String, String>> fromRing(PacketRing ring, RingAnalysis analysis) {
        List<Map<String, String>> out = new ArrayList<>();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder json = new LineBuilder(4096);
        for (long seq = ring.first(); seq < ring.end(); seq++) { // read back in any order: here, in order
            RawPacket p = ring.read(seq);
            s.frameNumber = seq + 1;
            s.epochNanos = p.epochNanos();
            decoder.decode(p.linkType(), p.data(), p.data().length, p.wireLength(), s);
            analysis.apply(seq, s);
            json.setLength(0);
            out.add(FlatJson.parse(JsonFormatter.append(s, json)));
        }
        return out;
    }

    /** What {@code read} gives: every packet decoded and analysed in order. */
    private static List<Map<String, String>> straight(PacketRing ring) {
        List<Map<String, String>> out = new ArrayList<>();
        Decoder decoder = new Decoder();
        ConversationAnalyzer analyzer = new ConversationAnalyzer();
        PacketSummary s = new PacketSummary();
        LineBuilder json = new LineBuilder(4096);
        for (long seq = ring.first(); seq < ring.end(); seq++) {
            RawPacket p = ring.read(seq);
            s.frameNumber = seq + 1;
            s.epochNanos = p.epochNanos();
            decoder.decode(p.linkType(), p.data(), p.data().length, p.wireLength(), s);
            analyzer.analyze(s);
            json.setLength(0);
            out.add(FlatJson.parse(JsonFormatter.append(s, json)));
        }
        return out;
    }
}
