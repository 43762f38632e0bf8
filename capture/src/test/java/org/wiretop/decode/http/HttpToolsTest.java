package org.wiretop.decode.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.format.AppTools;
import org.wiretop.capture.format.AppTools.Ours;
import org.wiretop.decode.AppFrames;
import org.wiretop.decode.DecodeAs;

/**
 * HTTP payloads, ordinary and hostile, in a capture file that tcpdump, tshark and we read:
 * our text equals tcpdump's line for line (with {@code -v} too), our fields equal tshark's where
 * tshark has the whole message in the segment (and are the start line's where tshark waits
 * for more segments), our Info equals tshark's. A 64 KiB request line and a line with no end
 * are among them.
 */
class HttpToolsTest {
    /** What tshark shows for a case: the same fields and Info, the same fields, or nothing (it waits to reassemble). */
    private enum Tshark { SAME, FIELDS, WAITS }

    private record Case(String name, byte[] frame, Tshark tshark) {
    }

    static final List<String> FIELDS = List.of("http.request.method", "http.request.uri", "http.request.version",
            "http.response.version", "http.response.code", "http.response.phrase", "http.host", "http.user_agent",
            "http.content_type", "http.content_length_header");
    static final String LONG_URI = "/" + "a".repeat(65_400);
    private static final List<Case> CASES = new ArrayList<>();
    private static Path capture;

    @TempDir
    static Path dir;

    private static void add(String name, Tshark tshark, int src, int dst, String payload) {
        CASES.add(new Case(name, AppFrames.tcp(src, dst, payload), tshark));
    }

