package org.wiretop.decode.ssh;

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
 * SSH version lines and what else comes on port 22 (binary packets, short segments, a 64 KiB
 * line, a line with no end, the heuristic on another port) in a capture file that tcpdump,
 * tshark and we read: text equal to tcpdump's, {@code ssh.protocol} and Info equal to tshark's.
 */
class SshToolsTest {
    private record Case(String name, byte[] frame, boolean sameInfo) {
    }

    private static final List<Case> CASES = new ArrayList<>();
    private static Path capture;

    @TempDir
    static Path dir;

    private static void add(String name, boolean sameInfo, int src, int dst, String payload) {
        CASES.add(new Case(name, AppFrames.tcp(src, dst, payload), sameInfo));
    }

    @BeforeAll
    static void capture() throws Exception {
        int p = 40000;
        add("client", true, p++, 22, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n");
        add("server, LF only", true, 22, p++, "SSH-2.0-srv\n");
        add("blanks kept, packet after", false, 22, p++, "SSH-2.0-srv  \r\n\u0000\u0000\u0000\u000c\n\u0015" + "\u0000".repeat(10));
        add("1.99", true, p++, 22, "SSH-1.99-old\r\n");
        add("lower case (tshark takes it, tcpdump does not)", true, p++, 22, "ssh-2.0-lower\r\n");
        add("no line end", false, p++, 22, "SSH-2.0-nocrlf");
        add("a line before the version", false, 22, p++, "hello banner\r\nSSH-2.0-after\r\n");
        add("binary packet", false, 22, p++, "\u0000\u0000\u0001\u000c\n\u0014" + "\u0000".repeat(20));
        add("tab inside", false, p++, 22, "SSH-2.0-a\tb\r\n");
        add("CR inside", false, p++, 22, "SSH-2.0-a\rb\r\n");
        add("64 KiB line", true, p++, 22, "SSH-2.0-" + "x".repeat(65_000) + "\r\n");
        add("three bytes (tcpdump reads a fourth)", false, p++, 22, "SSH");
        add("heuristic on another port", false, p++, 2222, "SSH-2.0-OpenSSH_9.2p1\r\n");
        List<byte[]> frames = new ArrayList<>();
        CASES.forEach(c -> frames.add(c.frame()));
        capture = AppTools.write(dir.resolve("ssh.pcap"), frames);
    }

    @Test
    void textEqualsTcpdumps() throws Exception {
        AppTools.assumeTools();
        List<String> theirs = AppTools.tcpdump(capture);
        List<Ours> ours = AppTools.ours(capture, DecodeAs.NONE, 0);
        for (int i = 0; i < CASES.size(); i++) {
            String t = theirs.get(i);
            String o = ours.get(i).text();
            if (CASES.get(i).name().startsWith("heuristic")) {
                assertTrue(o.startsWith(t) && o.endsWith(": SSH: SSH-2.0-OpenSSH_9.2p1"), o);
            } else {
                AppTools.same(t, o, CASES.get(i).name());
            }
        }
    }

    @Test
    void fieldAndInfoEqualTsharks() throws Exception {
        AppTools.assumeTools();
        List<Map<String, String>> theirs = AppTools.tshark(capture, List.of("ssh.protocol", "_ws.col.Info"), false);
        List<Ours> ours = AppTools.ours(capture, DecodeAs.NONE, 0);
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            if (c.name().startsWith("heuristic")) {
                continue; // tshark has no SSH heuristic
            }
            String tshark = theirs.get(i).getOrDefault("ssh.protocol", "").replace("\\t", "\t").replace("\\r", "\r");
            AppTools.same(tshark, ours.get(i).json().getOrDefault("ssh.protocol", ""), c.name());
            if (c.sameInfo()) {
                AppTools.same(theirs.get(i).get("_ws.col.Info"), ours.get(i).info(), c.name());
            }
        }
    }
}
