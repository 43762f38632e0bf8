package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.CaptureTestSupport.assumeLibpcap;
import static org.wiretop.capture.CaptureTestSupport.assumeTool;
import static org.wiretop.capture.CaptureTestSupport.randomPackets;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureTestSupport.Packet;

/**
 * The pcapng writer: every byte, nanosecond and comment back through tcpdump, tshark, libpcap and
 * our own reader. Every third packet carries a comment, every fifth two (one with non-ASCII text).
 */
class PcapngWriterTest {
    private static final int COUNT = 300;

    @TempDir
    Path dir;

    private static List<String> commentsOf(int i) {
        List<String> c = new ArrayList<>();
        if (i % 3 == 0) {
            c.add("pid " + (1000 + i) + " curl");
        }
        if (i % 5 == 0) {
            c.add("uid " + i + " ünïcode");
        }
        return c;
    }

    private Path write(List<Packet> packets) throws CaptureException {
        Path f = dir.resolve("out.pcapng");
        PacketComments comments = new PacketComments();
        try (PacketWriter w = PacketWriter.open(f.toString(), false, 1, 262144, "lo")) {
            assertTrue(w.keepsComments(), "the .pcapng name asks for pcapng");
            for (int i = 0; i < packets.size(); i++) {
                Packet p = packets.get(i);
                comments.clear();
                for (String c : commentsOf(i)) {
                    comments.add(c.getBytes(StandardCharsets.UTF_8));
                }
                w.write(p.epochNanos(), p.wireLength(), p.data(), p.data().length, comments);
            }
        }
        return f;
    }

    @Test
    void ourReaderAndLibpcapGetBackEveryByteNanosecondAndComment() throws Exception {
        List<Packet> packets = randomPackets(COUNT, 11);
        Path f = write(packets);
        List<List<String>> comments = new ArrayList<>();
        List<Packet> back = new ArrayList<>();
        try (PacketSource s = Sources.openFile(f.toString())) {
            assertEquals(1, s.linkType());
            assertEquals(262144, s.snaplen());
            s.run((ts, wire, data, len) -> {
                back.add(new Packet(ts, wire, java.util.Arrays.copyOf(data, len)));
                List<String> c = new ArrayList<>();
                for (int i = 0; i < s.comments().count(); i++) {
                    c.add(s.comments().text(i));
                }
                comments.add(c);
            }, 0);
        }
        assertSame(packets, back);
        for (int i = 0; i < COUNT; i++) {
            assertEquals(commentsOf(i), comments.get(i), "comments of " + i);
        }
        assumeLibpcap();
        try (PacketSource s = Sources.openFileWithLibpcap(f.toString())) {
            assertSame(packets, CaptureTestSupport.readAll(s));
        }
    }

    @Test
    void tcpdumpReadsTheSameBytesAndStamps() throws Exception {
        assumeTool("tcpdump");
        List<Packet> packets = randomPackets(COUNT, 12);
        Path f = write(packets);
        String out = CaptureTestSupport.run("tcpdump", "-r", f.toString(), "-nn", "-tt",
                "--time-stamp-precision=nano", "-xx");
        List<String> stamps = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        ByteArrayOutputStream current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("\t0x")) {
                current.writeBytes(HexFormat.of().parseHex(line.substring(line.indexOf(':') + 1).replace(" ", "").strip()));
            } else if (!line.isBlank()) {
                if (current != null) {
                    frames.add(current.toByteArray());
                }
                current = new ByteArrayOutputStream();
                stamps.add(line.substring(0, line.indexOf(' ')));
            }
        }
        frames.add(current.toByteArray());
        assertEquals(COUNT, frames.size(), "tcpdump's packet count");
        for (int i = 0; i < COUNT; i++) {
            long ts = packets.get(i).epochNanos();
            assertEquals(String.format("%d.%09d", ts / 1_000_000_000L, ts % 1_000_000_000L), stamps.get(i), "stamp of " + i);
            assertArrayEquals(packets.get(i).data(), frames.get(i), "bytes of " + i);
        }
    }

    @Test
    void tsharkReadsStampsLengthsInterfaceAndComments() throws Exception {
        assumeTool("tshark");
        List<Packet> packets = randomPackets(COUNT, 13);
        Path f = write(packets);
        String out = CaptureTestSupport.run("tshark", "-n", "-r", f.toString(), "-T", "fields", "-E", "separator=|",
                "-e", "frame.time_epoch", "-e", "frame.len", "-e", "frame.cap_len", "-e", "frame.interface_name",
                "-e", "frame.comment");
        String[] lines = out.strip().split("\n");
        assertEquals(COUNT, lines.length);
        for (int i = 0; i < COUNT; i++) {
            Packet p = packets.get(i);
            String expected = String.format("%d.%09d|%d|%d|lo|%s", p.epochNanos() / 1_000_000_000L,
                    p.epochNanos() % 1_000_000_000L, p.wireLength(), p.data().length, String.join(",", commentsOf(i)));
            assertEquals(expected, lines[i].strip(), "frame " + (i + 1));
        }
    }

    private static void assertSame(List<Packet> expected, List<Packet> actual) {
        assertEquals(expected.size(), actual.size(), "packet count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).epochNanos(), actual.get(i).epochNanos(), "stamp of " + i);
            assertEquals(expected.get(i).wireLength(), actual.get(i).wireLength(), "wire length of " + i);
            assertArrayEquals(expected.get(i).data(), actual.get(i).data(), "bytes of " + i);
        }
    }
}
