package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.ThreadNice;

/**
 * {@code wiretop capture} as a real process on {@code lo} (as root; skipped otherwise): every
 * packet of known loopback traffic printed; a {@code -w} file complete after SIGTERM with
 * tcpdump's statistics lines, read back by tcpdump with the same count and the same lines; a
 * quiet capture stops promptly; bad interface and filter are usage errors on one line. Also the
 * privilege pieces (no CAP_NET_RAW: one line with the fix; {@code -Z nobody}: the file is
 * nobody's). The flow pieces are in {@link CaptureFlowsCommandTest}.
 */
class CaptureCommandTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path dir;

    @Test
    void everyUdpPacketIsPrintedThenCountStops() throws Exception {
        assumeRoot();
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int port = sink.getLocalPort();
            int n = 20;
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process p = CliRunner.start(out, err, "capture", "-i", "lo", "-c", String.valueOf(n), "udp", "port", String.valueOf(port));
            try {
                awaitListening(p, err);
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < n; i++) {
                    sender.send(new DatagramPacket(hello, hello.length, LOOPBACK, port));
                }
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "capture -c did not end: " + CliRunner.read(err));
                assertEquals(0, p.exitValue(), CliRunner.read(err));
            } finally {
                p.destroyForcibly();
            }
            List<String> lines = CliRunner.read(out).lines().toList();
            assertEquals(n, lines.size(), CliRunner.read(out));
            String expected = " IP 127.0.0.1." + sender.getLocalPort() + " > 127.0.0.1." + port + ": UDP, length 5";
            for (String line : lines) {
                assertTrue(line.endsWith(expected), line);
            }
            assertTrue(CliRunner.read(err).contains(n + " packets captured"), CliRunner.read(err));
        }
    }

    @Test
    void sigtermLeavesACompleteFileThatTcpdumpReadsTheSame() throws Exception {
        assumeRoot();
        Assumptions.assumeTrue(CliRunner.tcpdumpInstalled(), "tcpdump is not installed: skipping");
        Path pcap = dir.resolve("tcp.pcap");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        try (ServerSocket server = new ServerSocket(0, 5, LOOPBACK)) {
            int port = server.getLocalPort();
            Process p = CliRunner.start(out, err, "capture", "-i", "lo", "-w", pcap.toString(), "tcp", "port", String.valueOf(port));
            try {
                awaitListening(p, err);
                exchange(server, 5);
                // all the conversation's packets (FIN/ACKs included) must be seen before stopping
                assertTrue(CliRunner.await(10_000, () -> countPackets(pcap) >= 10), "capture saw too few packets");
                p.destroy(); // SIGTERM
                assertTrue(p.waitFor(10, TimeUnit.SECONDS), "capture did not stop on SIGTERM");
                assertEquals(0, p.exitValue(), "SIGTERM ends a capture as tcpdump's does: exit 0");
            } finally {
                p.destroyForcibly();
            }
            String errText = CliRunner.read(err);
            Matcher m = Pattern.compile("(\\d+) packets captured\\n(\\d+) packets received by filter\\n(\\d+) packets dropped by kernel")
                    .matcher(errText);
            assertTrue(m.find(), "tcpdump's statistics lines missing: " + errText);
            long captured = Long.parseLong(m.group(1));
            assertTrue(CliRunner.read(out).isEmpty(), "nothing printed per packet with -w");
            // relative sequence numbers (tcpdump's default) on a real loopback connection, then -S
            for (String seq : List.of("", "-S")) {
                List<String> command = new java.util.ArrayList<>(List.of("tcpdump", "-nn", "-r", pcap.toString()));
                List<String> args = new java.util.ArrayList<>(List.of("read", pcap.toString()));
                if (!seq.isEmpty()) {
                    command.add(seq);
                    args.add(seq);
                }
                List<String> theirs = CliRunner.run(command).lines().toList();
                assertEquals(captured, theirs.size(), "tcpdump read a different count: " + theirs);
                CliRunner.Result ours = CliRunner.inProcess(args.toArray(String[]::new));
                assertEquals(0, ours.code(), ours.err());
                List<String> mine = ours.lines();
                assertEquals(theirs.size(), mine.size());
                for (int i = 0; i < mine.size(); i++) {
                    assertEquals(afterTime(theirs.get(i)), afterTime(mine.get(i)), seq + " packet " + (i + 1));
                }
                assertTrue(mine.stream().anyMatch(l -> l.contains("Flags [S.]") && l.contains("options [mss")), String.join("\n", mine));
                if (seq.isEmpty()) {
                    assertTrue(mine.stream().anyMatch(l -> l.contains("Flags [P.], seq 1:")), String.join("\n", mine));
                }
            }
            CliRunner.Result json = CliRunner.inProcess("read", pcap.toString(), "--format", "json");
            assertTrue(json.lines().stream().allMatch(JsonCheck::isObject), json.out());
        }
    }

    @Test
    void stoppingWithNoTrafficReturnsPromptlyAndTheCaptureRanAtRaisedPriority() throws Exception {
        assumeRoot();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        // A child starts at its parent thread's nice value, and an in-process live capture of an
        // earlier test may have raised this one's.
        ThreadNice.set(0);
        try (DatagramSocket unused = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            Process p = CliRunner.start(out, err, "capture", "-i", "lo", "udp", "port", String.valueOf(unused.getLocalPort()));
            try {
                awaitListening(p, err);
                // The JVM's main thread (the capture's) is named "java" like the launcher's, which waits at 0.
                assertTrue(niceOfThreads(p.pid(), "java").contains(ThreadNice.CAPTURE),
                        "as root the capture thread runs at a raised priority: " + niceOfThreads(p.pid(), "java"));
                assertEquals(List.of(0), niceOfThreads(p.pid(), "VM Thread"), "the JVM's own threads keep theirs");
                long start = System.nanoTime();
                p.destroy();
                assertTrue(p.waitFor(5, TimeUnit.SECONDS), "capture with no traffic did not stop within 5 s");
                System.out.println("CaptureCommandTest: stopped in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            } finally {
                p.destroyForcibly();
            }
            assertTrue(CliRunner.read(err).contains("0 packets captured"), CliRunner.read(err));
        }
    }

    /**
     * A script's background job ({@code wiretop capture ... &}) starts with SIGINT ignored;
     * {@code kill -INT} still stops it as it stops tcpdump: exit 0 and the statistics.
     */
    @Test
    void aBackgroundJobThatInheritedSigintIgnoredStillStopsOnIt() throws Exception {
        assumeRoot();
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        StringBuilder cmd = new StringBuilder("trap '' INT; exec");
        for (String word : CliRunner.command("capture", "-i", "lo", "-q", "udp", "port", "9")) {
            cmd.append(" '").append(word).append('\'');
        }
        Process p = new ProcessBuilder("bash", "-c", cmd.toString()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            awaitListening(p, err);
            new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor(5, TimeUnit.SECONDS);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "capture did not stop on SIGINT: " + CliRunner.read(err));
            assertEquals(0, p.exitValue(), CliRunner.read(err));
            assertTrue(CliRunner.read(err).contains("packets captured"), CliRunner.read(err));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void unknownInterfaceAndBadFilterAreUsageErrors() {
        assumeRoot(); // without rights the CAP_NET_RAW check answers first (see withoutRights...)
        CliRunner.Result noIf = CliRunner.inProcess("capture", "-i", "no-such-if0", "-c", "1");
        assertEquals(2, noIf.code(), noIf.err());
        ReadCommandTest.assertOneErrorLine(noIf, "no-such-if0");
        CliRunner.Result badFilter = CliRunner.inProcess("capture", "-i", "lo", "-c", "1", "tcp", "port");
        assertEquals(2, badFilter.code(), badFilter.err());
        ReadCommandTest.assertOneErrorLine(badFilter, "syntax error");
    }

    @Test
    void withoutRightsALiveCaptureSaysWhatIsMissingInOneLine() throws Exception {
        assumeRoot(); // setpriv needs root to become nobody
        Assumptions.assumeTrue(NobodyJvm.setprivInstalled(), "setpriv (util-linux) is not installed: skipping");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = NobodyJvm.start(NobodyJvm.asNobody(), out, err, "capture", "-i", "lo", "-c", "1");
        try {
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "capture as nobody did not end: " + CliRunner.read(err));
        } finally {
            p.destroyForcibly();
        }
        String errText = CliRunner.read(err);
        assertEquals(1, p.exitValue(), errText);
        List<String> lines = errText.lines().toList();
        assertEquals(1, lines.size(), errText);
        String line = lines.get(0);
        assertTrue(line.contains("CAP_NET_RAW") && line.contains("root") && line.contains("setcap"), line);
        // the capget check answers before libpcap is asked (its own refusal names no uid)
        assertTrue(line.contains("uid 65534"), line);
        assertFalse(errText.contains("\tat ") || errText.contains("Exception"), "stack trace: " + errText);
        assertTrue(CliRunner.read(out).isEmpty(), CliRunner.read(out));
    }

    @Test
    void dashZDropsToTheUserBeforeTheFileIsOpened() throws Exception {
        assumeRoot();
        Assumptions.assumeTrue(CliRunner.tcpdumpInstalled(), "tcpdump is not installed: skipping");
        Path shared = NobodyJvm.scratchDir("z"); // nobody must be able to create the file here
        Path pcap = shared.resolve("z.pcap");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int port = sink.getLocalPort();
            Process p = NobodyJvm.start(List.of(), out, err, "capture", "-i", "lo", "-Z", "nobody", "-c", "3",
                    "-w", pcap.toString(), "udp", "port", String.valueOf(port));
            try {
                awaitListening(p, err);
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 3; i++) {
                    sender.send(new DatagramPacket(hello, hello.length, LOOPBACK, port));
                }
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "capture -Z -c 3 did not end: " + CliRunner.read(err));
                assertEquals(0, p.exitValue(), CliRunner.read(err));
            } finally {
                p.destroyForcibly();
            }
        }
        assertEquals(65534, Files.getAttribute(pcap, "unix:uid"), "the -w file must belong to nobody");
        List<String> theirs = CliRunner.run(List.of("tcpdump", "-nn", "-r", pcap.toString())).lines().toList();
        assertEquals(3, theirs.size(), String.join("\n", theirs));

        CliRunner.Result unknown = CliRunner.inProcess("capture", "-i", "lo", "-Z", "nosuchuser", "-c", "1");
        assertEquals(2, unknown.code(), unknown.err());
        ReadCommandTest.assertOneErrorLine(unknown, "nosuchuser");
    }

    /** One TCP connection to {@code server}: {@code writes} small writes, echoed back, then closed. */
    private static void exchange(ServerSocket server, int writes) throws Exception {
        try (Socket client = new Socket()) {
            client.connect(server.getLocalSocketAddress(), 5000);
            client.setSoTimeout(5000);
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5000);
                OutputStream co = client.getOutputStream();
                InputStream ai = accepted.getInputStream();
                for (int i = 0; i < writes; i++) {
                    co.write(("msg" + i).getBytes(StandardCharsets.US_ASCII));
                    co.flush();
                    assertEquals(4, ai.readNBytes(4).length);
                }
                client.shutdownOutput();
                assertEquals(-1, ai.read());
            }
        }
    }

    private static long countPackets(Path pcap) {
        CliRunner.Result r = CliRunner.inProcess("read", pcap.toString());
        return r.code() == 0 ? r.lines().size() : -1;
    }

    static void awaitListening(Process p, Path err) {
        assertTrue(CliRunner.await(15_000, () -> CliRunner.read(err).contains("listening on") || !p.isAlive()),
                "capture did not start: " + CliRunner.read(err));
        assertTrue(p.isAlive(), "capture ended early: " + CliRunner.read(err));
    }

    /** The nice values (field 19 of their stat) of {@code pid}'s threads named {@code name}. */
    private static List<Integer> niceOfThreads(long pid, String name) throws java.io.IOException {
        List<Integer> nice = new java.util.ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(t.resolve("comm")).strip().equals(name)) {
                    String stat = Files.readString(t.resolve("stat"));
                    nice.add(Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]));
                }
            }
        }
        return nice;
    }

    static void assumeRoot() {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
    }

    private static String afterTime(String line) {
        return line.substring(line.indexOf(' ') + 1);
    }
}
