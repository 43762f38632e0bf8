package org.wiretop.txn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.conv.TcpFrames.ACK;
import static org.wiretop.conv.TcpFrames.FIN;
import static org.wiretop.conv.TcpFrames.PSH;
import static org.wiretop.conv.TcpFrames.RST;
import static org.wiretop.conv.TcpFrames.SYN;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.conv.TcpFrames;
import org.wiretop.decode.PacketSummary;

/**
 * The corners of tshark 4.0's HTTP reassembly, each a made conversation on port 80 written to a
 * pcap and read back by tshark: {@code http.time} and {@code http.request_in} on every frame
 * equal tshark's (skipped without tshark). Headers and start lines split, chunk-size lines and
 * terminators split, the CR of the line after the last chunk ending a segment (tshark loses the
 * message), trailers, chunk sizes that lie or cannot be read, bodies to the close (bare FIN, FIN
 * on data, RST), a FIN before a Content-Length body is whole, pipelining (the latest request
 * pairs; a HEAD among them), LF-only lines, request bodies, segments cut by the capture.
 */
class HttpRulesTsharkTest {
    private static final String GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";

    @TempDir
    Path dir;

    @Test
    void reassemblyCornersTimeAsTsharks() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed: skipped");
        TcpFrames f = new TcpFrames();
        new Conversation(f).c("GET / HTTP/1.1\r\nHo").c("st: x\r\n\r\n").s("HTTP/1.1 200 OK\r\nContent-")
                .s("Length: 5\r\n\r").s("\nhel").s("lo");
        new Conversation(f).c("GET / HT").c("TP/1.1\r\n\r\n").s("HTTP/1.1 20").s("4 No Content\r\n\r\n");
        new Conversation(f).c(GET).s("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhe").s("llo\r\n1")
                .s("0\r\n0123456789abcdef\r\n0\r").s("\n\r").s("\n");
        new Conversation(f).c(GET).s("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n")
                .s("\r\n").c(GET).s("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        new Conversation(f).c(GET).s("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r").s("\n")
                .c(GET).s("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        new Conversation(f).c(GET).s("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffff\r\nabc").s("def");
        new Conversation(f).c(GET).s("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc").s("def");
        new Conversation(f).c(GET).s("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n").sFin("4\r\nde");
        new Conversation(f).c(GET).s("HTTP/1.0 200 OK\r\n\r\nabc").s("def").sFin("");
        new Conversation(f).c(GET).s("HTTP/1.0 200 OK\r\n\r\nabc").sFin("def");
        new Conversation(f).c(GET).s("HTTP/1.0 200 OK\r\n\r\nabc").sRst();
        new Conversation(f).c(GET).s("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").sFin("def");
        new Conversation(f).c(GET).sFin("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        new Conversation(f).c(GET + GET).s("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP/1.1 200 OK\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n").s("0\r\n\r\n");
        new Conversation(f).c(GET + "HEAD / HTTP/1.1\r\n\r\n").s("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n").s("abc")
                .s("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n");
        new Conversation(f).c("POST / HTTP/1.1\r\nContent-Length: 6\r\n\r\nab").c("cdef").s("HTTP/1.1 204 No Content\r\n\r\n");
        new Conversation(f).c("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n").c("0\r\n\r\n")
                .s("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        new Conversation(f).c("GET / HTTP/1.1\nHost: x\n\n").s("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n3\nabc\n0\n\n")
                .c(GET).s("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx");
        String body100 = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + "a".repeat(50);
        new Conversation(f).c(GET).sCut(body100, 20).s("b".repeat(50)).c(GET).s("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        new Conversation(f).c(GET).s(body100).sCut("b".repeat(50), 20).c(GET).s("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
        new Conversation(f).c(GET).sCut(body100, 10).s("b".repeat(50));
        Path pcap = dir.resolve("http-rules.pcap");
        f.write(pcap);
        List<String> ours = ours(f), theirs = tshark(pcap);
        assertEquals(theirs.size(), ours.size(), "packets");
        List<String> failures = new ArrayList<>();
        int timed = 0;
        for (int p = 0; p < ours.size(); p++) {
            if (!ours.get(p).equals(theirs.get(p))) {
                failures.add("#" + (p + 1) + " tshark " + theirs.get(p) + " ours " + ours.get(p));
            }
            timed += theirs.get(p).isBlank() ? 0 : 1;
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(19, timed, "responses tshark times");
    }

    /** One connection: each segment answered by an ACK, sequence numbers kept. */
    private static final class Conversation {
        private final TcpFrames f;
        private long client = 1, server = 1;

        Conversation(TcpFrames f) {
            this.f = f;
            f.clientPort(f.clientPort() + 1).client(SYN, 0, 0, new byte[0]).server(SYN | ACK, 0, 1, new byte[0])
                    .client(ACK, 1, 1, new byte[0]);
        }

        Conversation c(String data) {
            byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
            f.client(PSH | ACK, client, server, b);
            client += b.length;
            f.server(ACK, server, client, new byte[0]);
            return this;
        }

        Conversation s(String data) {
            return server(data, 0);
        }

        Conversation sFin(String data) {
            return server(data, FIN);
        }

        Conversation sRst() {
            f.server(RST | ACK, server, client, new byte[0]);
            return this;
        }

        /** A server segment the capture cut to its first {@code bytes} bytes of payload. */
        Conversation sCut(String data, int bytes) {
            return server(data, 0, bytes);
        }

        private Conversation server(String data, int fin) {
            return server(data, fin, Integer.MAX_VALUE);
        }

        private Conversation server(String data, int fin, int kept) {
            byte[] b = data.getBytes(StandardCharsets.ISO_8859_1);
            f.server(PSH | ACK | fin, server, client, b);
            if (kept < b.length) {
                f.cutLast(kept);
            }
            server += b.length + (fin != 0 ? 1 : 0);
            f.client(ACK, client, server, new byte[0]);
            return this;
        }
    }

    private static List<String> ours(TcpFrames frames) {
        List<String> rows = new ArrayList<>();
        LineBuilder json = new LineBuilder(4096);
        Transactions transactions = new Transactions(null);
        frames.analyse(new ConversationAnalyzer(), (s, frame) -> {
            transactions.analyze(s);
            json.setLength(0);
            String line = JsonFormatter.append(s, json).toString();
            rows.add(field(line, "http.time") + "\t" + field(line, "http.request_in"));
        });
        return rows;
    }

    private static String field(String json, String key) {
        int at = json.indexOf("\"" + key + "\":");
        if (at < 0) {
            return "";
        }
        int start = at + key.length() + 3, end = start;
        while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != '}') {
            end++;
        }
        return json.substring(start, end);
    }

    private static List<String> tshark(Path pcap) throws Exception {
        Process p = new ProcessBuilder("tshark", "-n", "-r", pcap.toString(), "-T", "fields", "-E", "occurrence=f",
                "-e", "http.time", "-e", "http.request_in").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            rows.add(line);
        }
        rows.remove(rows.size() - 1);
        return rows;
    }
}
