package org.wiretop.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.conv.TcpFrames.ACK;
import static org.wiretop.conv.TcpFrames.PSH;
import static org.wiretop.conv.TcpFrames.SYN;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Streams built to hurt (design §8): 100,000 holes never filled, overlapping retransmissions with
 * other bytes, sequence numbers wrapping through zero, a SYN flood of a million conversations, and
 * segments jumping up to 4 GiB through the sequence space. Memory is shown bounded by the
 * structures' own sizes (entries, pool nodes, held bytes, held segments), never by timing; every
 * drop is counted; nothing throws.
 */
class HostileStreamsTest {
    /** Collects a followed stream's bytes per side, and its gap chunks. */
    private static final class Collect implements FollowSink {
        final ByteArrayOutputStream[] side = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        int gaps;

        @Override
        public void chunk(boolean server, byte[] data, int offset, int length, boolean gap) {
            if (gap) {
                gaps++;
            } else {
                side[server ? 1 : 0].write(data, offset, length);
            }
        }
    }

    @Test
    void hundredThousandHolesStayWithinTheHeldBound() {
        TcpFrames f = handshake(new TcpFrames());
        for (int i = 0; i < 100_000; i++) { // 10 bytes sent, 10 bytes missing, never acknowledged
            f.frame(true, ACK | PSH, 1 + 20L * i, 1, 1000, payload(10, i), -1, 1000);
        }
        Collect out = new Collect();
        TcpFollow follow = new TcpFollow(out, 64 << 10, new HeldBytes(1 << 20));
        ConversationAnalyzer analyzer = new ConversationAnalyzer();
        long[] lost = {0};
        long[] mostHeld = {0};
        f.analyse(analyzer, (s, frame) -> {
            lost[0] += (s.tcpAnalysis & PacketSummary.TA_LOST_SEGMENT) != 0 ? 1 : 0;
            if (TcpFollow.follows(s)) {
                follow.segment(s, frame);
                mostHeld[0] = Math.max(mostHeld[0], follow.heldBytes());
            }
        });
        assertEquals(99_999, lost[0], "each segment after a hole is 'previous segment not captured'");
        assertTrue(mostHeld[0] <= 64 << 10, "held bytes stay under the per-direction bound: " + mostHeld[0]);
        assertTrue(follow.forcedGaps() > 0, "the bound reported gaps early");
        assertEquals(0, out.side[0].size() % 10);
        assertTrue(out.side[0].size() >= 900_000, "bytes still delivered: " + out.side[0].size());
        assertTrue(out.gaps >= 90_000, "each hole reported: " + out.gaps);
        assertTrue(analyzer.segmentPoolSize() <= TcpAnalysis.MAX_UNACKED * 2,
                "unacknowledged segments remembered: " + analyzer.segmentPoolSize());
    }

    @TempDir
    Path dir;

    @Test
    void overlappingRetransmissionsKeepTheFirstCopy() throws Exception {
        TcpFrames f = handshake(new TcpFrames());
        f.client(ACK | PSH, 1, 1, text('A', 100)); // 1..100
        f.client(ACK | PSH, 51, 1, text('B', 100)); // 51..150: only 101..150 is new
        f.client(ACK | PSH, 201, 1, text('D', 50)); // out of order: held
        f.client(ACK | PSH, 141, 1, text('C', 80)); // 141..220: fills 151..200 (and 201..220 already held)
        f.client(ACK | PSH, 1, 1, text('Z', 250)); // a late copy of everything: nothing new but 221..250
        Collect out = follow(f);
        // as tshark: bytes once delivered are never replaced (the A's, the B's); bytes still held
        // out of order give way to an in-order segment that covers them (the C's over 201..220)
        String expected = "A".repeat(100) + "B".repeat(50) + "C".repeat(70) + "D".repeat(30);
        assertEquals(expected, out.side[0].toString(StandardCharsets.US_ASCII));
        assertEquals(0, out.gaps);
        if (Files.isExecutable(Path.of("/usr/bin/tshark"))) {
            Path pcap = dir.resolve("overlap.pcap");
            f.write(pcap);
            assertEquals(hex(expected), tsharkRaw(pcap).strip(), "tshark's follow of the same capture");
        }
    }

    private static String hex(String s) {
        return java.util.HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** The client's line(s) of tshark's raw follow of stream 0, joined. */
    private static String tsharkRaw(Path pcap) throws Exception {
        Process p = new ProcessBuilder("tshark", "-r", pcap.toString(), "-q", "-z", "follow,tcp,raw,0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        StringBuilder client = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.matches("[0-9a-f]+")) {
                client.append(line);
            }
        }
        return client.toString();
    }