    @BeforeAll
    static void capture() throws Exception {
        int p = 40000;
        add("request", Tshark.SAME, p++, 80, "GET /a HTTP/1.1\r\nHost: x.example\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n");
        add("names in any case, blanks kept at the end", Tshark.SAME, p++, 80,
                "GET /b HTTP/1.1\r\nhost:   lower.example  \r\nUSER-AGENT: ua2\r\n\r\n");
        add("first of two", Tshark.SAME, p++, 80, "GET /c HTTP/1.1\r\nHost: first\r\nHost: second\r\n\r\n");
        add("folded line ends the headers", Tshark.FIELDS, p++, 80, "GET /d HTTP/1.1\r\nHost: a\r\n b-fold\r\nUser-Agent: u\r\n\r\n");
        add("two spaces: empty URI", Tshark.SAME, p++, 80, "GET  /e  HTTP/1.1\r\nHost: e\r\n\r\n");
        add("HTTP/0.9", Tshark.SAME, p++, 80, "GET /f\r\n\r\n");
        add("lower-case method", Tshark.SAME, p++, 80, "get /g HTTP/1.1\r\nHost: g\r\n\r\n");
        add("unknown method", Tshark.SAME, p++, 8080, "FOO /h HTTP/1.1\r\nHost: h\r\n\r\n");
        add("PATCH (tcpdump does not know it)", Tshark.SAME, p++, 80, "PATCH /i HTTP/1.1\r\nHost: i\r\n\r\n");
        add("LF only", Tshark.SAME, p++, 80, "GET /j HTTP/1.1\nHost: lf-only\n\n");
        add("spaces after the version", Tshark.SAME, p++, 80, "GET /l HTTP/1.1   \r\nHost: l\r\n\r\n");
        add("body and media type", Tshark.SAME, p++, 80,
                "POST /m HTTP/1.1\r\nContent-Type: Text/HTML; charset=x\r\nContent-Length: 5\r\n\r\nhello");
        add("Content-Length not a number", Tshark.SAME, p++, 80, "GET /n HTTP/1.1\r\nContent-Length: abc\r\n\r\n");
        add("leading CRLF", Tshark.SAME, p++, 80, "\r\nGET /q HTTP/1.1\r\nHost: q\r\n\r\n");
        add("pipelined: the second request's User-Agent", Tshark.SAME, p++, 80,
                "GET /r HTTP/1.1\r\nX: 1\r\nHost: r\r\n\r\nGET /r2 HTTP/1.1\r\nHost: r2\r\nUser-Agent: second\r\n\r\n");
        add("bad header name after the request line", Tshark.SAME, p++, 80, "GET /s HTTP/1.1\r\nBad Header: 1\r\nHost: s\r\n\r\n");
        add("M-SEARCH", Tshark.SAME, p++, 80, "M-SEARCH * HTTP/1.1\r\nHost: t\r\n\r\n");
        add("empty values", Tshark.SAME, p++, 80, "GET /u HTTP/1.1\r\nHost:\r\nUser-Agent: \r\n\r\n");
        add("a 64 KiB request line", Tshark.SAME, p++, 80, "GET " + LONG_URI + " HTTP/1.1\r\nHost: long\r\n\r\n");
        add("no line end at all (64 KiB)", Tshark.FIELDS, p++, 80, "GET " + LONG_URI + "bb");
        add("headers without their blank line", Tshark.WAITS, p++, 80, "GET /o HTTP/1.1\r\nHost: o\r\n");
        add("CR alone", Tshark.FIELDS, p++, 80, "GET /k HTTP/1.1\rHost: cr-only\r\r");
        add("binary", Tshark.SAME, p++, 80, "\u0000\u0001\u0002\u00ff\r\n");
        add("token over tcpdump's 127 bytes", Tshark.SAME, p++, 80, "X".repeat(128) + " 200 OK\r\n\r\n");
        add("three-digit second token", Tshark.SAME, p++, 80, "FOO 200 bar\r\n\r\n");
        int s = 80;
        add("response", Tshark.SAME, s, p++, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n\r\nhi");
        add("404, empty body", Tshark.SAME, s, p++, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        add("no phrase", Tshark.SAME, s, p++, "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n");
        add("four-digit code", Tshark.SAME, s, p++, "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n");
        add("code not a number", Tshark.SAME, s, p++, "HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n");
        add("ICY", Tshark.SAME, s, p++, "ICY 200 OK\r\nContent-Length: 0\r\n\r\n");
        add("JSON", Tshark.SAME, s, p++, "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        add("image", Tshark.SAME, s, p++, "HTTP/1.0 200 OK\r\nContent-Type: image/png\r\nContent-Length: 2\r\n\r\nab");
        add("octet stream", Tshark.SAME, s, p++,
                "HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 2\r\n\r\nab");
        add("304 has no body", Tshark.SAME, s, p++, "HTTP/1.0 304 Not Modified\r\nContent-Type: text/html\r\n\r\n");
        add("spaces around the code", Tshark.SAME, s, p++, "HTTP/1.0  200  OK  \r\nContent-Length: 0\r\n\r\n");
        add("XML", Tshark.SAME, s, p++, "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 4\r\n\r\n<a/>");
        add("empty text/html", Tshark.SAME, s, p++, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 0\r\n\r\n");
        add("parameters after the type", Tshark.SAME, s, p++,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html;charset=utf-8\r\nContent-Length: 1\r\n\r\nx");
        add("chunked", Tshark.SAME, s, p++,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n1\r\nx\r\n0\r\n\r\n");
        add("blank after the length", Tshark.SAME, s, p++, "HTTP/1.1 200 OK\r\nContent-Length:  7 \r\n\r\n1234567");
        add("101", Tshark.SAME, s, p++, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n");
        add("body runs past the segment", Tshark.WAITS, s, p++,
                "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100\r\n\r\nab");
        add("no length: body to the end of the connection", Tshark.WAITS, s, p++,
                "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbody");
        add("continuation", Tshark.SAME, s, p++, "<html><body>more of a page</body></html>\r\n");
        add("heuristic on another port", Tshark.SAME, p++, 12345, "GET /heur HTTP/1.1\r\nHost: h\r\n\r\n");
        CASES.add(new Case("SSDP", AppFrames.udp(p++, 1900,
                "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n"),
                Tshark.SAME));
        List<byte[]> frames = new ArrayList<>();
        CASES.forEach(c -> frames.add(c.frame()));
        capture = AppTools.write(dir.resolve("http.pcap"), frames);
    }

    @Test
    void textEqualsTcpdumps() throws Exception {
        AppTools.assumeTools();
        List<String> theirs = AppTools.tcpdump(capture);
        List<Ours> ours = AppTools.ours(capture, DecodeAs.NONE, 0);
        assertEquals(CASES.size(), theirs.size());
        for (int i = 0; i < CASES.size(); i++) {
            String t = theirs.get(i);
            Ours o = ours.get(i);
            if (t.contains(": HTTP") || o.protocol() == null) {
                AppTools.same(t, o.text(), CASES.get(i).name());
            } else { // a port or transport where tcpdump prints no HTTP: its line, then ours
                assertTrue(o.text().startsWith(t) && o.text().length() > t.length(), CASES.get(i).name() + "\n" + o.text());
            }
        }
        assertTrue(ours.get(18).text().length() > 65_400, "the 64 KiB line is printed whole");
        assertTrue(ours.get(19).text().endsWith("bb [|http]"), "a line without its end: " + tail(ours.get(19).text()));
    }

    @Test
    void verboseTextEqualsTcpdumps() throws Exception {
        AppTools.assumeTools();
        List<String> theirs = AppTools.tcpdump(capture, "-v");
        List<Ours> ours = AppTools.ours(capture, DecodeAs.NONE, 1);
        int compared = 0;
        for (int i = 0; i < CASES.size(); i++) {
            int at = theirs.get(i).indexOf(": HTTP");
            if (at < 0) {
                continue; // a port where tcpdump prints no HTTP
            }
            String mine = ours.get(i).text();
            AppTools.same(theirs.get(i).substring(at), mine.substring(mine.indexOf(": HTTP")), CASES.get(i).name());
            compared++;
        }
        assertTrue(compared > 40, "compared " + compared);
    }

    @Test
    void fieldsAndInfoEqualTsharks() throws Exception {
        AppTools.assumeTools();
        List<String> columns = new ArrayList<>(FIELDS);
        columns.add("_ws.col.Info");
        List<Map<String, String>> theirs = AppTools.tshark(capture, columns, false);
        List<Ours> ours = AppTools.ours(capture, DecodeAs.NONE, 0);
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            Map<String, String> t = theirs.get(i);
            Map<String, String> o = ours.get(i).json();
            for (String f : FIELDS) {
                String mine = o.getOrDefault(f, "");
                String tshark = t.getOrDefault(f, "").replace("\\t", "\t");
                if (c.tshark() == Tshark.WAITS) {
                    assertEquals("", tshark, c.name() + ": tshark waits for the rest of the message");
                } else {
                    AppTools.same(tshark, mine, c.name() + ": " + f);
                }
            }
            if (c.tshark() == Tshark.WAITS) {
                assertFalse(o.getOrDefault("http.request.method", o.getOrDefault("http.response.code", "")).isEmpty(),
                        c.name() + ": we show the start line of what the segment has");
            }
            String info = t.getOrDefault("_ws.col.Info", "").strip();
            if (c.tshark() == Tshark.SAME && ours.get(i).info() != null && !info.contains(" → ")) {
                AppTools.same(info, ours.get(i).info().strip(), c.name() + ": Info");
            }
        }
        AppTools.same(LONG_URI, ours.get(18).json().get("http.request.uri"), "the 64 KiB URI");
        assertEquals("ok", ours.get(19).json().get("wiretop.status"), "a line the segment ends in is no error");
    }

    private static String tail(String s) {
        return s.substring(Math.max(0, s.length() - 40));
    }
}
