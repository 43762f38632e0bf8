package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.monitor.servers.RunningServer;
import org.wiretop.monitor.servers.ServerKind;
import org.wiretop.monitor.servers.ServerManager;
import org.wiretop.monitor.servers.TcpClient;
import org.wiretop.monitor.servers.UdpClient;

/**
 * {@code wiretop capture -i lo --ipfix ...} as a real process (root; skipped otherwise) while the
 * built-in echo (TCP) and upper (UDP) servers and their clients talk on loopback:
 * <ul>
 *   <li>a flow's records reach nfcapd within the idle timeout, while the capture still runs;</li>
 *   <li>a collector started late receives the records exported after the next template refresh,
 *       and nothing of what was sent before it listened;</li>
 *   <li>the JSON flow log written alongside holds the same records;</li>
 *   <li>with {@code --ipfix-ext} tshark decodes each end's process (this test's JVM) from the
 *       live records;</li>
 *   <li>in both runs (to a file with {@code -w}, and with nothing printed) the flows are tracked on
 *       a thread of their own, so the capture thread only copies headers (design §10), and that
 *       thread runs already when "listening on" is out: the set-up comes before the banner, as
 *       tcpdump's, so traffic started on the banner cannot overflow the kernel's buffer while the
 *       40 MB flow table is made (with the banner first, both runs failed here).</li>
 * </ul>
 */
class IpfixLiveTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int REFRESH_SECONDS = 2;

    @TempDir
    Path dir;

    @Test
    void recordsReachALateNfcapdAfterTheNextTemplateRefresh() throws Exception {
        assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        assumeTrue(Nfcapd.available(), "nfcapd/nfdump not installed (scripts/setup installs nfdump)");
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt"), json = dir.resolve("flows.json");
        Path pcap = dir.resolve("live.pcap");
        int collector = Tools.freeUdpPort();
        List<Nfcapd.Record> lateFlows;
        try (ServerManager servers = new ServerManager()) {
            RunningServer echo = servers.start(ServerKind.ECHO, LOOPBACK, 0);
            RunningServer upper = servers.start(ServerKind.UPPER, LOOPBACK, 0);
            int e = echo.local().getPort(), u = upper.local().getPort();
            Process p = CliRunner.start(out, err, "capture", "-i", "lo", "-w", pcap.toString(), "--ipfix", "127.0.0.1:" + collector,
                    "--flows-json", json.toString(), "--idle-timeout", "1", "--ipfix-templates", String.valueOf(REFRESH_SECONDS),
                    "tcp", "port", String.valueOf(e), "or", "udp", "port", String.valueOf(u));
            try {
                awaitListening(p, err);
                assertFlowThread(p, err);
                // Before any collector listens: exported into the void.
                TcpClient.exchange(echo.local(), "early".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5),
                        new ByteArrayOutputStream());
                assertTrue(CliRunner.await(15_000, () -> jsonLines(json, "\"destination.port\":" + e).size() >= 1),
                        "the early flow was not exported: " + CliRunner.read(err));
                try (Nfcapd n = Nfcapd.start(dir.resolve("nf"), collector)) {
                    long started = System.nanoTime();
                    // Past one template refresh after the collector started, a flow of each kind.
                    assertTrue(CliRunner.await(15_000, () -> System.nanoTime() - started
                            > TimeUnit.SECONDS.toNanos(REFRESH_SECONDS + 1)), "the clock stopped");
                    int clientPort;
                    try (Socket s = new Socket(LOOPBACK, e)) {
                        clientPort = s.getLocalPort();
                        s.getOutputStream().write("late".getBytes(StandardCharsets.US_ASCII));
                        s.shutdownOutput();
                        s.getInputStream().readAllBytes();
                    }
                    UdpClient.request(upper.local(), "late".getBytes(StandardCharsets.US_ASCII), Duration.ofSeconds(5));
                    String key = "\"source.port\":" + clientPort;
                    assertTrue(CliRunner.await(15_000, () -> jsonLines(json, key).size() == 1
                                    && jsonLines(json, "\"destination.port\":" + u).size() >= 1),
                            "the late flows were not exported within the idle timeout: " + CliRunner.read(err));
                    assertTrue(p.isAlive(), "the records came from the idle timeout, not from the capture's end");
                    List<Nfcapd.Record> got = n.stopAndRead();
                    assertEquals(0, n.sequenceErrors(), n.log());

                    Nfcapd.Record up = find(got, 6, clientPort, e);
                    Nfcapd.Record down = find(got, 6, e, clientPort);
                    assertTrue(up != null && down != null, "both directions of the late TCP flow reached nfcapd: " + got
                            + "\nnfcapd's log:\n" + n.log() + "\nwiretop's stderr:\n" + CliRunner.read(err));
                    assertTrue(got.stream().anyMatch(r -> r.protocol() == 17 && r.dstPort() == u), "the UDP flow: " + got);
                    assertTrue(got.stream().noneMatch(r -> r.protocol() == 6 && r.dstPort() == e && r.srcPort() != clientPort),
                            "nothing from before the collector listened: " + got);
                    lateFlows = List.of(up, down);

                    String line = jsonLines(json, key).get(0);
                    assertTrue(JsonCheck.isObject(line), line);
                    assertTrue(line.contains("\"network.transport\":\"tcp\",\"network.iana_number\":\"6\""), line);
                    assertTrue(line.contains("\"source.packets\":" + up.packets() + ",\"source.bytes\":" + up.bytes()), line);
                    assertTrue(line.contains("\"destination.packets\":" + down.packets() + ",\"destination.bytes\":"
                            + down.bytes()), line);
                    assertTrue(line.contains("\"wiretop.flow.end_reason\":\"endOfFlow\""), line);
                }
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                p.destroyForcibly();
            }
            assertTrue(CliRunner.read(err).matches("(?s).*\\d+ IPFIX records in \\d+ messages to 127\\.0\\.0\\.1:" + collector
                    + ".*"), CliRunner.read(err));
        }
        // The capture's own pcap, as tshark counts it: the same packets and IP bytes each way.
        if (Tools.onPath("tshark")) {
            TsharkFlows t = TsharkFlows.of(pcap);
            for (Nfcapd.Record r : lateFlows) {
                TsharkFlows.Direction d = t.directions.get(r.key());
                assertTrue(d != null, "tshark finds " + r.key() + " in " + t.directions.keySet());
                assertEquals(d.frames + " packets " + d.ipBytes + " bytes", r.packets() + " packets " + r.bytes() + " bytes",
                        r.key());
            }
        }
    }

    @Test
    void tsharkDecodesTheProcessesOfLiveExtendedRecords() throws Exception {
        assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        assumeTrue(Tools.onPath("tshark", "text2pcap"), "tshark/text2pcap not installed");
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt"), json = dir.resolve("flows.json");
        List<byte[]> messages = Collections.synchronizedList(new ArrayList<>());
        try (ServerManager servers = new ServerManager();
             DatagramSocket collector = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            RunningServer echo = servers.start(ServerKind.ECHO, LOOPBACK, 0);
            int e = echo.local().getPort();
            Thread receiver = receive(collector, messages);
            Process p = CliRunner.start(out, err, "capture", "-i", "lo", "--ipfix", "127.0.0.1:" + collector.getLocalPort(),
                    "--ipfix-ext", "--flows-json", json.toString(), "--idle-timeout", "1", "--active-timeout", "1",
                    "tcp", "port", String.valueOf(e));
            int clientPort;
            try {
                awaitListening(p, err);
                assertFlowThread(p, err);
                // The connection talks until the socket sampler has seen both ends (an active-timeout
                // record names them), then closes: the sampler looks once a second, so it must live that long.
                try (Socket s = new Socket(LOOPBACK, e)) {
                    clientPort = s.getLocalPort();
                    InputStream in = s.getInputStream();
                    String key = "\"source.port\":" + clientPort;
                    assertTrue(CliRunner.await(20_000, () -> {
                        try {
                            s.getOutputStream().write('x');
                            in.read();
                        } catch (IOException broken) {
                            return true;
                        }
                        return jsonLines(json, key).stream().anyMatch(l -> l.contains("\"wiretop.source.process\""));
                    }), "no record named the client's process: " + CliRunner.read(json));
                }
                String key = "\"source.port\":" + clientPort;
                assertTrue(CliRunner.await(15_000, () -> jsonLines(json, key).stream()
                                .anyMatch(l -> l.contains("\"wiretop.flow.tcp_state\":\"CLOSED\""))),
                        "the flow's last record was not exported: " + CliRunner.read(err));
                Nfcapd.awaitDrained(collector.getLocalPort());
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                p.destroyForcibly();
                collector.close();
                receiver.join(5_000);
            }
            Path text = dir.resolve("ipfix.txt"), pcap = dir.resolve("ipfix.pcap");
            StringBuilder hex = new StringBuilder();
            synchronized (messages) {
                for (byte[] m : messages) {
                    for (int i = 0; i < m.length; i++) {
                        hex.append(i % 16 == 0 ? (i == 0 ? "" : "\n") + String.format("%06x", i) : "").append(String.format(" %02x", m[i]));
                    }
                    hex.append('\n');
                }
            }
            Files.writeString(text, hex);
            Tools.run(List.of("text2pcap", "-q", "-4", "127.0.0.1,127.0.0.1", "-u", "40000,4739", text.toString(), pcap.toString()));
            String fields = Tools.run(List.of("tshark", "-r", pcap.toString(), "-T", "fields", "-E", "occurrence=a",
                    "-E", "aggregator=|", "-e", "cflow.srcport", "-e", "cflow.pie.ntop.src_proc_id",
                    "-e", "cflow.pie.ntop.src_proc_name", "-e", "cflow.pie.ntop.dst_proc_pid", "-e", "cflow.pie.ntop.dst_proc_name"));
            String pid = Long.toString(ProcessHandle.current().pid());
            List<String> fromClient = new ArrayList<>();
            for (String line : fields.split("\n")) {
                String[] f = line.split("\t", -1);
                if (f.length < 5 || f[0].isEmpty()) {
                    continue;
                }
                String[] ports = f[0].split("\\|"), spid = f[1].split("\\|"), sname = f[2].split("\\|"),
                        dpid = f[3].split("\\|"), dname = f[4].split("\\|");
                for (int i = 0; i < ports.length; i++) {
                    if (ports[i].equals(Integer.toString(clientPort))) {
                        fromClient.add(spid[i] + " " + sname[i] + " > " + dpid[i] + " " + dname[i]);
                    }
                }
            }
            assertTrue(fromClient.contains(pid + " java > " + pid + " java"),
                    "the client's records name its process and the echo server's (both this JVM): " + fromClient);
            String line = jsonLines(json, "\"source.port\":" + clientPort).stream()
                    .filter(l -> l.contains("wiretop.source.process")).findFirst().orElseThrow();
            String me = "{\"pid\":" + pid + ",\"name\":\"java\"}";
            assertTrue(line.contains("\"wiretop.source.process\":" + me) && line.contains("\"wiretop.destination.process\":" + me),
                    "the JSON log names both processes too: " + line);
        }
    }

    private static Thread receive(DatagramSocket socket, List<byte[]> into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65535];
            while (!socket.isClosed()) {
                DatagramPacket d = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(d);
                    into.add(java.util.Arrays.copyOf(d.getData(), d.getLength()));
                } catch (IOException closed) {
                    return;
                }
            }
        }, "test-ipfix-collector");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static Nfcapd.Record find(List<Nfcapd.Record> records, int proto, int srcPort, int dstPort) {
        return records.stream().filter(r -> r.protocol() == proto && r.srcPort() == srcPort && r.dstPort() == dstPort)
                .findFirst().orElse(null);
    }

    private static List<String> jsonLines(Path json, String containing) {
        return CliRunner.read(json).lines().filter(l -> l.contains(containing)).toList();
    }

    private static void awaitListening(Process p, Path err) {
        assertTrue(CliRunner.await(15_000, () -> CliRunner.read(err).contains("listening on") || !p.isAlive()),
                "capture did not start: " + CliRunner.read(err));
        assertTrue(p.isAlive(), "capture ended early: " + CliRunner.read(err));
        assertFalse(CliRunner.read(err).contains("error"), CliRunner.read(err));
    }

    /**
     * The capture's JVM runs the flow thread ("wiretop-flows"; Java names its Linux threads so),
     * already when the banner is out: everything is set up before "listening on".
     */
    private static void assertFlowThread(Process p, Path err) {
        assertTrue(threadNames(p.pid()).contains("wiretop-flows"),
                "no flow thread beside the capture thread: " + threadNames(p.pid()) + "\n" + CliRunner.read(err));
    }

    private static List<String> threadNames(long pid) {
        List<String> names = new ArrayList<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                names.add(Files.readString(t.resolve("comm")).strip());
            }
        } catch (IOException gone) {
            return names; // the process or one of its threads ended meanwhile
        }
        return names;
    }
}