    @Test
    void sequenceNumbersWrapThroughZero() {
        TcpFrames f = handshake(new TcpFrames().isns(0xffffff00L, 0xfffffff0L));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            byte[] p = payload(100, i);
            sent.writeBytes(p);
            if (i == 7) { // reordered across the wrap: 8 before 7
                f.client(ACK | PSH, 1 + 100L * 8, 1, payload(100, 8)).client(ACK | PSH, 1 + 100L * 7, 1, p);
                i++;
                sent.writeBytes(payload(100, 8));
                continue;
            }
            f.client(ACK | PSH, 1 + 100L * i, 1, p);
        }
        f.server(ACK, 1, 2001, new byte[0]);
        Collect out = follow(f);
        assertArrayEquals(sent.toByteArray(), out.side[0].toByteArray());
    }

    @Test
    void aSynFloodOfAMillionStreamsStaysWithinTheTable() {
        ConversationLimits limits = ConversationLimits.DEFAULT;
        ConversationAnalyzer analyzer = new ConversationAnalyzer(limits);
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        byte[] syn = new TcpFrames().client(SYN, 0, 0, new byte[0]).frames().get(0);
        for (int i = 0; i < 1_000_000; i++) {
            syn[12] = (byte) (i >>> 16); // a different source address and port each time
            syn[13] = (byte) (i >>> 8);
            syn[20] = (byte) (i >>> 8);
            syn[21] = (byte) i;
            s.epochNanos = 1_000_000L * i + 1;
            decoder.decode(Decoder.DLT_RAW, syn, syn.length, syn.length, s);
            analyzer.analyze(s);
            assertEquals(i, s.tcpStream);
        }
        assertEquals(1_000_000, analyzer.tcpStreams());
        assertEquals(limits.conversations(), analyzer.conversations());
        assertEquals(limits.conversations(), analyzer.tableCapacity(), "the table grew to its limit, not beyond");
        assertEquals(1_000_000 - limits.conversations(), analyzer.evicted(), "each forgotten conversation is counted");
        assertTrue(analyzer.segmentPoolSize() <= limits.unackedSegments());
    }

    @Test
    void segmentsJumpingUpToFourGibibytesHoldOnlyTheirOwnBytes() {
        TcpFrames f = handshake(new TcpFrames());
        f.client(ACK | PSH, 1, 1, text('a', 100));
        long[] jumps = {1L << 30, (1L << 31) - 1, 1L << 31, 3L << 30, (1L << 32) - 1, 1L << 32};
        for (long jump : jumps) {
            f.client(ACK | PSH, 101 + jump, 1, text('x', 1000)); // far beyond, or "behind" after the half-way point
            f.server(ACK, 1, 101 + jump + 1000, new byte[0]); // an ACK as far away
            f.frame(false, ACK, 1, 101, 65535, new byte[0], -1, 1000);
        }
        f.client(ACK | PSH, 101, 1, text('b', 100));
        Collect out = new Collect();
        TcpFollow follow = new TcpFollow(out, 16 << 20, new HeldBytes(64 << 20));
        long[] mostHeld = {0};
        f.analyse(new ConversationAnalyzer(), (s, frame) -> {
            if (TcpFollow.follows(s)) {
                follow.segment(s, frame);
                mostHeld[0] = Math.max(mostHeld[0], follow.heldBytes());
            }
        });
        assertTrue(mostHeld[0] <= jumps.length * 1000L, "held only the segments' own bytes: " + mostHeld[0]);
        assertTrue(out.side[0].toString(StandardCharsets.US_ASCII).startsWith("a".repeat(100)));
    }

    private static Collect follow(TcpFrames f) {
        Collect out = new Collect();
        TcpFollow follow = new TcpFollow(out, 1 << 20, new HeldBytes(1 << 20));
        f.analyse(new ConversationAnalyzer(), (s, frame) -> {
            if (TcpFollow.follows(s)) {
                follow.segment(s, frame);
            }
        });
        return out;
    }

    private static TcpFrames handshake(TcpFrames f) {
        return f.client(SYN, 0, 0, new byte[0]).server(SYN | ACK, 0, 1, new byte[0]).client(ACK, 1, 1, new byte[0]);
    }

    private static byte[] text(char c, int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] payload(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }
}
