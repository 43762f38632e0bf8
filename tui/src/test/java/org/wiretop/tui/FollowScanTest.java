package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.cli.TsharkFollow;
import org.wiretop.conv.Carriers;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.conv.TcpFrames;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.tui.model.FollowModel;

/**
 * The UI's Follow view reads a stream out of the packet ring: for every TCP stream with payload of
 * {@value #FILES} corpus files (without packets tshark decodes inside carriers; FollowCorpusTest
 * compares {@code wiretop follow} on all of them), opened on the stream's
 * first packet, each side's bytes equal {@code tshark -q -z follow,tcp,raw,N}'s; a stream grows as
 * the capture adds packets; a packet that is not TCP/UDP, or no longer held, says so.
 */
class FollowScanTest {
    private static final int FILES = 30;

    @TempDir
    Path dir;

    @Test
    void everyCorpusStreamInTheRingEqualsTsharksFollow() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed: skipped");
        int files = 0, sides = 0;
        List<String> differ = new ArrayList<>();
        for (Path capture : Corpus.captures()) {
            PacketRing ring = files < FILES ? Rings.load(capture, 100_000) : null;
            Map<Long, Long> firstPacket = ring == null ? null : streamsWithPayload(ring);
            if (firstPacket == null || firstPacket.isEmpty()) {
                continue;
            }
            files++;
            Map<Long, TsharkFollow.Sides> tshark = TsharkFollow.raw(capture, "tcp", new ArrayList<>(firstPacket.keySet()));
            for (Map.Entry<Long, Long> e : firstPacket.entrySet()) {
                FollowScan scan = new FollowScan(ring, e.getValue());
                while (!scan.advance(1000)) {
                    // a small budget, to go through many calls as the UI does
                }
                assertEquals((long) e.getKey(), scan.stream(), capture.getFileName() + " packet " + (e.getValue() + 1));
                TsharkFollow.Sides theirs = tshark.get(e.getKey());
                for (boolean server : new boolean[] {false, true}) {
                    sides++;
                    if (!Arrays.equals(server ? theirs.server() : theirs.client(), bytes(scan.lines(), server))) {
                        differ.add(capture.getFileName() + " stream " + e.getKey() + (server ? " server" : " client"));
                    }
                }
            }
        }
        System.out.printf("follow view vs tshark: %d files, %d stream sides, %d differ%n", files, sides, differ.size());
        assertEquals(FILES, files, "too few corpus files with TCP payload: " + files);
        assertTrue(differ.isEmpty(), "sides that differ from tshark's follow:\n  " + String.join("\n  ", differ));
    }

    @Test
    void theStreamGrowsAsTheCaptureAddsPackets() throws Exception {
        Path pcap = dir.resolve("http.pcap");
        FollowRings.conversation().write(pcap);
        PacketRing whole = Rings.load(pcap, 100);
        PacketRing live = new PacketRing(whole.linkType(), 100, 1 << 20);
        PacketRing.Scratch sc = new PacketRing.Scratch();
        FollowScan scan = null;
        List<Long> seen = new ArrayList<>();
        for (long seq = 0; seq < whole.end(); seq++) {
            assertTrue(whole.readInto(seq, sc));
            live.add(sc.epochNanos, sc.wireLength, sc.data, sc.length);
            if (scan == null) {
                scan = new FollowScan(live, 0); // opened on the SYN, before anything else was captured
            }
            assertTrue(scan.advance(FollowScan.BUDGET));
            seen.add(scan.lines().sent(false) + scan.lines().sent(true));
        }
        FollowScan once = new FollowScan(whole, 3);
        assertTrue(once.advance(FollowScan.BUDGET));
        assertArrayEquals(bytes(once.lines(), false), bytes(scan.lines(), false));
        assertArrayEquals(bytes(once.lines(), true), bytes(scan.lines(), true));
        assertEquals(FollowRings.REQUEST.length() + FollowRings.RESPONSE.length(), seen.get(seen.size() - 1));
        assertTrue(seen.get(3) > 0 && seen.get(3) < seen.get(seen.size() - 1), "grew packet by packet: " + seen);
    }

    @Test
    void aPacketWithoutAStreamOrNoLongerHeldSaysSo() throws Exception {
        PacketRing ring = new PacketRing(Decoder.DLT_RAW, 2, 1 << 16);
        byte[] icmp = new byte[28];
        icmp[0] = 0x45;
        icmp[3] = 28;
        icmp[8] = 64;
        icmp[9] = 1;
        ring.add(1, icmp.length, icmp, icmp.length);
        FollowScan scan = new FollowScan(ring, 0);
        assertTrue(scan.advance(10));
        assertTrue(scan.model(false, 0, 10, 80).title().contains("neither TCP nor UDP"));
        ring.add(2, icmp.length, icmp, icmp.length);
        ring.add(3, icmp.length, icmp, icmp.length); // the first packet is overwritten
        FollowScan gone = new FollowScan(ring, 0);
        assertTrue(gone.model(false, 0, 10, 80).title().contains("no longer held"));
    }

    static byte[] bytes(FollowLines lines, boolean server) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FollowLines.Chunk c : lines.chunks()) {
            if (c.server() == server) {
                out.writeBytes(c.data()); // gaps too: tshark's raw output carries their text
            }
        }
        return out.toByteArray();
    }

    /** Stream number → ring sequence number of its first packet, for TCP streams with payload; null with carriers. */
    private static Map<Long, Long> streamsWithPayload(PacketRing ring) {
        if (ring.first() != 0) {
            return null;
        }
        Map<Long, Long> first = new TreeMap<>();
        Map<Long, Boolean> payload = new TreeMap<>();
        Decoder decoder = new Decoder();
        ConversationAnalyzer analyzer = new ConversationAnalyzer();
        PacketSummary s = new PacketSummary();
        PacketRing.Scratch sc = new PacketRing.Scratch();
        for (long seq = 0; seq < ring.end(); seq++) {
            ring.readInto(seq, sc);
            s.epochNanos = sc.epochNanos;
            decoder.decode(ring.linkType(), sc.data, sc.length, sc.wireLength, s);
            analyzer.analyze(s);
            if (Carriers.carries(s)) {
                return null;
            }
            if (s.tcpStream >= 0 && s.has(PacketSummary.TCP)) {
                first.putIfAbsent((long) s.tcpStream, seq);
                if (s.tcpPayloadLength > 0) {
                    payload.put((long) s.tcpStream, true);
                }
            }
        }
        first.keySet().retainAll(payload.keySet());
        return first;
    }
}
