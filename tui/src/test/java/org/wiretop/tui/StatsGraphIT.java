package org.wiretop.tui;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Statistics view as a user sees it, in tmux against the built jar: open it on lo with no
 * traffic (an empty graph), start the built-in echo server, send it 256 KB and watch the I/O
 * graph rise (cells filled, TCP in the legend, a y axis in k), the protocol hierarchy and the
 * top talkers fill; then the Connections view's sparkline and detail pane for that connection.
 * ASCII graphs ({@code WIRETOP_ASCII=1}) so the pane reads back the same whatever tmux's locale.
 * Needs root and tmux; skips otherwise.
 */
class StatsGraphIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int PORT = 12345; // the echo server's

    @Test
    void theGraphRisesWithTrafficFromTheBuiltInEchoServer() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (scripts/setup installs it)");
        assumeTrue(LoopbackPrograms.isRoot(), "needs root (capture rights): run the tests as root");
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        assumeTrue(awaitPortFree(PORT), "port " + PORT + " (the echo server's) stays busy: another test uses it");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // 200 columns: the Connections table leaves room for its sparklines there (a narrow one keeps its columns)
        try (Tmux t = Tmux.start("wiretop-stats-it-" + ProcessHandle.current().pid(), 200, 50)) {
            t.awaitText(WAIT, "PROMPT$");
            t.type("WIRETOP_ASCII=1 " + java + " -jar " + jar.toAbsolutePath() + " -i lo port " + PORT);
            t.keys("Enter");
            t.await(WAIT, x -> x.contains("1 Packets") && x.contains("bpf: port " + PORT));

            t.keys("6");
            String before = t.await(WAIT, x -> x.contains("I/O graph: bytes/s, last 60 s"));
            assertTrue(before.contains("6 Statistics") && before.contains("I/O graph: bytes/s, last 60 s"), before);
            assertEquals(0, filledCells(before), "no traffic yet: an empty graph\n" + before);
            assertTrue(before.contains("(no packets yet)"), before);

            t.keys("4");
            t.awaitText(WAIT, "Listening on");
            t.keys("Space");
            t.await(WAIT, x -> x.matches("(?s).*echo +tcp +127\\.0\\.0\\.1:" + PORT + " +running.*"));
            t.keys("6");
            t.awaitText(WAIT, "I/O graph");
            int local = echo(256 * 1024);

            String after = t.await(WAIT, x -> filledCells(x) > 0 && x.contains("TCP ") && x.contains("tcp   ")
                    && x.contains("127.0.0.1 <-> 127.0.0.1"));
            assertTrue(filledCells(after) > 0, "the graph rose:\n" + after);
            assertTrue(after.matches("(?s).*# TCP \\d.*"), "TCP in the legend with its mean:\n" + after);
            assertTrue(after.matches("(?s).*\\n +\\d+(\\.\\d)?[kM]\\+.*"), "a y axis in k or M:\n" + after);
            assertTrue(after.contains("127.0.0.1 <-> 127.0.0.1"), "the conversation among the top talkers:\n" + after);

            // Packets per second, then the 10 min window: the same traffic, another axis.
            t.keys("b");
            String packets = t.awaitText(WAIT, "I/O graph: packets/s");
            assertTrue(packets.contains("pkt/s"), packets);
            t.keys("z");
            String tenMinutes = t.awaitText(WAIT, "last 10 min");
            assertTrue(tenMinutes.contains("-10m") && tenMinutes.contains("-5m"), tenMinutes);

            // Connections: the client's row has a sparkline; Enter opens its detail pane.
            t.keys("2");
            String conns = t.await(WAIT, x -> x.contains("last 60s") && x.contains("127.0.0.1:" + local));
            assertTrue(conns.contains("last 60s"), conns);
            t.keys("Enter");
            String detail = t.awaitText(WAIT, "throughput, bytes/s");
            assertTrue(detail.contains("<-> 127.0.0.1:") && detail.contains("kernel RTT"), detail);
            assertTrue(filledCells(detail) > 0, "the connection's throughput graph:\n" + detail);
            t.keys("Escape");
            t.awaitText(WAIT, "last 60s");

            t.keys("q");
            String end = t.await(WAIT, x -> !x.contains("1 Packets") && x.strip().endsWith("PROMPT$"));
            assertFalse(end.contains("1 Packets"), end);
        }
    }

    /** Sends {@code total} bytes to the echo server and reads them back; returns the client's port. */
    private static int echo(int total) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", PORT), 5000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] chunk = new byte[8192];
            byte[] back = new byte[65536];
            int read = 0;
            for (int sent = 0; sent < total; sent += chunk.length) {
                out.write(chunk);
                while (read < sent + chunk.length - 65536) { // keep the server's queue short
                    int n = in.read(back);
                    if (n < 0) {
                        throw new IOException("echo closed after " + read + " bytes");
                    }
                    read += n;
                }
            }
            while (read < total) {
                int n = in.read(back);
                if (n < 0) {
                    throw new IOException("echo closed after " + read + " bytes");
                }
                read += n;
            }
            return s.getLocalPort();
        }
    }

    /** Filled graph cells ('#') on lines drawn with the y axis ("|" or "+" after the labels' six columns). */
    static int filledCells(String screen) {
        int n = 0;
        for (String line : screen.split("\n")) {
            if (line.length() > 7 && (line.charAt(6) == '|' || line.charAt(6) == '+') && line.substring(0, 6).isBlank()
                    || line.length() > 7 && line.substring(0, 6).strip().matches("\\d+(\\.\\d)?[kMG]?") && line.charAt(6) == '+') {
                n += line.substring(7).chars().filter(c -> c == '#').count();
            }
        }
        return n;
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
