package org.wiretop.capture.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.wiretop.capture.filter.Frames.*;
import static org.wiretop.capture.filter.Packets.ip4;
import static org.wiretop.decode.PacketSummary.ACK;
import static org.wiretop.decode.PacketSummary.FIN;
import static org.wiretop.decode.PacketSummary.PSH;
import static org.wiretop.decode.PacketSummary.RST;
import static org.wiretop.decode.PacketSummary.SYN;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Our filters against Wireshark's own engine: a pcap built from bytes here, every filter
 * evaluated by tshark in one run (io,stat with one packet per one-second interval gives a
 * 0/1 per packet and filter) and by {@link DisplayFilter} over our decoder's summaries.
 */
class DisplayFilterTsharkTest {
    private static final byte[] NONE = new byte[0];

    /**
     * Comma-free (io,stat splits on commas), so sets use ranges; no xor or true/false, which
     * tshark 4.0 does not know yet (4.2 does; we accept them).
     */
    private static final String[] FILTERS = {
        "tcp", "udp", "ip", "ipv6", "arp", "icmp", "icmpv6", "eth", "vlan",
        "tcp.port == 12345", "tcp.port != 12345", "!(tcp.port == 12345)", "tcp.dstport eq 12345",
        "ip.addr == 10.0.0.1", "ip.addr != 10.0.0.1", "ip.addr == 10.0.0.0/8", "ip.src == 127.0.0.0/8",
        "ipv6.addr == ::1", "ipv6.src == fe80::/10", "ipv6.addr != ::1",
        "eth.addr == 00:11:22:33:44:55", "eth.dst == ff:ff:ff:ff:ff:ff", "eth.src != 02:00:00:00:00:0b",
        "tcp.flags.syn == 1", "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.flags.ack",
        "tcp.flags & 0x12 == 0x12", "tcp.flags & 0x04", "tcp.flags.reset == 1",
        "tcp.flags.fin == 1 || tcp.flags.push == 1", "tcp.flags == 0x018",
        "tcp.len > 0", "udp.port in {11111..11112}", "tcp.port in {80..443}", "ip.ttl < 64", "ip.flags.df == 0",
        "vlan.id == 42", "icmp.type == 8", "icmpv6.type == 128", "arp.opcode == 1 && arp.dst.proto_ipv4 == 192.168.1.2",
        "udp || tcp && tcp.port == 80", "(udp || tcp) && tcp.port == 80", "not ip and not ipv6",
        "tcp.srcport > tcp.dstport", "ip.src == ip.dst", "frame.len > 60", "eth.type == 0x8100",
        "tcp.port == 0x50", "tcp.port == 0120", "ip.proto == 17", "ipv6.nxt == 58",
        "tcp.seq_raw == 1000", "tcp.window_size_value == 65535", "tcp.srcport", "tcp.flags",
        "icmp.ident == 7 && icmp.seq == 1", "udp.length == 13", "ip.len >= 40 && ip.len le 45",
    };

    @TempDir
    Path dir;

