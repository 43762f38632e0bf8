package org.wiretop.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The framer's bounds and its independence from where segments cut a stream (its tshark rules
 * are compared with tshark itself on real traffic in the tui module's HttpShapesRealClientTest).
 */
class HttpFramerTest {
    private static final int TEXT = HttpTransactions.TEXT;

    @Test
    void aLyingChunkSizeEndsTheMessageOnItsLineAndAHugeOneWaits() {
        HttpFramer f = new HttpFramer(2, TEXT);
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertEquals(List.of(1L), completions(f, 0, List.of(head, "fffffffffffffffffffff\r\nabc", "def")),
                "a size past 2^31 (here past 2^64) ends the reassembly where its line ends");
        List<String> segments = new ArrayList<>(List.of(head, "7fffffff\r\n"));
        for (int i = 0; i < 64; i++) {
            segments.add("x".repeat(16_384)); // 1 MiB of the announced 2 GiB
        }
        assertEquals(List.of(), completions(f, 1, segments), "2^31 - 1 bytes are waited for");
    }

    @Test
    void aLongHeaderLineCostsNothingAndTheHeadersAfterItCount() {
        HttpFramer f = new HttpFramer(2, TEXT);
        List<String> segments = new ArrayList<>(List.of("GET /a HTTP/1.1\r\nX-Long: "));
        for (int i = 0; i < 64; i++) {
            segments.add("y".repeat(1024)); // a 64 KiB header line over 64 segments
        }
        segments.add("\r\nContent-Length: 5\r\n\r\n12");
        segments.add("345GET /b HTTP/1.1\r\n\r\n");
        assertEquals(List.of(66L, 66L), completions(f, 0, segments), "the body's last segment completes both requests");
        assertEquals("GET /b", new String(f.textBuffer(), 0, f.textLength(0), StandardCharsets.US_ASCII));
    }

    @Test
    void whereSegmentsCutAStreamDoesNotMoveItsMessagesEnds() {
        Random random = new Random(12);
        for (int round = 0; round < 2_000; round++) {
            byte[] stream = messages(random);
            List<Long> whole = ends(stream, new int[] {stream.length});
            int[] cuts = new int[1 + random.nextInt(12)];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = random.nextInt(stream.length + 1);
            }
            cuts[cuts.length - 1] = stream.length;
            java.util.Arrays.sort(cuts);
            assertEquals(whole, ends(stream, cuts), "round " + round + " cut at " + java.util.Arrays.toString(cuts) + ": " + new String(stream, StandardCharsets.US_ASCII).replace("\n", "\\n"));
        }
    }

    @Test
    void hostileBytesNeverThrowAndStayInTheSegment() {
        Random random = new Random(34);
        HttpFramer f = new HttpFramer(4, TEXT);
        String[] pieces = {"HTTP/1.1 200 OK\r\n", "GET / HTTP/1.1\r\n", "Transfer-Encoding: chunked\r\n", "Content-Length: 3\r\n",
                "Content-Length: -1\r\n", "Content-Length: 99999999999\r\n", "\r\n", "\r", "\n", "0\r\n", "-5\r\n", "0x10\r\n",
                "HEAD / HTTP/1.1\r\n", "HTTP/1.1 204 No\r\n", "\0", "\u00ff", "; ext\r\n", "abc"};
        for (int round = 0; round < 20_000; round++) {
            int d = random.nextInt(4);
            if (random.nextInt(50) == 0) {
                f.reset(d);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int n = random.nextInt(8); n >= 0; n--) {
                out.writeBytes(random.nextInt(4) == 0 ? randomBytes(random) : pieces[random.nextInt(pieces.length)].getBytes(
                        StandardCharsets.ISO_8859_1));
            }
            byte[] a = out.toByteArray();
            int from = a.length == 0 ? 0 : random.nextInt(a.length);
            boolean fin = random.nextInt(10) == 0, cut = random.nextInt(10) == 0;
            for (int p = f.feed(d, a, from, a.length, fin, cut, (byte) random.nextInt(4)); p >= 0;
                 p = f.feed(d, a, p, a.length, fin, cut, HttpFramer.OTHER)) {
                assertTrue(p >= from && p <= a.length, "inside the segment");
                assertTrue(f.textLength(d) <= TEXT);
            }
            f.fin(d);
        }
    }

    /** A few pipelined messages with LF line ends (CRLF after chunk data): requests with and without bodies, responses by length and chunked. */
    private static byte[] messages(Random random) {
        StringBuilder s = new StringBuilder();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            switch (random.nextInt(4)) {
                case 0 -> s.append("GET /").append(random.nextInt(100)).append(" HTTP/1.1\nHost: h\n\n");
                case 1 -> s.append("POST /p HTTP/1.1\nContent-Length: 4\n\nbody");
                case 2 -> s.append("HTTP/1.1 200 OK\nContent-Length: ").append(n).append("\n\n").append("z".repeat(n));
                default -> s.append("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nabc\r\n") // data + 2 bytes, as tshark counts
                        .append(Integer.toHexString(10 + n)).append("\n").append("q".repeat(10 + n)).append("\r\n0\n\n");
            }
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The stream offsets where messages complete when the stream arrives cut at {@code cuts} (each a segment's end). */
    private static List<Long> ends(byte[] stream, int[] cuts) {
        HttpFramer f = new HttpFramer(2, TEXT);
        List<Long> out = new ArrayList<>();
        int start = 0;
        for (int cut : cuts) {
            if (cut == start) {
                continue;
            }
            byte[] segment = java.util.Arrays.copyOfRange(stream, start, cut);
            int skip = f.begin(0, start, segment.length, true);
            for (int p = f.feed(0, segment, skip, segment.length, false, false, HttpFramer.OTHER); p >= 0;
                 p = f.feed(0, segment, p, segment.length, false, false, HttpFramer.OTHER)) {
                out.add((long) start + p);
            }
            start = cut;
        }
        return out;
    }

    /** The indices of the segments on which messages complete. */
    private static List<Long> completions(HttpFramer f, int d, List<String> segments) {
        List<Long> out = new ArrayList<>();
        long seq = 0;
        for (int i = 0; i < segments.size(); i++) {
            byte[] a = segments.get(i).getBytes(StandardCharsets.ISO_8859_1);
            int skip = f.begin(d, seq, a.length, true);
            for (int p = f.feed(d, a, skip, a.length, false, false, HttpFramer.OTHER); p >= 0;
                 p = f.feed(d, a, p, a.length, false, false, HttpFramer.OTHER)) {
                out.add((long) i);
            }
            seq += a.length;
        }
        return out;
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(40)];
        random.nextBytes(b);
        return b;
    }
}
