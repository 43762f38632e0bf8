package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wiretop capture}'s flow pieces as a real process on {@code lo} (as root; skipped
 * otherwise): {@code --flows} gives exact bytes each way, the RTT and the test JVM as the process;
 * live JSON names {@code wiretop.process} once the socket sampler has seen the socket.
 */
class CaptureFlowsCommandTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    @Test
    void flowsReportHasExactBytesEachWayTheProcessAndTheRtt() throws Exception {
        CaptureCommandTest.assumeRoot();
        Path pcap = dir.resolve("flows.pcap");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        int clientPort;
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            int port = server.getLocalPort();
            Process p = CliRunner.start(out, err, "capture", "-i", "lo", "--flows", "-q", "-w", pcap.toString(),
                    "tcp", "port", String.valueOf(port));
            try {
                CaptureCommandTest.awaitListening(p, err);
                clientPort = heldConnection(server, 1000, 3000, 1_500, 1);
                // the whole conversation, the last ACK after both FINs included, must be in before stopping
                assertTrue(CliRunner.await(10_000, () -> PcapTally.of(pcap, clientPort).complete()),
                        "capture saw too few packets");
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "capture did not stop on SIGTERM");
            } finally {
                p.destroyForcibly();
            }
            PcapTally tally = PcapTally.of(pcap, clientPort);
            assertEquals(1000, tally.payloadToServer);
            assertEquals(3000, tally.payloadToClient);
            String[] live = conversation(CliRunner.read(out), clientPort, port);
            assertTally(tally, live);
            assertTrue(live[4].matches(".*\\bCLOSED +\\d+\\.\\d{3} .*"), "state and RTT: " + live[4]);
            assertTrue(live[4].strip().endsWith(" " + ProcessHandle.current().pid() + "/java"),
                    "the test JVM owns the flow: " + live[4]);

            CliRunner.Result read = CliRunner.inProcess("read", pcap.toString(), "--flows", "-q");
            assertEquals(0, read.code(), read.err());
            String[] offline = conversation(read.out(), clientPort, port);
            assertTally(tally, offline);
            assertTrue(offline[4].strip().endsWith(" -"), "no process for a file: " + offline[4]);
        }
    }

    @Test
    void liveJsonNamesTheProcessOnceTheSamplerHasSeenTheSocket() throws Exception {
        CaptureCommandTest.assumeRoot();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        int port;
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            port = server.getLocalPort();
            Process p = CliRunner.start(out, err, "capture", "-i", "lo", "--format", "json",
                    "tcp", "port", String.valueOf(port));
            try {
                CaptureCommandTest.awaitListening(p, err);
                heldConnection(server, 10, 10, 2_000, 20);
                assertTrue(CliRunner.await(10_000, () -> CliRunner.read(out).lines().count() >= 40),
                        "capture printed too few packets: " + CliRunner.read(out));
                // Ctrl-C: SIGINT, as a terminal sends it
                new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "capture did not stop on SIGINT");
                assertEquals(0, p.exitValue(), "Ctrl-C ends a capture as tcpdump's does: exit 0");
                assertTrue(CliRunner.read(err).contains("packets captured"), CliRunner.read(err));
            } finally {
                p.destroyForcibly();
            }
        }
        List<String> lines = CliRunner.read(out).lines().toList();
        assertTrue(lines.stream().allMatch(JsonCheck::isObject), CliRunner.read(out));
        String mine = "\"wiretop.process\":{\"pid\":" + ProcessHandle.current().pid() + ",\"name\":\"java\"}";
        List<String> tagged = lines.stream().filter(l -> l.contains("wiretop.process")).toList();
        assertFalse(tagged.isEmpty(), "no packet names its process: " + CliRunner.read(out));
        assertTrue(tagged.stream().allMatch(l -> l.contains(mine)), String.join("\n", tagged));
        String toServer = "\"tcp.dstport\":" + port, fromServer = "\"tcp.srcport\":" + port;
        assertTrue(tagged.stream().anyMatch(l -> l.contains(toServer)) && tagged.stream().anyMatch(l -> l.contains(fromServer)),
                "both directions find the flow's process: " + String.join("\n", tagged));
        assertTrue(lines.get(lines.size() - 1).contains(mine), "the last packet (after > 1 s) is tagged: "
                + lines.get(lines.size() - 1));
        // lines held while the process was looked up keep their conversation analysis
        assertTrue(lines.stream().allMatch(l -> l.contains("\"tcp.stream\":0,\"tcp.seq\":")), CliRunner.read(out));
        assertTrue(lines.get(0).contains("\"tcp.seq\":0,\"tcp.ack\":0"), "the SYN, relative: " + lines.get(0));
        assertTrue(lines.stream().filter(l -> l.contains("tcp.analysis.ack_rtt")).count() >= 20,
                "ACK RTTs on the answers: " + CliRunner.read(out));
    }

    /**
     * One TCP connection to {@code server} held open for {@code holdMillis}: {@code rounds} times
     * the client sends {@code up} bytes and the server answers {@code down} bytes, spread over the
     * hold; then both close. Returns the client's port.
     */
    private static int heldConnection(ServerSocket server, int up, int down, long holdMillis, int rounds)
            throws Exception {
        long end = System.nanoTime() + holdMillis * 1_000_000L;
        try (Socket client = new Socket()) {
            client.connect(server.getLocalSocketAddress(), 5000);
            client.setSoTimeout(5000);
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5000);
                for (int i = 0; i < rounds; i++) {
                    client.getOutputStream().write(new byte[up]);
                    assertEquals(up, accepted.getInputStream().readNBytes(up).length);
                    accepted.getOutputStream().write(new byte[down]);
                    assertEquals(down, client.getInputStream().readNBytes(down).length);
                    long next = System.nanoTime() + (end - System.nanoTime()) / (rounds - i);
                    while (System.nanoTime() < next) {
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                }
                client.shutdownOutput();
                assertEquals(-1, accepted.getInputStream().read());
                accepted.shutdownOutput();
                assertEquals(-1, client.getInputStream().read());
                return client.getLocalPort();
            }
        }
    }

    /** The report's row for this conversation, split at '|': endpoints, <-, ->, total, the rest. */
    private static String[] conversation(String report, int clientPort, int serverPort) {
        String key = "127.0.0.1:" + clientPort + " <-> 127.0.0.1:" + serverPort + " ";
        List<String> rows = report.lines().filter(l -> l.startsWith(key)).toList();
        assertEquals(1, rows.size(), "one row for the conversation: " + report);
        String[] cells = rows.get(0).split("\\|");
        assertEquals(5, cells.length, rows.get(0));
        return cells;
    }

    private static void assertTally(PcapTally t, String[] row) {
        assertEquals(t.framesToClient + " " + t.bytesToClient + " bytes", row[1].strip(), "<- (server to client)");
        assertEquals(t.framesToServer + " " + t.bytesToServer + " bytes", row[2].strip(), "-> (client to server)");
    }

    /**
     * Frames, wire bytes and TCP payload each way of one IPv4 conversation on an Ethernet pcap,
     * read straight from the file's record headers (independent of wiretop's decoder).
     */
    private static final class PcapTally {
        long framesToServer, bytesToServer, payloadToServer, framesToClient, bytesToClient, payloadToClient;
        int fins;
        boolean ackAfterFins;

        boolean complete() {
            return fins >= 2 && ackAfterFins;
        }

        static PcapTally of(Path pcap, int clientPort) {
            PcapTally t = new PcapTally();
            byte[] f;
            try {
                f = Files.readAllBytes(pcap);
            } catch (java.io.IOException e) {
                return t;
            }
            ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = 24; at + 16 <= f.length; ) {
                int incl = b.getInt(at + 8), orig = b.getInt(at + 12);
                int p = at + 16;
                if (p + incl > f.length) {
                    break; // a record still being written
                }
                at = p + incl;
                ByteBuffer net = ByteBuffer.wrap(f, p, incl).order(ByteOrder.BIG_ENDIAN);
                if (incl < 54 || net.getShort(p + 12) != 0x0800) {
                    continue;
                }
                int ihl = (f[p + 14] & 0x0f) * 4, ipLen = net.getShort(p + 16) & 0xffff;
                int tcp = p + 14 + ihl;
                int src = net.getShort(tcp) & 0xffff, flags = f[tcp + 13] & 0xff, tcpLen = ((f[tcp + 12] & 0xf0) >> 2);
                int payload = ipLen - ihl - tcpLen;
                if (src == clientPort) {
                    t.framesToServer++;
                    t.bytesToServer += orig;
                    t.payloadToServer += payload;
                } else {
                    t.framesToClient++;
                    t.bytesToClient += orig;
                    t.payloadToClient += payload;
                }
                if ((flags & 0x01) != 0) {
                    t.fins++;
                    t.ackAfterFins = false;
                } else if (t.fins >= 2 && (flags & 0x10) != 0) {
                    t.ackAfterFins = true;
                }
            }
            return t;
        }
    }
}
