package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tcpdump's text flags through the real command line: {@code read -t} with {@code -X},
 * {@code -e -vv -xx}, {@code -A} and {@code -vvv} prints exactly what {@code tcpdump -nn -t}
 * prints for the same file (a DNS query and answer among the packets); {@code --payload} dumps
 * only the payload and {@code --format payload} writes only its bytes; contradictory flags are
 * usage errors. Live, as root: {@code capture -i lo -e -vv -X} prints exactly what tcpdump prints
 * reading the packets it captured itself at the same time (UDP, and the ICMP port unreachable
 * a closed port sends back, whose quoted packet -v prints).
 */
class TextFlagsCliTest {
    /** TestPcaps' frames plus a DNS query (port 53, [1au] A? example.com.) and its answer. */
    static final String[] FRAMES;

    static {
        List<String> f = new ArrayList<>(List.of(TestPcaps.FRAMES));
        f.add("020000000002 020000000001 0800 4500004400054000401100000a0000010a000009 9c410035003000001234012000010000"
                + "00000001076578616d706c6503636f6d0000010001 0000291000000000000000");
        f.add("020000000001 020000000002 0800 4500004900064000401100000a0000090a000001 00359c41003500001234818000010001"
                + "00000000076578616d706c6503636f6d0000010001 c00c000100010000 0e1000045db8d822");
        FRAMES = f.toArray(String[]::new);
    }

    @TempDir
    Path dir;

    @Test
    void readWithTcpdumpsFlagsPrintsWhatTcpdumpPrints() throws Exception {
        Assumptions.assumeTrue(CliRunner.tcpdumpInstalled(), "tcpdump is not installed: skipping the comparison");
        Path file = dir.resolve("flags.pcap");
        TestPcaps.write(file, 1, FRAMES);
        for (List<String> flags : List.of(List.of("-X"), List.of("-e", "-vv", "-xx"), List.of("-A"), List.of("-vvv"),
                List.of("-v", "-XX"))) {
            List<String> ours = new ArrayList<>(List.of("read", file.toString(), "-t"));
            ours.addAll(flags);
            CliRunner.Result r = CliRunner.inProcess(ours.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            List<String> tcpdump = new ArrayList<>(List.of("tcpdump", "-nn", "-t"));
            tcpdump.addAll(flags);
            tcpdump.addAll(List.of("-r", file.toString()));
            assertEquals(CliRunner.run(tcpdump), r.out(), "read " + flags);
        }
    }

    @Test
    void payloadDumpsShowOnlyThePayload() throws Exception {
        Path file = dir.resolve("payload.pcap");
        TestPcaps.write(file, 1, FRAMES);
        CliRunner.Result hex = CliRunner.inProcess("read", file.toString(), "-t", "-c", "3", "--payload");
        assertEquals(0, hex.code(), hex.err());
        assertEquals("IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [S], seq 100, win 65535, options [mss 1460,sackOK,"
                + "TS val 1 ecr 0,nop,wscale 7], length 0\n"
                + "IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [P.], seq 101:106, ack 200, win 512, length 5\n"
                + "\t0x0000:  6865 6c6c 6f                             hello\n"
                + "IP 10.0.0.1.40000 > 10.0.0.2.45000: UDP, length 5\n"
                + "\t0x0000:  6162 6364 65                             abcde\n", hex.out());
        CliRunner.Result ascii = CliRunner.inProcess("read", file.toString(), "-t", "-A", "--payload", "udp", "and", "port", "53");
        assertEquals(0, ascii.code(), ascii.err());
        assertEquals("IP 10.0.0.1.40001 > 10.0.0.9.53: 4660+ [1au] A? example.com. (40)\n"
                + ".4. .........example.com.......)........\n"
                + "IP 10.0.0.9.53 > 10.0.0.1.40001: 4660 1/0/0 A 93.184.216.34 (45)\n"
                + ".4...........example.com.................]..\"\n", ascii.out());
    }

    @Test
    void formatPayloadWritesTheApplicationBytesAlone() throws Exception {
        Path file = dir.resolve("payload.pcap");
        TestPcaps.write(file, 1, FRAMES);
        CliRunner.Result r = CliRunner.inProcess("read", file.toString(), "--format", "payload", "not", "port", "53");
        assertEquals(0, r.code(), r.err());
        assertEquals("helloabcdehi", r.out()); // TCP "hello", UDP "abcde", IPv6 UDP "hi"; nothing else
    }

    @Test
    void flagsThatContradictTheFormatAreUsageErrors() {
        for (String[] args : new String[][] {{"--format", "json", "-X"}, {"--format", "json", "-v"},
            {"--format", "payload", "-e"}, {"--format", "json", "--payload"}}) {
            List<String> command = new ArrayList<>(List.of("read", dir.resolve("none.pcap").toString()));
            command.addAll(List.of(args));
            CliRunner.Result r = CliRunner.inProcess(command.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().contains("drop"), r.err());
        }
    }

    @Test
    void liveCaptureOnLoPrintsWhatTcpdumpPrintsForTheSamePackets() throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        Assumptions.assumeTrue(CliRunner.tcpdumpInstalled(), "tcpdump is not installed: skipping the comparison");
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket closed = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            int open = sink.getLocalPort();
            int shut = closed.getLocalPort();
            closed.close(); // nothing listens there now: the kernel answers with ICMP port unreachable
            String filter = "(udp and port " + sender.getLocalPort() + ") or (icmp[0] == 3 and icmp[30:2] == " + shut + ")";
            int n = 5; // 3 datagrams to the open port, 1 to the closed one and its ICMP error
            Path pcap = dir.resolve("tcpdump.pcap");
            Path ours = dir.resolve("ours.txt");
            Path err = dir.resolve("err.txt");
            Process tcpdump = new ProcessBuilder("tcpdump", "-i", "lo", "-U", "-c", String.valueOf(n), "-w", pcap.toString(), filter)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("tcpdump.err").toFile()).start();
            Process wiretop = CliRunner.start(ours, err, "capture", "-i", "lo", "-c", String.valueOf(n), "-t", "-e", "-vv", "-X",
                    filter);
            try {
                assertTrue(CliRunner.await(15_000, () -> CliRunner.read(err).contains("listening on")
                        && CliRunner.read(dir.resolve("tcpdump.err")).contains("listening on")), "captures did not start: "
                        + CliRunner.read(err) + CliRunner.read(dir.resolve("tcpdump.err")));
                byte[][] payloads = {"one\r\n".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1, 2, (byte) 0xff},
                    "three, a longer datagram of text".getBytes(StandardCharsets.US_ASCII)};
                for (byte[] p : payloads) {
                    sender.send(new DatagramPacket(p, p.length, lo, open));
                }
                sender.send(new DatagramPacket(payloads[0], payloads[0].length, lo, shut));
                assertTrue(wiretop.waitFor(20, TimeUnit.SECONDS), "wiretop -c did not end: " + CliRunner.read(err));
                assertTrue(tcpdump.waitFor(20, TimeUnit.SECONDS), "tcpdump -c did not end");
            } finally {
                wiretop.destroyForcibly();
                tcpdump.destroyForcibly();
            }
            String theirs = CliRunner.run(List.of("tcpdump", "-nn", "-t", "-e", "-vv", "-X", "-r", pcap.toString()));
            assertTrue(theirs.contains("udp port " + shut + " unreachable"), theirs);
            assertEquals(theirs, Files.readString(ours, StandardCharsets.UTF_8));
        }
    }
}
