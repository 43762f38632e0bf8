package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real traffic on {@code lo} recorded by {@code wiretop capture -w} running as its own process
 * (as root; tests skip otherwise), for tests that then compare our decode of the file with
 * tshark's and tcpdump's. Stopped with SIGTERM once the file holds what the test expects.
 */
final class LoopbackRecording implements AutoCloseable {
    private final Process process;
    private final Path pcap;
    private final Path err;

    private LoopbackRecording(Process process, Path pcap, Path err) {
        this.process = process;
        this.pcap = pcap;
        this.err = err;
    }

    /** Starts recording packets that match the BPF {@code filter} into DIR/NAME.pcap. */
    static LoopbackRecording start(Path dir, String name, String filter) throws IOException {
        Assumptions.assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        Path pcap = dir.resolve(name + ".pcap");
        Path err = dir.resolve(name + ".err");
        Process p = CliRunner.start(dir.resolve(name + ".out"), err, "capture", "-i", "lo", "-w", pcap.toString(),
                "--immediate-mode", filter);
        assertTrue(CliRunner.await(15_000, () -> CliRunner.read(err).contains("listening on") || !p.isAlive()),
                "capture did not start: " + CliRunner.read(err));
        assertTrue(p.isAlive(), "capture ended early: " + CliRunner.read(err));
        return new LoopbackRecording(p, pcap, err);
    }

    /** Waits until the file holds at least {@code packets} packets, stops the capture, returns the file. */
    Path stop(int packets) throws InterruptedException {
        assertTrue(CliRunner.await(15_000, () -> count() >= packets),
                "the capture saw " + count() + " packets, expected " + packets + ": " + CliRunner.read(err));
        process.destroy(); // SIGTERM: flushes the file and exits 0
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "capture did not stop on SIGTERM");
        assertEquals(0, process.exitValue(), CliRunner.read(err));
        return pcap;
    }

    private long count() {
        CliRunner.Result r = CliRunner.inProcess("read", pcap.toString());
        return r.code() == 0 ? r.lines().size() : -1;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