    @Test
    void agreesWithTshark() throws Exception {
        String tshark = onPath("tshark");
        assumeTrue(tshark != null, "tshark is not installed (apt-get install tshark)");
        List<byte[]> frames = new ArrayList<>();
        int local = ip4(127, 0, 0, 1), a = ip4(10, 0, 0, 1), b = ip4(10, 0, 0, 2);
        frames.add(ethernet(HOST_B, HOST_A, 0x0800, ipv4(a, local, 6, 64, true, tcp(51000, 12345, 1000, 0, SYN, NONE))));
        frames.add(ethernet(HOST_A, HOST_B, 0x0800, ipv4(local, a, 6, 64, true,
                tcp(12345, 51000, 5000, 1001, SYN | ACK, NONE))));
        frames.add(ethernet(HOST_A, HOST_B, 0x0800, ipv4(local, a, 6, 64, true,
                tcp(12345, 51000, 5001, 1001, PSH | ACK, "hello".getBytes(StandardCharsets.US_ASCII)))));
        frames.add(ethernet(HOST_B, HOST_A, 0x0800, ipv4(ip4(192, 168, 1, 5), ip4(192, 168, 1, 1), 17, 64, false,
                udp(40000, 11111, "hello".getBytes(StandardCharsets.US_ASCII)))));
        frames.add(ethernet(HOST_B, HOST_A, 0x86dd, ipv6(0xfe80L << 48, 1, 0, 1, 17, udp(40001, 11111, NONE))));
        frames.add(ethernet(BROADCAST, HOST_A, 0x0806, arpRequest(HOST_A, ip4(192, 168, 1, 1), ip4(192, 168, 1, 2))));
        frames.add(ethernet(HOST_B, HOST_A, 0x0800, ipv4(a, b, 1, 64, true, echo(8, 7, 1))));
        frames.add(vlan(HOST_B, HOST_A, 42, 0x0800, ipv4(ip4(10, 1, 2, 3), a, 6, 63, false,
                tcp(80, 51000, 77, 0, RST, NONE))));
        frames.add(ethernet(HOST_B, HOST_A, 0x86dd, ipv6(0, 1, 0, 1, 58, echo(128, 9, 2))));
        frames.add(ethernet(HOST_B, HOST_A, 0x0800, ipv4(b, a, 6, 1, false, tcp(443, 51001, 9, 10, FIN | ACK, NONE))));
        // cut 6 bytes into the TCP header: ports captured, flags not
        frames.add(ethernet(HOST_B, HOST_A, 0x0800, ipv4(a, local, 6, 64, true, tcp(51002, 12345, 1, 0, SYN, NONE))));
        int[] capLens = new int[frames.size() + 1];
        Arrays.fill(capLens, 65535);
        capLens[frames.size() - 1] = 14 + 20 + 6;
        // a sentinel in the last io,stat interval, which tshark closes at the capture's end
        frames.add(ethernet(HOST_B, HOST_A, 0x88b5, new byte[46]));
        Path pcap = dir.resolve("filters.pcap");
        try (OutputStream out = Files.newOutputStream(pcap)) {
            Frames.writePcap(out, frames, capLens);
        }
        int packets = frames.size() - 1;

        boolean[][] theirs = tsharkMatches(tshark, pcap, packets);
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        List<String> differences = new ArrayList<>();
        int matchesSeen = 0;
        for (int f = 0; f < FILTERS.length; f++) {
            DisplayFilter filter = DisplayFilter.compile(FILTERS[f]);
            for (int i = 0; i < packets; i++) {
                byte[] frame = frames.get(i);
                decoder.decode(Decoder.DLT_EN10MB, frame, Math.min(frame.length, capLens[i]), frame.length, s);
                s.frameNumber = i + 1;
                boolean ours = filter.test(s);
                matchesSeen += ours ? 1 : 0;
                if (ours != theirs[f][i]) {
                    differences.add("'" + FILTERS[f] + "' on frame " + (i + 1) + ": tshark " + theirs[f][i]
                            + ", wiretop " + ours);
                }
            }
        }
        assertTrue(matchesSeen > FILTERS.length, "suspiciously few matches: " + matchesSeen);
        assertEquals(List.of(), differences);
    }

    /** result[filter][packet]: whether tshark's filter matched. */
    private static boolean[][] tsharkMatches(String tshark, Path pcap, int packets) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tshark, "-n", "-q", "-r", pcap.toString(),
                "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE",
                "-z", "io,stat,1," + String.join(",", FILTERS)));
        Path log = pcap.resolveSibling("tshark.out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not finish in 60 s");
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        boolean[][] result = new boolean[FILTERS.length][packets];
        int row = 0;
        for (String line : out.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 3 || !cells[1].contains("<>") || row >= packets) {
                continue;
            }
            for (int f = 0; f < FILTERS.length; f++) {
                result[f][row] = Integer.parseInt(cells[2 + 2 * f].trim()) > 0;
            }
            row++;
        }
        assertEquals(packets, row, "tshark printed fewer intervals than packets:\n" + out);
        return result;
    }

    private static String onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
