package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.conv.TcpFrames;
import org.wiretop.tui.model.TxnRow;

/**
 * The UI's transactions come from the ring's analysis as {@code read}'s do: an HTTP/1.1 connection
 * with a body over three segments, a HEAD whose response has a Content-Length but no body, and a
 * 404, written to a pcap and read into a ring. The rows' latencies equal tshark's {@code http.time}
 * for the same file, to the nanosecond (skipped without tshark).
 */
class RingTransactionsTest {
    @TempDir
    Path dir;

    @Test
    void ringTransactionsEqualTsharksHttpTime() throws Exception {
        Assumptions.assumeTrue(new File("/usr/bin/tshark").canExecute(), "tshark is not installed: skipping");
        Path pcap = dir.resolve("keepalive.pcap");
        conversation().write(pcap);
        PacketRing ring;
        try (PacketSource source = Sources.openFile(pcap.toString())) {
            PacketRing r = new PacketRing(source.linkType(), 100, 1 << 20);
            source.run((nanos, wire, data, len) -> r.add(nanos, wire, data, len), 0);
            ring = r;
        }
        RingAnalysis analysis = new RingAnalysis(ring, DecodeChoices.none());
        assertTrue(analysis.advance());
        List<TxnRow> rows = analysis.transactions().arranged(UiState.TxnSort.TIME, false);
        List<String> ours = new ArrayList<>();
        for (TxnRow r : rows) {
            ours.add(r.request() + " " + r.status() + " " + seconds(r.latencyNanos()));
        }
        List<String> theirs = new ArrayList<>();
        String out = run("tshark", "-r", pcap.toString(), "-T", "fields", "-E", "occurrence=f", "-e", "http.time",
                "-e", "http.response.code");
        List<String> requests = List.of("GET /a", "HEAD /a", "GET /missing");
        for (String line : out.split("\n")) {
            String[] cells = line.split("\t", -1);
            if (cells.length == 2 && !cells[0].isEmpty()) {
                theirs.add(requests.get(theirs.size()) + " " + cells[1] + " " + cells[0]);
            }
        }
        assertEquals(theirs, ours);
        assertEquals(3, ours.size(), "three transactions");
    }

    /** A keep-alive connection to 10.0.0.2:80: a body in three segments, a HEAD, a 404. */
    private static TcpFrames conversation() {
        byte[] none = new byte[0];
        byte[] get = bytes("GET /a HTTP/1.1\r\nHost: 10.0.0.2\r\n\r\n");
        byte[] head = bytes("HEAD /a HTTP/1.1\r\nHost: 10.0.0.2\r\n\r\n");
        byte[] missing = bytes("GET /missing HTTP/1.1\r\nHost: 10.0.0.2\r\n\r\n");
        byte[] ok = bytes("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nhello");
        byte[] more = bytes("0123456789"), last = bytes("world");
        byte[] headOk = bytes("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\n");
        byte[] notFound = bytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        int a = TcpFrames.ACK, p = TcpFrames.PSH | TcpFrames.ACK;
        TcpFrames f = new TcpFrames().client(TcpFrames.SYN, 0, 0, none).server(TcpFrames.SYN | a, 0, 1, none).client(a, 1, 1, none);
        long c = 1, s = 1;
        f.client(p, c, s, get);
        c += get.length;
        for (byte[] part : List.of(ok, more, last)) {
            f.server(p, s, c, part);
            s += part.length;
        }
        f.client(a, c, s, none);
        f.client(p, c, s, head);
        c += head.length;
        f.server(p, s, c, headOk);
        s += headOk.length;
        f.client(p, c, s, missing);
        c += missing.length;
        f.server(p, s, c, notFound);
        s += notFound.length;
        f.client(a | TcpFrames.FIN, c, s, none).server(a | TcpFrames.FIN, s, c + 1, none).client(a, c + 1, s + 1, none);
        return f;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String seconds(long nanos) {
        return nanos / 1_000_000_000L + "." + String.format("%09d", nanos % 1_000_000_000L);
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        return out;
    }
}
