package org.wiretop.decode.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * RESP payloads, ordinary and hostile (deep nesting, huge counts, lengths that lie or overflow,
 * tcpdump's own test cases), in a capture file that tcpdump, tshark and we read: our text equals
 * tcpdump's line for line; our fields equal tshark's, every occurrence, where tshark's dissector
 * reads the segment alone; our Info equals tshark's for ordinary traffic.
 */
class RespToolsTest {
    /** What tshark shows: the same fields and Info, the same fields, or other fields for a reason of its own. */
    private enum Tshark { SAME, FIELDS, OTHER }

    private record Case(String name, byte[] frame, Tshark tshark) {
    }

    static final List<String> FIELDS = List.of("resp.array.length", "resp.bulk_string.length",
            "resp.bulk_string.value", "resp.string", "resp.error", "resp.integer");
    private static final List<Case> CASES = new ArrayList<>();
    private static Path capture;

    @TempDir
    static Path dir;

    private static void request(String name, Tshark tshark, String payload) {
        CASES.add(new Case(name, AppFrames.tcp(40000 + CASES.size(), 6379, payload), tshark));
    }

    private static void reply(String name, Tshark tshark, String payload) {
        CASES.add(new Case(name, AppFrames.tcp(6379, 40000 + CASES.size(), payload), tshark));
    }

    @BeforeAll
    static void capture() throws Exception {
        request("SET k v", Tshark.SAME, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
        reply("OK", Tshark.SAME, "+OK\r\n");
        reply("integer", Tshark.SAME, ":1000\r\n");
        reply("negative integer", Tshark.SAME, ":-7\r\n");
        reply("error", Tshark.SAME, "-ERR unknown command 'FOO'\r\n");
        reply("null bulk string", Tshark.FIELDS, "$-1\r\n");
        reply("null array", Tshark.FIELDS, "*-1\r\n");
        reply("empty array", Tshark.FIELDS, "*0\r\n");
        reply("empty bulk string", Tshark.SAME, "$0\r\n\r\n");
        reply("nested arrays", Tshark.SAME, "*2\r\n*2\r\n:1\r\n:2\r\n$3\r\nabc\r\n");
        request("pipelined", Tshark.SAME, "*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n");
        reply("bytes that print as ^@", Tshark.FIELDS, "$5\r\nhel\u0000o\r\n");
        reply("high bytes (M-)", Tshark.FIELDS, "$2\r\n\u00e9\u00ff\r\n");
        request("inline command", Tshark.FIELDS, "PING\r\n");
        request("inline commands", Tshark.FIELDS, "set test 1\r\nget test\r\n\r\n");
        reply("array cut short", Tshark.SAME, "*3\r\n$1\r\na\r\n");
        reply("two replies", Tshark.SAME, "+OK\r\n+QUEUED\r\n");
        reply("value longer than its length", Tshark.FIELDS, "$3\r\nabcdef\r\n");
        reply("array of a status and an error", Tshark.FIELDS, "*2\r\n+a\r\n-b\r\n");
        reply("bulk length too large", Tshark.OTHER, "$99999999999\r\n");
        reply("array count over 2^31", Tshark.OTHER, "*2147483648\r\n");
        reply("negative length", Tshark.OTHER, "$-20\r\nhi\r\n");
        reply("length not a number", Tshark.OTHER, "$x\r\n");
        reply("huge count, one element", Tshark.OTHER, "*2147483647\r\n:1\r\n");
        reply("deep nesting (16,000 levels)", Tshark.OTHER, "*1\r\n".repeat(16_000) + ":1\r\n");
        reply("64 KiB of one-element arrays in a row", Tshark.OTHER, "*1\r\n:1\r\n".repeat(8_000));
        reply("CR LF only", Tshark.OTHER, "\r\n\r\n");
        reply("no CRLF", Tshark.OTHER, "+OK");
        List<byte[]> frames = new ArrayList<>();
        CASES.forEach(c -> frames.add(c.frame()));
        capture = AppTools.write(dir.resolve("resp.pcap"), frames);
    }

    @Test
    void textEqualsTcpdumps() throws Exception {
        AppTools.assumeTools();
        List<String> theirs = AppTools.tcpdump(capture);
        List<Ours> ours = AppTools.ours(capture, DecodeAs.NONE, 0);
        assertEquals(CASES.size(), theirs.size());
        for (int i = 0; i < CASES.size(); i++) {
            AppTools.same(theirs.get(i), ours.get(i).text(), CASES.get(i).name());
        }
    }

    @Test
    void fieldsAndInfoEqualTsharks() throws Exception {
        AppTools.assumeTools();
        List<String> columns = new ArrayList<>(FIELDS);
        columns.add("_ws.col.Info");
        List<Map<String, String>> theirs = AppTools.tshark(capture, columns, true);
        List<Ours> ours = AppTools.ours(capture, DecodeAs.NONE, 0);
        int same = 0;
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            if (c.tshark() == Tshark.OTHER) {
                continue;
            }
            for (String f : FIELDS) {
                assertEquals(theirs.get(i).getOrDefault(f, ""), ours.get(i).json().getOrDefault(f, ""), c.name() + ": " + f);
            }
            if (c.tshark() == Tshark.SAME) {
                assertEquals(theirs.get(i).getOrDefault("_ws.col.Info", "").strip(), ours.get(i).info().strip(), c.name());
                same++;
            }
        }
        assertTrue(same >= 8, "Info compared on " + same);
    }

    @Test
    void hostileInputGivesAStatusWithinItsBytes() throws Exception {
        List<Ours> ours = AppTools.ours(capture, DecodeAs.NONE, 0);
        Map<String, String> deep = ours.get(indexOf("deep nesting (16,000 levels)")).json();
        assertEquals("ok", deep.get("wiretop.status"));
        assertEquals(Resp.KEPT, deep.get("resp.array.length").split(",").length, "occurrences kept");
        assertEquals("1", deep.get("resp.integer"));
        Map<String, String> huge = ours.get(indexOf("huge count, one element")).json();
        assertEquals("2147483647", huge.get("resp.array.length"));
        assertEquals("ok", huge.get("wiretop.status"), "the rest of the array may come in the next segments");
        assertEquals("invalid", ours.get(indexOf("length not a number")).json().get("wiretop.status"));
        assertEquals("invalid", ours.get(indexOf("bulk length too large")).json().get("wiretop.status"));
    }

    private static int indexOf(String name) {
        for (int i = 0; i < CASES.size(); i++) {
            if (CASES.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }
}
