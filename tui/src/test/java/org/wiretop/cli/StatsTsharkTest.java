package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.decode.Status;
import org.wiretop.stats.ProtocolHierarchy;
import org.wiretop.stats.ProtocolPath;

/**
 * {@code --stats} against tshark 4 run here on the same packets: the IPv4 endpoints and
 * conversations tables equal {@code tshark -q -z endpoints,ip} / {@code -z conv,ip} line for line;
 * the protocol hierarchy equals {@code -z io,phs} line for line, or every packet whose path differs
 * is explained by a {@link PhsRules} rule decided from that packet's two dissections. Over a
 * deterministic sample of the corpus (every n-th file wiretop decodes, by name) and over real
 * traffic captured on {@code lo} by {@code wiretop capture --stats}. Skips without the corpus,
 * tshark or root.
 */
class StatsTsharkTest {
    /** Files of the corpus compared (every n-th one wiretop decodes): keeps the test under a minute;
     *  {@code -Dwiretop.stats.sample=600} compares every file. */
    private static final int SAMPLE = Integer.getInteger("wiretop.stats.sample", 12);

    private final Map<String, Integer> rules = new TreeMap<>();
    private final List<String> unexplained = new ArrayList<>();
    private final List<String> tunnelled = new ArrayList<>();
    /** Files whose PDML paths do not sum to tshark's printed hierarchy (its oracle for paths fails). */
    private final List<String> oracleDisagrees = new ArrayList<>();
    private int phsEqual;
    private int phsByRule;
    private int tablesEqual;

