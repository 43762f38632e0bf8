package org.wiretop.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.conv.TcpFrames.ACK;
import static org.wiretop.conv.TcpFrames.FIN;
import static org.wiretop.conv.TcpFrames.PSH;
import static org.wiretop.conv.TcpFrames.SYN;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;

/**
 * The corners of tshark 4.0's TCP analysis that its source leaves open, each pinned by a small
 * conversation written to a pcap and read back by tshark: which events re-arm "ACKed unseen
 * segment", how duplicate ACKs count around it, port reuse, a SYN-ACK with another ISN, keep-alives,
 * zero-window probes, full windows, sequence wrap-around. Every expert-flag cell, stream number,
 * relative sequence number and ACK RTT must equal tshark's (skipped without tshark).
 */
class TcpAnalysisRulesTest {
    private static final byte[] B100 = bytes(100), B50 = bytes(50), B10 = bytes(10), B1 = bytes(1);

    @TempDir
    Path dir;

    @Test
    void ackedUnseenSegmentAndDuplicateAcks() throws Exception {
        TcpFrames f = new TcpFrames();
        // a gap acknowledged, then the other side's spurious copy, then more beyond: one report
        handshake(f).server(ACK, 1, 1, B100).client(ACK, 1, 101, none()).client(ACK, 1, 201, none())
                .server(ACK, 101, 1, B100).client(ACK, 1, 301, none());
        // ... then the other side acknowledges something new: reported again
        handshake(f).server(ACK, 1, 1, B100).client(ACK, 1, 101, none()).client(ACK, 1, 201, none())
                .client(ACK | PSH, 1, 201, B10).server(ACK, 101, 11, none()).client(ACK, 11, 301, none());
        // ... a gap in the other direction (its data beyond what it sent contiguously): reported again
        handshake(f).server(ACK, 1, 1, B100).client(ACK, 1, 101, none()).client(ACK, 1, 201, none())
                .server(ACK, 301, 1, B100).client(ACK, 1, 301, none()).client(ACK, 1, 451, none());
        // ... the other side's duplicate ACKs after it count from 1; its window update and zero window
        handshake(f).server(ACK, 1, 1, B100).client(ACK, 1, 201, none()).server(ACK, 101, 1, none())
                .server(ACK, 101, 1, none()).server(ACK, 101, 1, none()).client(ACK, 1, 501, none());
        handshake(f).server(ACK, 1, 1, B100).client(ACK, 1, 201, none())
                .frame(false, ACK, 101, 1, 2000, none(), -1, 1_000_000).frame(false, ACK, 101, 1, 0, none(), -1, 1_000_000)
                .client(ACK, 1, 501, none());
        // duplicate ACKs: data in between does not restart the count, a gap does not either
        handshake(f).server(ACK, 1, 1, B100).client(ACK, 1, 101, none()).client(ACK, 1, 101, none())
                .client(ACK | PSH, 1, 101, B10).client(ACK, 11, 101, none()).client(ACK, 11, 101, none());
        handshake(f).server(ACK, 1, 1, B100).client(ACK, 1, 101, none()).client(ACK, 1, 101, none())
                .client(ACK, 5, 101, none()).client(ACK, 5, 101, none());
        // three duplicate ACKs then the segment again within 20 ms: a fast retransmission
        handshake(f).server(ACK, 1, 1, B100).server(ACK, 101, 1, B100).server(ACK, 201, 1, B100)
                .client(ACK, 1, 101, none()).client(ACK, 1, 101, none()).client(ACK, 1, 101, none())
                .frame(false, ACK, 101, 1, 1000, B100, -1, 2_000_000).client(ACK, 1, 301, none());
        compare(f);
    }

