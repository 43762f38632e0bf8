package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tshark's TCP expert analysis, flag for flag, on real loopback traffic recorded by
 * {@code wiretop capture -w} and then damaged on purpose. Three transfers: curl fetching a file
 * from {@code python3 -m http.server}; a fast sender and a slow reader with a small receive buffer
 * (zero windows, full windows, window updates, probes); an idle connection with keep-alives. Each
 * is compared whole, then in {@value #VARIANTS} variants with packets dropped, duplicated,
 * reordered and windows shrunk (seeded, so a failure names its edits and repeats): every
 * {@code tcp.analysis.*} cell, the stream numbers and the relative sequence numbers must equal
 * tshark's.
 */
class TcpAnalysisDamageTest {
    private static final int VARIANTS = 12;

    @TempDir
    Path dir;

    @Test
    void damagedTransfersAnalyseAsTshark() throws Exception {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        for (String tool : List.of("curl", "python3", "tshark")) {
            Assumptions.assumeTrue(RealPrograms.onPath(tool), tool + " is not installed (scripts/setup installs it): skipping");
        }
        Path script = dir.resolve("tcp_moods.py");
        try (InputStream in = getClass().getResourceAsStream("tcp_moods.py")) {
            Files.write(script, in.readAllBytes());
        }
        List<Path> bases = List.of(curlTransfer(), mood(script, "slow", 300), mood(script, "idle", 12));
        Map<String, Integer> flags = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Random random = new Random(20240612);
        int compared = 0;
        for (Path base : bases) {
            check(base, base.getFileName() + " as recorded", flags, failures);
            for (int v = 0; v < VARIANTS; v++) {
                PcapEdits edits = new PcapEdits(base);
                String words = v == 0 ? edits.fastRetransmission(random)
                        : v == 1 ? edits.outOfOrder(random) : edits.randomDamage(random);
                Path damaged = dir.resolve("damaged-" + compared++ + ".pcap");
                edits.write(damaged);
                check(damaged, base.getFileName() + " with " + words, flags, failures);
            }
        }
        System.out.println("expert flags compared with tshark (packets): " + flags);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        for (String flag : List.of("retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
                "lost_segment",
                "ack_lost_segment", "duplicate_ack", "zero_window", "window_full", "window_update", "keep_alive",
                "keep_alive_ack")) {
            assertTrue(flags.getOrDefault(flag, 0) > 0, "no packet had " + flag + ": " + flags);
        }
    }

    private static void check(Path pcap, String what, Map<String, Integer> flags, List<String> failures) throws Exception {
        List<String> diff = TsharkAnalysis.differences(pcap, flags);
        if (!diff.isEmpty()) {
            failures.add(what + ":\n  " + String.join("\n  ", diff.subList(0, Math.min(10, diff.size()))));
        }
    }

    private Path curlTransfer() throws Exception {
        int port = RealPrograms.freePort();
        Path www = Files.createDirectories(dir.resolve("www"));
        byte[] file = new byte[600_000];
        new Random(7).nextBytes(file);
        Files.write(www.resolve("file.bin"), file);
        Process server = RealPrograms.server(www, "http", port, List.of("python3", "-m", "http.server",
                String.valueOf(port), "--bind", "127.0.0.1"));
        try (LoopbackRecording rec = LoopbackRecording.start(dir, "curl", "tcp port " + port)) {
            assertEquals(0, RealPrograms.client(dir, "curl", null, List.of("curl", "-s", "-o", "file.out",
                    "http://127.0.0.1:" + port + "/file.bin")));
            return rec.stop(20);
        } finally {
            RealPrograms.stop(server);
        }
    }

    private Path mood(Path script, String mood, int packets) throws Exception {
        int port = RealPrograms.freePort();
        try (LoopbackRecording rec = LoopbackRecording.start(dir, mood, "tcp port " + port)) {
            assertEquals(0, RealPrograms.client(dir, mood, null, List.of("python3", script.toString(), mood,
                    String.valueOf(port))), CliRunner.read(dir.resolve(mood + ".log")));
            return rec.stop(packets);
        }
    }
}
