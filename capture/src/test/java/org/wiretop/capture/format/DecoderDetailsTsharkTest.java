package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.format.TextTestPackets.eth;
import static org.wiretop.capture.format.TextTestPackets.hex;
import static org.wiretop.capture.format.TextTestPackets.icmp;
import static org.wiretop.capture.format.TextTestPackets.ip4;
import static org.wiretop.capture.format.TextTestPackets.ip6;
import static org.wiretop.capture.format.TextTestPackets.tcp;
import static org.wiretop.capture.format.TextTestPackets.udp;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Oracle for two decoder details (design §4 rule 3), our JSON against {@code tshark -T fields}
 * on the same packets: a TCP header cut at every length from its ports to its urgent pointer
 * (tshark reports sequence, acknowledgment, flags, window and length once the window is
 * captured), and ICMPv4 errors quoting IPv6 packets (tshark reads the quote as IPv6: its
 * addresses, next header, hop limit, payload length and the quoted ports). Skips without tshark.
 */
class DecoderDetailsTsharkTest {
    private static final String[] FIELDS = {"tcp.srcport", "tcp.dstport", "tcp.seq_raw", "tcp.ack_raw", "tcp.flags",
        "tcp.window_size_value", "tcp.len", "udp.srcport", "udp.dstport", "udp.length", "ipv6.src", "ipv6.dst",
        "ipv6.nxt", "ipv6.hlim", "ipv6.plen", "icmp.type", "icmp.code"};

    @TempDir
    Path dir;

    @Test
    void jsonEqualsTsharksFields() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed: skipping");
        TextTestPackets pcap = new TextTestPackets();
        TextTestPackets.Frame segment = new TextTestPackets.Frame(eth(0x800,
                ip4("10.0.0.1", "10.0.0.2", 6, tcp(1234, 80, 1000, 2000, 0x18, 512, new byte[0], "hello".getBytes()))));
        for (int cut = 2; cut <= 20; cut++) {
            pcap.add(segment.cut(14 + 20 + cut));
        }
        pcap.add(segment);
        byte[] quotedUdp = ip6("2001:db8::1", "2001:db8::2", 17, udp(5000, 53, "twelve bytes".getBytes()));
        pcap.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 3, 0, quotedUdp))));
        byte[] quotedTcp = ip6("2001:db8::1", "2001:db8::3", 6, hex("9c40 01bb 0000004d"));
        pcap.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(11, 0, 0, quotedTcp))));
        Path file = dir.resolve("details.pcap");
        pcap.writePcap(file);

        List<String> theirs = tshark(file);
        assertEquals(pcap.frames().size(), theirs.size(), "tshark printed " + theirs);
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder json = new LineBuilder(512);
        StringBuilder diffs = new StringBuilder();
        for (int i = 0; i < pcap.frames().size(); i++) {
            TextTestPackets.Frame f = pcap.frames().get(i);
            decoder.decode(Decoder.DLT_EN10MB, f.bytes(), f.bytes().length, f.wireLength(), s);
            json.setLength(0);
            JsonFormatter.append(s, json);
            Map<String, String> ours = FlatJson.parse(json);
            String[] cells = theirs.get(i).split("\t", -1);
            for (int c = 0; c < FIELDS.length; c++) {
                String t = OracleTest.normalize(c < cells.length ? cells[c] : "");
                String o = OracleTest.normalize(ours.getOrDefault(FIELDS[c], ""));
                if (!t.equals(o)) {
                    diffs.append("\n#").append(i + 1).append(' ').append(FIELDS[c]).append(": tshark '").append(t)
                            .append("', ours '").append(o).append('\'');
                }
            }
        }
        assertTrue(diffs.length() == 0, "fields that differ from tshark's:" + diffs);
    }

    private static List<String> tshark(Path file) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-E", "occurrence=f"));
        for (String f : FIELDS) {
            command.add("-e");
            command.add(f);
        }
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        return out.lines().toList();
    }
}