    @Test
    void corpusSampleEqualsTshark() throws Exception {
        Path corpus = Path.of(System.getProperty("wiretop.shared", "../shared"), "corpus", "tcpdump");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus + " (it lives in ../shared): skipping");
        Assumptions.assumeTrue(Tools.onPath("tshark"), "tshark is not installed: skipping");
        List<Path> decodable = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                if (decodes(f)) {
                    decodable.add(f);
                }
            }
        }
        int step = Math.max(1, decodable.size() / SAMPLE);
        int files = 0;
        for (int i = 0; i < decodable.size(); i += step) {
            compare(decodable.get(i));
            files++;
        }
        report("corpus: " + files + " of " + decodable.size() + " decodable files (every " + step + "th)");
        assertTrue(oracleDisagrees.size() <= files / 10, "tshark's PDML is no oracle on " + oracleDisagrees);
        assertTrue(unexplained.isEmpty(), unexplained.size() + " differences no rule explains:\n"
                + String.join("\n", unexplained.stream().map(u -> u.replaceAll(" frame [0-9]+", " frame N"))
                        .distinct().limit(40).toList()));
        assertTrue(tablesEqual > files / 2, "endpoints and conversations equal on only " + tablesEqual + " files");
    }

    @Test
    void liveCaptureOnLoEqualsTshark(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        Assumptions.assumeTrue(Tools.onPath("tshark"), "tshark is not installed: skipping");
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            int tcpPort = server.getLocalPort();
            int udpPort = udp.getLocalPort();
            Path pcap = dir.resolve("lo.pcap");
            Path out = dir.resolve("out.txt");
            Path err = dir.resolve("err.txt");
            Process capture = CliRunner.start(out, err, "capture", "-i", "lo", "-w", pcap.toString(), "--stats",
                    "--immediate-mode", "tcp port " + tcpPort + " or udp port " + udpPort);
            try {
                assertTrue(CliRunner.await(15_000, () -> CliRunner.read(err).contains("listening on") || !capture.isAlive()),
                        "capture did not start: " + CliRunner.read(err));
                int expected = traffic(server, udp);
                assertTrue(CliRunner.await(15_000, () -> packetsIn(pcap) >= expected),
                        "captured " + packetsIn(pcap) + " of " + expected + " packets: " + CliRunner.read(err));
                capture.destroy(); // SIGTERM: the file is flushed and --stats printed
                assertTrue(capture.waitFor(10, TimeUnit.SECONDS), "capture did not stop on SIGTERM");
                assertEquals(0, capture.exitValue(), CliRunner.read(err));
            } finally {
                capture.destroyForcibly();
            }
            String ours = CliRunner.read(out);
            TsharkStats tshark = TsharkStats.of(pcap);
            assertEquals(TsharkStats.table(tshark.text, "IPv4 Endpoints"), TsharkStats.table(ours, "IPv4 Endpoints"));
            assertEquals(TsharkStats.table(tshark.text, "IPv4 Conversations"),
                    TsharkStats.table(ours, "IPv4 Conversations"));
            assertEquals(2, TsharkStats.table(ours, "IPv4 Endpoints").size() - 4, "two endpoints: " + ours);
            comparePaths(pcap, tshark, ours, new ArrayList<>());
            report("lo: " + packetsIn(pcap) + " packets");
            assertTrue(unexplained.isEmpty(), String.join("\n", unexplained));
            assertEquals(1, phsEqual, "the hierarchy of plain TCP and UDP equals tshark's:\n" + ours);
        }
    }

    /** A TCP exchange to 127.0.0.1 and UDP datagrams to 127.0.0.2; returns the packets at least sent. */
    private static int traffic(ServerSocket server, DatagramSocket udp) throws IOException {
        try (Socket client = new Socket()) {
            client.connect(server.getLocalSocketAddress(), 5000);
            try (Socket accepted = server.accept()) {
                for (int i = 0; i < 20; i++) {
                    client.getOutputStream().write(("message " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    accepted.getInputStream().readNBytes(("message " + i + "\n").length());
                }
            }
        }
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            byte[] payload = "datagram".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10; i++) {
                sender.send(new DatagramPacket(payload, payload.length, udp.getLocalSocketAddress()));
            }
        }
        return 3 + 20 + 10 + 2; // handshake, the data segments, the datagrams, a FIN
    }

    private static long packetsIn(Path pcap) {
        long[] n = new long[1];
        try (PacketSource source = Sources.openFile(pcap.toString())) {
            source.run((nanos, wire, data, captured) -> n[0]++, 0);
        } catch (Exception e) {
            return -1;
        }
        return n[0];
    }

    private static boolean decodes(Path f) {
        try (PacketSource source = Sources.openFile(f.toString())) {
            return Decoder.supports(source.linkType());
        } catch (Exception e) {
            return false;
        }
    }

    private void compare(Path f) throws Exception {
        CliRunner.Result r = CliRunner.inProcess("read", f.toString(), "--stats", "-q");
        if (r.code() != 0 && r.code() != 1) {
            unexplained.add(f.getFileName() + ": exit " + r.code() + ": " + r.err().strip());
            return;
        }
        TsharkStats tshark = TsharkStats.of(f);
        List<Integer> ipv4 = new ArrayList<>();
        comparePaths(f, tshark, r.out(), ipv4);
        List<String> tunnels = tunnelFrames(tshark, ipv4);
        if (!tunnels.isEmpty()) {
            // tshark's IP tap fires for an IPv4 header wiretop does not decode (inside a tunnel,
            // PIM's register, after an Arista trailer): its tables hold addresses ours cannot
            tunnelled.add(f.getFileName() + " (frames " + String.join(",", tunnels) + ")");
            return;
        }
        for (String title : List.of("IPv4 Endpoints", "IPv4 Conversations")) {
            List<String> want = TsharkStats.table(tshark.text, title);
            List<String> got = TsharkStats.table(r.out(), title);
            if (!want.equals(got)) {
                unexplained.add(f.getFileName() + ": " + title + " differ:\n  tshark:\n    "
                        + String.join("\n    ", want) + "\n  wiretop:\n    " + String.join("\n    ", got));
                return;
            }
        }
        tablesEqual++;
    }

    /** Frames where tshark saw another number of IPv4 headers (outside an ICMP error) than our decode. */
    private static List<String> tunnelFrames(TsharkStats tshark, List<Integer> ours) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < tshark.paths.size() && i < ours.size(); i++) {
            if (!tshark.ipv4Headers.get(i).equals(ours.get(i))) {
                frames.add(Integer.toString(i + 1));
            }
        }
        return frames;
    }

    /** Each packet's path, ours against tshark's; then the whole hierarchy when no packet differs. */
    private void comparePaths(Path f, TsharkStats tshark, String ours, List<Integer> ipv4) throws CaptureException {
        List<PhsRules.Facts> facts = new ArrayList<>();
        List<List<String>> mine = paths(f, facts, ipv4);
        String name = f.getFileName().toString();
        if (mine.size() != tshark.paths.size()) {
            unexplained.add(name + ": " + mine.size() + " packets, tshark " + tshark.paths.size());
            return;
        }
        // the oracle's own check: tshark's paths, summed, are its printed hierarchy
        ProtocolHierarchy fromPdml = new ProtocolHierarchy(4096);
        for (int i = 0; i < tshark.paths.size(); i++) {
            List<String> p = tshark.paths.get(i);
            fromPdml.add(p.toArray(new String[0]), p.size(), tshark.lengths.get(i));
        }
        StringBuilder summed = new StringBuilder();
        fromPdml.appendTo(summed);
        String phs = "Protocol Hierarchy Statistics";
        if (!TsharkStats.table(tshark.text, phs).equals(TsharkStats.table(summed.toString(), phs))) {
            // a top-level item the PDML does not name (a malformed ARP's "text"): no per-packet oracle here
            oracleDisagrees.add(name);
            return;
        }
        int differing = 0;
        for (int i = 0; i < mine.size(); i++) {
            List<String> t = tshark.paths.get(i);
            List<String> o = mine.get(i);
            if (t.equals(o)) {
                continue;
            }
            differing++;
            String rule = PhsRules.explain(t, o, facts.get(i));
            if (rule == null) {
                unexplained.add(name + " frame " + (i + 1) + ": tshark " + t + ", wiretop " + o);
            } else {
                rules.merge(rule, 1, Integer::sum);
            }
        }
        if (differing == 0) {
            assertEquals(TsharkStats.table(tshark.text, phs), TsharkStats.table(ours, phs), name);
            phsEqual++;
        } else {
            phsByRule++;
        }
    }

    /** Our path of each packet, and what our decode found that the rules ask about. */
    private static List<List<String>> paths(Path f, List<PhsRules.Facts> facts, List<Integer> ipv4)
            throws CaptureException {
        List<List<String>> all = new ArrayList<>();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        ProtocolPath path = new ProtocolPath();
        try (PacketSource source = Sources.openFile(f.toString())) {
            int linkType = source.linkType();
            source.run((nanos, wire, data, captured) -> {
                decoder.decode(linkType, data, captured, wire, s);
                path.fill(s);
                List<String> p = new ArrayList<>();
                for (int i = 0; i < path.depth(); i++) {
                    p.add(path.name(i));
                }
                all.add(p);
                boolean ip4 = s.has(PacketSummary.IP4);
                facts.add(new PhsRules.Facts(ip4 && (s.ipMf || s.ipFragOffset != 0),
                        s.status == Status.INVALID ? s.reason : null, s.transportProtocol,
                        ip4 && s.ipTotalLength > s.wireLength - s.networkOffset));
                ipv4.add(ip4 && s.ipHasAddrs == 3 ? 1 : 0);
            }, 0);
        } catch (CaptureException e) {
            // a file cut mid-record: the packets before the cut are what both tools saw
        }
        return all;
    }

    private void report(String what) {
        System.out.println("StatsTsharkTest " + what + ": hierarchy equal on " + phsEqual + ", differing by rule on "
                + phsByRule + "; endpoints+conversations equal on " + tablesEqual + ", tunnels (tshark taps inner IPv4) "
                + tunnelled.size() + " " + tunnelled + "; tshark's PDML and hierarchy disagree on " + oracleDisagrees
                + "; unexplained " + unexplained.size());
        rules.forEach((rule, n) -> System.out.println("  " + n + " packets: " + rule));
    }
}
