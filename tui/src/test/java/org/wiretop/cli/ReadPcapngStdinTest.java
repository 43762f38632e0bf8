package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.LibPcap;

/**
 * {@code wiretop read -} with pcapng on standard input (our pure-Java stream reader) prints the
 * same lines as {@code wiretop read FILE} (libpcap for a pcapng file, our reader for pcap).
 * Epoch stamps with nanoseconds ({@code -tt --nano}) so the comparison is exact and free of
 * time zones.
 */
class ReadPcapngStdinTest {
    @TempDir
    Path dir;

    @Test
    void pcapngOnStdinPrintsWhatTheSameFilePrints() throws Exception {
        Assumptions.assumeTrue(LibPcap.available(), "libpcap is not installed: read FILE of a pcapng needs it");
        Path ng = Files.write(dir.resolve("mix.pcapng"), pcapng(TestPcaps.FRAMES));
        CliRunner.Result file = CliRunner.inProcess("read", "-tt", "--nano", ng.toString());
        assertEquals(0, file.code(), file.err());
        assertEquals(TestPcaps.FRAMES.length, file.lines().size(), file.out());

        ProcessBuilder wiretop = wiretop("read", "-tt", "--nano", "-").redirectInput(ng.toFile());
        Run stdin = finish(List.of(wiretop));
        assertEquals(0, stdin.code, stdin.err);
        assertEquals(file.lines(), stdin.lines());
        assertTrue(stdin.lines().get(0).startsWith("1700000000.000000001 IP 10.0.0.1.51000 > 10.0.0.2.443: Flags [S]"), stdin.out);
        assertTrue(stdin.err.startsWith("reading from file -, link-type EN10MB"), stdin.err);
    }

    @Test
    void tsharkPcapngThroughAPipeReadsAsThePcapItCameFrom() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed: skipping");
        Path pcap = dir.resolve("mix.pcap");
        TestPcaps.write(pcap);
        CliRunner.Result file = CliRunner.inProcess("read", "-tt", "--nano", pcap.toString());
        assertEquals(0, file.code(), file.err());

        ProcessBuilder tshark = new ProcessBuilder("tshark", "-r", pcap.toString(), "-w", "-", "-F", "pcapng")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Run piped = finish(List.of(tshark, wiretop("read", "-tt", "--nano", "-")));
        assertEquals(0, piped.code, piped.err);
        assertEquals(TestPcaps.FRAMES.length, piped.lines().size(), piped.out + piped.err);
        assertEquals(file.lines(), piped.lines());
    }

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return new CliRunner.Result(code, out, err).lines();
        }
    }

    private ProcessBuilder wiretop(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.wiretop.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd);
    }

    /** Runs the processes as a pipeline (bounded to 60 s); the last one's output and status. */
    private Run finish(List<ProcessBuilder> pipeline) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder last = pipeline.get(pipeline.size() - 1);
        last.redirectOutput(out.toFile()).redirectError(err.toFile());
        List<Process> started = ProcessBuilder.startPipeline(pipeline);
        Process end = started.get(started.size() - 1);
        if (!end.waitFor(60, TimeUnit.SECONDS)) {
            started.forEach(Process::destroyForcibly);
            throw new IOException("wiretop read - did not finish");
        }
        for (Process p : started) {
            p.waitFor(10, TimeUnit.SECONDS);
        }
        return new Run(end.exitValue(), CliRunner.read(out), CliRunner.read(err));
    }

    /**
     * A little-endian pcapng of Ethernet frames: SHB, IDB with nanosecond {@code if_tsresol},
     * an unknown block to skip, then one EPB a frame, stamps 1700000000 s + i s + i ns.
     */
    private static byte[] pcapng(String[] frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer shb = le(28).putInt(0x0A0D0D0A).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1).putInt(28);
        out.writeBytes(shb.array());
        ByteBuffer idb = le(32).putInt(1).putInt(32).putShort((short) 1).putShort((short) 0).putInt(262144)
                .putShort((short) 9).putShort((short) 1).putInt(9).putInt(0).putInt(32); // if_tsresol 9, end of options
        out.writeBytes(idb.array());
        out.writeBytes(le(16).putInt(0x40000123).putInt(16).putInt(7).putInt(16).array());
        for (int i = 0; i < frames.length; i++) {
            byte[] d = TestPcaps.hex(frames[i]);
            int length = 32 + ((d.length + 3) & ~3);
            long ns = (1_700_000_000L + i) * 1_000_000_000L + i + 1;
            ByteBuffer epb = le(length).putInt(6).putInt(length).putInt(0).putInt((int) (ns >>> 32)).putInt((int) ns)
                    .putInt(d.length).putInt(d.length).put(d);
            epb.putInt(length - 4, length);
            out.writeBytes(epb.array());
        }
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
