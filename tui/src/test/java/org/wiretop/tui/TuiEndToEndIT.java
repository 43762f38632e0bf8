package org.wiretop.tui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole UI as a user drives it, in tmux, against the built jar: start the echo server from
 * the Servers view, send a line with the quick client, find its packets (its lines decoded as
 * text, as the UI does for the servers it starts), its connection and the
 * server's listening socket (with wiretop's pid), filter, save to pcap and read it back, quit
 * and find the shell prompt on a clean screen. Needs root and tmux; skips otherwise.
 */
class TuiEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aUserSessionFromServersToSavedPcap(@TempDir Path dir) throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (scripts/setup installs it)");
        assumeTrue(LoopbackPrograms.isRoot(), "needs root (capture rights): run the tests as root");
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        assumeTrue(awaitPortFree(12345), "port 12345 (the echo server's) stays busy: another test uses it");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (Tmux t = Tmux.start("wiretop-it-" + ProcessHandle.current().pid(), 160, 40)) {
            t.awaitText(WAIT, "PROMPT$");
            // Capture only the echo server's port, so other traffic on lo cannot crowd the views.
            t.type(java + " -jar " + jar.toAbsolutePath() + " -i lo port 12345");
            t.keys("Enter");
            String s = t.await(WAIT, x -> x.contains("1 Packets") && x.contains(" lo | bpf: port 12345"));
            assertTrue(s.contains(" lo | bpf: port 12345"), s);

            // Servers: start echo (first row), send a line, see the reply.
            t.keys("4");
            t.awaitText(WAIT, "Listening on");
            t.keys("Space");
            s = t.await(WAIT, x -> x.contains("running"));
            assertTrue(s.matches("(?s).*echo +tcp +127\\.0\\.0\\.1:12345 +running.*"), s);
            t.keys("Enter");
            t.awaitText(WAIT, "line to send:");
            t.type("hello-from-the-it");
            t.keys("Enter");
            s = t.awaitText(WAIT, "Quick client reply: hello-from-the-it");
            assertTrue(s.contains("Quick client reply: hello-from-the-it"), s);
            assertTrue(s.contains("echo: #1 connected from 127.0.0.1:"), s);

            // Packets: the exchange, in tcpdump's words; the echo server's lines decoded as text.
            t.keys("1");
            s = t.await(WAIT, x -> x.contains("Flags [P.]") && x.contains("Flags [S.]"));
            assertTrue(s.contains("127.0.0.1:12345") && s.contains("Flags [S]") && s.contains("Flags [P.]"), s);
            assertTrue(s.matches("(?s).* TEXT +\\d+ +\"hello-from-the-it\" \\| Flags \\[P\\.\\], seq \\d+:\\d+,.*"), s);

            // Connections: the client's flow to the echo server.
            t.keys("2");
            s = t.await(WAIT, x -> x.matches("(?s).*tcp +127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:12345 .*"));
            assertTrue(s.matches("(?s).*tcp +127\\.0\\.0\\.1:\\d+ +127\\.0\\.0\\.1:12345 .*"), s);

            // Sockets: TCP listeners only; echo's socket marked and owned by wiretop's java.
            long javaPid = childPid(t.panePid());
            t.keys("3");
            t.keys("t");
            t.keys("s");
            s = t.await(WAIT, x -> x.contains(javaPid + "/java") && x.contains("state LISTEN"));
            assertTrue(s.matches("(?s).*\\*tcp6? .*:12345 .*LISTEN +" + javaPid + "/java.*"), s);

            // A display filter: SYNs only.
            t.keys("1", "/");
            t.awaitText(WAIT, "display filter:");
            t.type("tcp.flags.syn == 1");
            t.keys("Enter");
            s = t.await(WAIT, x -> x.contains("filter: tcp.flags.syn == 1 |") && !x.contains("Flags [P.]"));
            assertTrue(s.contains("Flags [S]") && s.contains("Flags [S.]") && !s.contains("Flags [P.]"), s);
            // A bad one: the error in place, the old filter kept.
            t.keys("/");
            t.type(" &&");
            t.keys("Enter");
            s = t.awaitText(WAIT, "<- ");
            assertTrue(s.contains("filter: tcp.flags.syn == 1 |"), s);
            t.keys("Escape");
            s = t.awaitText(WAIT, " / filter  c capture filter");
            assertTrue(s.contains(" / filter  c capture filter"), "Esc closes the input line:\n" + s);

            // Save the ring and read it back.
            Path pcap = dir.resolve("ring.pcap");
            t.keys("w");
            t.awaitText(WAIT, "save ring to pcap file: wiretop.pcap");
            for (int i = 0; i < "wiretop.pcap".length(); i++) {
                t.keys("BSpace");
            }
            t.type(pcap.toString());
            t.keys("Enter");
            s = t.awaitText(WAIT, "packets to " + pcap);
            assertTrue(s.matches("(?s).*saved \\d+ packets to .*"), s);
            assertTrue(countEchoPackets(pcap) >= 6, "the saved file holds the echo exchange");

            // q: the terminal is left clean, back at the prompt.
            t.keys("q");
            s = t.await(WAIT, x -> !x.contains("1 Packets") && x.strip().endsWith("PROMPT$"));
            assertFalse(s.contains("1 Packets"), s);
            assertTrue(s.strip().endsWith("PROMPT$"), "the shell prompt is back:\n" + s);
            assertTrue(ProcessHandle.of(javaPid).map(p -> awaitExit(p)).orElse(true), "wiretop exited");
        }
    }

    private static int countEchoPackets(Path pcap) throws Exception {
        AtomicInteger n = new AtomicInteger();
        try (PacketSource src = Sources.openFile(pcap.toString())) {
            Decoder d = new Decoder();
            PacketSummary s = new PacketSummary();
            int link = src.linkType();
            src.run((ts, wire, data, cap) -> {
                d.decode(link, data, cap, wire, s);
                if (s.has(PacketSummary.TCP) && (s.srcPort == 12345 || s.dstPort == 12345)) {
                    n.incrementAndGet();
                }
            }, 0);
        }
        return n.get();
    }

    private static long childPid(long shellPid) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> child = ProcessHandle.of(shellPid).flatMap(p -> p.children().findFirst());
            if (child.isPresent()) {
                return child.get().pid();
            }
            LockSupport.parkNanos(50_000_000L);
        }
        throw new AssertionError("no wiretop process under the shell " + shellPid);
    }

    private static boolean awaitExit(ProcessHandle p) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (p.isAlive() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000L);
        }
        return !p.isAlive();
    }

    private static boolean awaitPortFree(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return true;
            } catch (IOException busy) {
                LockSupport.parkNanos(200_000_000L);
            }
        }
        return false;
    }
}