    @Test
    void portReuseKeepAlivesWindowsAndWrapAround() throws Exception {
        TcpFrames f = new TcpFrames();
        // a closed connection, then a SYN with another ISN on the same ports: a new stream;
        // a retransmitted SYN (same ISN) is not
        handshake(f).client(ACK | PSH, 1, 1, B10).server(ACK | FIN, 1, 11, none())
                .client(ACK | FIN, 11, 2, none()).server(ACK, 2, 12, none());
        f.isns(7_000_000, 9_000_000).client(SYN, 0, 0, none()).client(SYN, 0, 0, none()).server(SYN | ACK, 0, 1, none())
                .client(ACK, 1, 1, none());
        // a SYN-ACK with another ISN on a known conversation
        handshake(f).isns(1_000_000, 6_000_000).server(SYN | ACK, 0, 1, none()).client(ACK, 1, 1, none())
                .server(ACK | PSH, 1, 1, B10);
        // keep-alives and their ACKs; a zero window, a probe into it and the probe's ACK
        handshake(f).client(ACK | PSH, 1, 1, B10).server(ACK, 1, 11, none()).client(ACK, 10, 1, none())
                .server(ACK, 1, 11, none()).client(ACK, 10, 1, B1).server(ACK, 1, 11, none());
        handshake(f).client(ACK | PSH, 1, 1, B10).frame(false, ACK, 1, 11, 0, none(), -1, 1_000_000)
                .client(ACK, 11, 1, B1).frame(false, ACK, 1, 11, 0, none(), -1, 1_000_000)
                .frame(false, ACK, 1, 11, 500, none(), -1, 1_000_000).client(ACK | PSH, 11, 1, B50);
        // window scaling from the handshake: a segment up to the scaled window's edge is "window full"
        f.clientPort(f.clientPort() + 1).isns(1_000_000, 5_000_000).frame(true, SYN, 0, 0, 1000, none(), 2, 0)
                .frame(false, SYN | ACK, 0, 1, 1000, none(), 3, 1_000_000).frame(true, ACK, 1, 1, 25, none(), -1, 1_000_000)
                .server(ACK | PSH, 1, 1, B100).server(ACK | PSH, 101, 1, B100);
        // sequence numbers wrapping through 0 in both directions
        handshake(f, 0xffffff00L, 0xfffffff0L).client(ACK | PSH, 1, 1, B100).client(ACK | PSH, 101, 1, B100)
                .client(ACK | PSH, 201, 1, B100).server(ACK, 1, 301, none()).server(ACK | PSH, 1, 301, B50)
                .client(ACK | PSH, 101, 1, B100).client(ACK, 301, 51, none());
        compare(f);
    }

    /** Ours (the analyzer on the frames) against tshark's fields of the same pcap, packet by packet. */
    private void compare(TcpFrames frames) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed: skipped");
        Path pcap = dir.resolve("cases.pcap");
        frames.write(pcap);
        List<String> ours = ours(frames);
        List<String> theirs = tshark(pcap);
        assertEquals(theirs.size(), ours.size(), "packets");
        List<String> failures = new ArrayList<>();
        for (int p = 0; p < ours.size(); p++) {
            if (!ours.get(p).equals(theirs.get(p))) {
                failures.add("#" + (p + 1) + "\n  tshark " + theirs.get(p) + "\n  ours   " + ours.get(p));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static final List<String> FIELDS = List.of("tcp.stream", "tcp.seq", "tcp.ack", "tcp.analysis.retransmission",
            "tcp.analysis.fast_retransmission", "tcp.analysis.spurious_retransmission", "tcp.analysis.out_of_order",
            "tcp.analysis.lost_segment", "tcp.analysis.ack_lost_segment", "tcp.analysis.duplicate_ack",
            "tcp.analysis.duplicate_ack_num", "tcp.analysis.zero_window", "tcp.analysis.zero_window_probe",
            "tcp.analysis.zero_window_probe_ack", "tcp.analysis.window_full", "tcp.analysis.window_update",
            "tcp.analysis.keep_alive", "tcp.analysis.keep_alive_ack", "tcp.analysis.reused_ports", "tcp.analysis.ack_rtt");

    private static List<String> ours(TcpFrames frames) {
        List<String> rows = new ArrayList<>();
        LineBuilder json = new LineBuilder(1024);
        frames.analyse(new ConversationAnalyzer(), (s, f) -> {
            json.setLength(0);
            String line = JsonFormatter.append(s, json).toString();
            StringBuilder row = new StringBuilder();
            for (String field : FIELDS) {
                int at = line.indexOf("\"" + field + "\":");
                String v = "";
                if (at >= 0) {
                    int start = at + field.length() + 3;
                    int end = start;
                    while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != '}') {
                        end++;
                    }
                    v = line.substring(start, end);
                }
                row.append(field).append('=').append(v).append(' ');
            }
            rows.add(row.toString());
        });
        return rows;
    }

    private static List<String> tshark(Path pcap) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields", "-E", "occurrence=f"));
        for (String f : FIELDS) {
            cmd.addAll(List.of("-e", f));
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tshark did not finish");
        List<String> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < FIELDS.size(); i++) {
                row.append(FIELDS.get(i)).append('=').append(i < cells.length ? cells[i] : "").append(' ');
            }
            rows.add(row.toString());
        }
        return rows;
    }

    /** A new conversation (the next client port) and its handshake. */
    private static TcpFrames handshake(TcpFrames f) {
        return handshake(f, 1_000_000, 5_000_000);
    }

    private static TcpFrames handshake(TcpFrames f, long clientIsn, long serverIsn) {
        return f.clientPort(f.clientPort() + 1).isns(clientIsn, serverIsn).client(SYN, 0, 0, none())
                .server(SYN | ACK, 0, 1, none()).client(ACK, 1, 1, none());
    }

    private static byte[] none() {
        return new byte[0];
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
