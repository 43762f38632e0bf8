package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.capture.format.TextTestPackets.bytes;
import static org.wiretop.capture.format.TextTestPackets.concat;
import static org.wiretop.capture.format.TextTestPackets.eth;
import static org.wiretop.capture.format.TextTestPackets.hex;
import static org.wiretop.capture.format.TextTestPackets.icmp;
import static org.wiretop.capture.format.TextTestPackets.ip4;
import static org.wiretop.capture.format.TextTestPackets.ip6;
import static org.wiretop.capture.format.TextTestPackets.udp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle: the installed tcpdump ({@code tcpdump -nn -S -r}) reads a pcap of hand-built frames
 * (TCP with options, UDP, ICMP and its errors, ARP, IPv6, fragments, cut-short headers) and
 * every one of its lines must equal ours, timestamp included (both in UTC). Skips when tcpdump
 * is not installed.
 */
class TextFormatterTcpdumpTest {
    @TempDir
    Path dir;

    /** Frames beyond {@link TextFormatterTest#cases()}, checked only against tcpdump itself. */
    static List<Object> extraFrames() {
        List<Object> f = new ArrayList<>();
        byte[] quotedTcp = ip4("10.0.0.1", "10.0.0.9", 6, hex("c350 01bb 00000001 00000000"));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 3, 0, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 1, 0, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 4, 1400, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 2, 0, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 5, 0, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 13, 0, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(3, 0, 0, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(5, 1, 0x0a000003, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(11, 1, 0, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(12, 0, 0x05000000, quotedTcp))));
        f.add(eth(0x800, ip4("10.0.0.2", "10.0.0.1", 1, icmp(42, 0, 0, bytes(4, 'q')))));
        // IPv6: first and later fragment of a UDP datagram, neighbour solicitation, echo reply
        byte[] fragFirst = concat(hex("11 00 0001 00000055"), udp(5000, 6000, bytes(100, 'b')));
        f.add(eth(0x86dd, ip6("2001:db8::1", "2001:db8::2", 44, java.util.Arrays.copyOf(fragFirst, 8 + 56))));
        f.add(eth(0x86dd, ip6("2001:db8::1", "2001:db8::2", 44, concat(hex("11 00 0038 00000055"), bytes(52, 'b')))));
        f.add(eth(0x86dd, ip6("fe80::1", "ff02::1:ff00:2", 58,
                icmp(135, 0, 0, concat(hex("fe800000000000000000000000000002"), hex("0101020000000001"))))));
        f.add(eth(0x86dd, ip6("::1", "::1", 58, icmp(129, 0, 0x00070009, bytes(8, 'z')))));
        f.add(eth(0x800, ip4("127.0.0.1", "127.0.0.1", 17, udp(53000, 47000, new byte[0]), 5, 2, 0)));
        // IPv4: the first fragment of a UDP datagram (more fragments set), and a later one
        f.add(eth(0x800, ip4("10.0.0.1", "10.0.0.2", 17,
                java.util.Arrays.copyOf(udp(5000, 6000, bytes(100, 'u')), 48), 9, 1, 0)));
        f.add(eth(0x800, ip4("10.0.0.1", "10.0.0.2", 17, bytes(60, 'u'), 9, 0, 6)));
        return f;
    }

    @Test
    void linesEqualTcpdumps() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed (apt-get install tcpdump): skipping the oracle comparison");
        List<Object> frames = new ArrayList<>();
        for (Object[] c : TextFormatterTest.cases()) {
            frames.add(c[0]);
        }
        frames.addAll(extraFrames());
        TextTestPackets pcap = new TextTestPackets();
        for (Object o : frames) {
            if (o instanceof TextTestPackets.Frame fr) {
                pcap.add(fr);
            } else {
                pcap.add((byte[]) o);
            }
        }
        Path file = dir.resolve("fixtures.pcap");
        pcap.writePcap(file);
        List<String> theirs = tcpdump(file, "-S");
        TextFormatter f = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC));
        assertEquals(frames.size(), theirs.size(), "tcpdump printed " + theirs);
        int same = 0;
        StringBuilder diffs = new StringBuilder();
        for (int i = 0; i < frames.size(); i++) {
            String ours = TextFormatterTest.formatOne(f, frames.get(i), i);
            if (ours.equals(theirs.get(i))) {
                same++;
            } else {
                diffs.append("\n#").append(i).append("\n  tcpdump: ").append(theirs.get(i)).append("\n  wiretop: ").append(ours);
            }
        }
        System.out.println("TextFormatterTcpdumpTest: " + same + "/" + frames.size() + " lines equal tcpdump's");
        assertTrue(diffs.length() == 0, "lines that differ from tcpdump -nn -S:" + diffs);
    }

    /** tcpdump's lines for a file, {@code -nn} plus the given flags (none, or "-S"). */
    static List<String> tcpdump(Path file, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-nn"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-r", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tcpdump did not finish");
        List<String> lines = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.US_ASCII).split("\n")) {
            if (!line.isEmpty() && !line.startsWith("\t")) { // hex dumps of undecoded payloads
                lines.add(line);
            }
        }
        return lines;
    }
}
