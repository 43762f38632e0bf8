package org.wiretop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The pipe to other hosts (issue 7): a pcap stream through standard output and standard input,
 * live, packet by packet — between two wiretop processes, and with tcpdump on either side.
 * Each test proves liveness: the reading side shows packets while the capturing side still runs.
 */
class PipeIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void wiretopToWiretopIsLive() throws Exception {
        Wiretop.assumeRoot();
        int port = Wiretop.freeUdpPort();
        pipeIsLive(Wiretop.command("capture", "-i", "lo", "-w", "-", "udp", "port", String.valueOf(port)), port);
    }

    @Test
    void tcpdumpToWiretopIsLive() throws Exception {
        Wiretop.assumeRoot();
        Wiretop.assumeTool("tcpdump");
        int port = Wiretop.freeUdpPort();
        pipeIsLive(List.of("tcpdump", "-i", "lo", "-U", "-w", "-", "udp port " + port), port);
    }

    @Test
    void wiretopToTcpdump() throws Exception {
        Wiretop.assumeRoot();
        Wiretop.assumeTool("tcpdump");
        int port = Wiretop.freeUdpPort();
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                Wiretop.wiretop("capture", "-i", "lo", "-c", "10", "-w", "-", "udp", "port", String.valueOf(port)),
                new ProcessBuilder("tcpdump", "-nn", "-r", "-")));
        Process capture = pipeline.get(0);
        Process tcpdump = pipeline.get(1);
        Wiretop.Lines out = Wiretop.Lines.follow(tcpdump.getInputStream());
        Wiretop.Lines err = Wiretop.Lines.follow(tcpdump.getErrorStream());
        try {
            // Until the capture has its 10 packets it keeps running; send in small bounded rounds.
            for (int round = 0; round < 100 && capture.isAlive(); round++) {
                Wiretop.sendUdp("127.0.0.1", port, 1, 32, 20);
            }
            assertTrue(capture.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "capture -c 10 did not end");
            assertTrue(tcpdump.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "tcpdump -r - did not end");
            out.join();
            assertEquals(0, tcpdump.exitValue(), "tcpdump failed on our stream: " + err.text());
            List<String> lines = out.snapshot();
            assertEquals(10, lines.size(), "tcpdump read: " + lines + "\n" + err.text());
            assertTrue(lines.stream().allMatch(l -> l.contains("." + port + ":") && l.contains("UDP, length 32")),
                    "lines: " + lines);
        } finally {
            pipeline.forEach(Process::destroyForcibly);
        }
    }

    /** Starts {@code producer | wiretop read -}, sends datagrams until lines come out, then stops the producer. */
    private static void pipeIsLive(List<String> producer, int port) throws IOException, InterruptedException {
        List<Process> pipeline = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder(producer), Wiretop.wiretop("read", "-")));
        Process capture = pipeline.get(0);
        Process reader = pipeline.get(1);
        Wiretop.Lines out = Wiretop.Lines.follow(reader.getInputStream());
        Wiretop.Lines err = Wiretop.Lines.follow(reader.getErrorStream());
        Wiretop.Lines captureErr = Wiretop.Lines.follow(capture.getErrorStream());
        try {
            // Capture start-up takes a moment: send bounded rounds until three lines are shown.
            boolean live = false;
            for (int round = 0; round < 300 && !live; round++) {
                Wiretop.sendUdp("127.0.0.1", port, 1, 48, 0);
                live = Wiretop.await(Duration.ofMillis(100), () -> out.count() >= 3);
            }
            assertTrue(live, "the reader showed " + out.count() + " lines while the capture ran; reader: "
                    + err.text() + "; capture: " + captureErr.text());
            assertTrue(capture.isAlive(), "the producer ended early: " + captureErr.text());
            for (String line : out.snapshot()) {
                assertTrue(line.contains("127.0.0.1") && line.contains("." + port + ":") && line.contains("UDP, length 48"), line);
            }
            capture.destroy(); // SIGTERM: the stream ends, the reader sees end of input
            assertTrue(reader.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "reader did not end after the stream ended");
            assertEquals(0, reader.exitValue(), "reader: " + err.text());
        } finally {
            pipeline.forEach(Process::destroyForcibly);
        }
    }
}
