package org.wiretop.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tshark's side of the flow comparisons, IP reassembly off (a flow probe does not reassemble, and
 * neither does wiretop): its conversation tables ({@code -z conv,tcp -z conv,udp}) and, from its
 * per-packet fields, what each direction of each TCP/UDP conversation carried.
 */
final class TsharkFlows {
    /** One direction of a conversation. */
    static final class Direction {
        long frames, frameBytes, ipBytes;
    }

    /** A row of {@code tshark -z conv}: "&lt;-" is what B sent to A, "-&gt;" what A sent to B. */
    record ConvRow(int protocol, String a, String b, long framesBA, String bytesBA, long framesAB, String bytesAB,
                   String relStart, String duration) {
    }

    private static final Pattern CONV = Pattern.compile(
            "^(\\S+)\\s+<->\\s+(\\S+)\\s+(\\d+) (\\d+ \\w+)\\s+(\\d+) (\\d+ \\w+)\\s+\\d+ \\d+ \\w+\\s+(\\S+)\\s+(\\S+)\\s*$");

    /** Per direction, keyed {@code "proto src:port > dst:port"}. */
    final Map<String, Direction> directions = new TreeMap<>();
    /** ICMP and ICMPv6 per direction, keyed {@code "proto srcaddr > dstaddr"} (no ports). */
    final Map<String, Direction> icmp = new TreeMap<>();
    /** First and latest packet (epoch ns) of each conversation, keyed by {@link #conversation}. */
    final Map<String, long[]> times = new TreeMap<>();
    final List<ConvRow> table = new ArrayList<>();

    static TsharkFlows of(Path pcap) throws IOException, InterruptedException {
        TsharkFlows t = new TsharkFlows();
        t.readPackets(pcap);
        t.readTable(pcap);
        return t;
    }

    static String key(int protocol, String src, String dst) {
        return protocol + " " + src + " > " + dst;
    }

    /** The same key for both directions. */
    static String conversation(int protocol, String x, String y) {
        return x.compareTo(y) <= 0 ? protocol + " " + x + " " + y : protocol + " " + y + " " + x;
    }

    private void readPackets(Path pcap) throws IOException, InterruptedException {
        String out = Tools.run(List.of("tshark", "-r", pcap.toString(), "-o", "ip.defragment:FALSE", "-T", "fields",
                "-E", "occurrence=f", "-E", "separator=/t", "-e", "frame.time_epoch", "-e", "frame.len",
                "-e", "ip.src", "-e", "ip.dst", "-e", "ip.len", "-e", "ipv6.src", "-e", "ipv6.dst", "-e", "ipv6.plen",
                "-e", "tcp.srcport", "-e", "tcp.dstport", "-e", "udp.srcport", "-e", "udp.dstport",
                "-e", "icmp.type", "-e", "icmpv6.type"));
        for (String line : out.split("\n")) {
            String[] f = (line + "\tend").split("\t");
            if (f.length < 15) {
                continue;
            }
            boolean v4 = !f[2].isEmpty();
            if (!f[12].isEmpty() || !f[13].isEmpty()) { // ICMP (an error's quoted ports are not its own)
                Direction d = icmp.computeIfAbsent(key(v4 ? 1 : 58, v4 ? f[2] : f[5], v4 ? f[3] : f[6]),
                        k -> new Direction());
                d.frames++;
                d.frameBytes += Long.parseLong(f[1]);
                d.ipBytes += v4 ? Long.parseLong(f[4]) : 40 + Long.parseLong(f[7]);
                continue;
            }
            boolean tcp = !f[8].isEmpty();
            if (!tcp && f[10].isEmpty()) {
                continue;
            }
            String src = (v4 ? f[2] : f[5]) + ":" + (tcp ? f[8] : f[10]);
            String dst = (v4 ? f[3] : f[6]) + ":" + (tcp ? f[9] : f[11]);
            int proto = tcp ? 6 : 17;
            Direction d = directions.computeIfAbsent(key(proto, src, dst), k -> new Direction());
            d.frames++;
            d.frameBytes += Long.parseLong(f[1]);
            d.ipBytes += v4 ? Long.parseLong(f[4]) : 40 + Long.parseLong(f[7]);
            long t = new BigDecimal(f[0]).movePointRight(9).longValueExact();
            long[] span = times.computeIfAbsent(conversation(proto, src, dst), k -> new long[] {t, t});
            span[0] = Math.min(span[0], t);
            span[1] = Math.max(span[1], t);
        }
    }

    private void readTable(Path pcap) throws IOException, InterruptedException {
        String out = Tools.run(List.of("tshark", "-r", pcap.toString(), "-o", "ip.defragment:FALSE", "-q",
                "-z", "conv,tcp", "-z", "conv,udp"));
        int protocol = 0;
        for (String line : out.split("\n")) {
            if (line.startsWith("TCP Conversations")) {
                protocol = 6;
            } else if (line.startsWith("UDP Conversations")) {
                protocol = 17;
            }
            Matcher m = CONV.matcher(line);
            if (m.matches()) {
                table.add(new ConvRow(protocol, m.group(1), m.group(2), Long.parseLong(m.group(3)), m.group(4),
                        Long.parseLong(m.group(5)), m.group(6), m.group(7), m.group(8)));
            }
        }
    }
}
