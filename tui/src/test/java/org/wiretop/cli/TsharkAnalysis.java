package org.wiretop.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * tshark's conversation analysis of a capture (stream numbers, relative sequence numbers, every
 * {@code tcp.analysis.*} expert flag, the duplicate-ACK number and the ACK RTT) against ours
 * ({@code read --format json}), cell by cell.
 */
final class TsharkAnalysis {
    static final List<String> FIELDS = List.of("tcp.stream", "udp.stream", "tcp.seq", "tcp.ack",
            "tcp.analysis.retransmission", "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission",
            "tcp.analysis.out_of_order", "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment",
            "tcp.analysis.duplicate_ack", "tcp.analysis.duplicate_ack_num", "tcp.analysis.zero_window",
            "tcp.analysis.zero_window_probe", "tcp.analysis.zero_window_probe_ack", "tcp.analysis.window_full",
            "tcp.analysis.window_update", "tcp.analysis.keep_alive", "tcp.analysis.keep_alive_ack",
            "tcp.analysis.reused_ports", "tcp.analysis.ack_rtt");

    private TsharkAnalysis() {
    }

    /** The differing cells ("#frame field: tshark=… ours=…"), empty when all agree. */
    static List<String> differences(Path pcap) throws IOException, InterruptedException {
        return differences(pcap, null);
    }

    /** As above; also counts the packets with each expert flag (ours) into {@code flags}, when given. */
    static List<String> differences(Path pcap, Map<String, Integer> flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields", "-E",
                "occurrence=f"));
        for (String f : FIELDS) {
            cmd.addAll(List.of("-e", f));
        }
        List<Map<String, String>> theirs = new ArrayList<>();
        for (String line : CliRunner.run(cmd).split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < FIELDS.size() && i < cells.length; i++) {
                if (!cells[i].isEmpty()) {
                    row.put(FIELDS.get(i), cells[i]);
                }
            }
            theirs.add(row);
        }
        List<Map<String, String>> ours = Oracles.ourJson(pcap);
        if (flags != null) {
            count(ours, flags);
        }
        List<String> out = new ArrayList<>();
        if (theirs.size() != ours.size()) {
            out.add("packets: tshark " + theirs.size() + ", ours " + ours.size());
        }
        for (int i = 0; i < Math.min(theirs.size(), ours.size()); i++) {
            for (String f : FIELDS) {
                String t = theirs.get(i).getOrDefault(f, "");
                String o = ours.get(i).getOrDefault(f, "");
                if (!t.equals(o)) {
                    out.add("#" + (i + 1) + " " + f + ": tshark=" + t + " ours=" + o);
                }
            }
        }
        return out;
    }

    private static void count(List<Map<String, String>> rows, Map<String, Integer> counts) {
        for (Map<String, String> row : rows) {
            for (String k : row.keySet()) {
                if (k.startsWith("tcp.analysis.") && !k.endsWith("ack_rtt") && !k.endsWith("_num")) {
                    counts.merge(k.substring("tcp.analysis.".length()), 1, Integer::sum);
                }
            }
        }
    }
}
