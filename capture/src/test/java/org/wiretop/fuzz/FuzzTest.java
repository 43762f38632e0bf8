package org.wiretop.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;

/**
 * A short, bounded, coverage-guided fuzz run (Jazzer, libFuzzer inside the JVM) of
 * {@link PacketFuzzTarget}: the decoder, the formatters and both pcap readers. Seeds are
 * tcpdump's test captures from {@code ../shared/corpus/tcpdump} where present (whole files for
 * the readers, single packets for the decoder) plus our regression fixtures; any finding fails
 * the test and names the input file to turn into a fixture in {@code fuzz-regressions/}.
 *
 * <p>Seconds: {@code -Dwiretop.fuzz.seconds} (default 30). Longer runs: {@code scripts/fuzz}.
 */
class FuzzTest {
    private static final Pattern DONE = Pattern.compile("Done (\\d+) runs in (\\d+) second");

    @Test
    void fuzzingFindsNothing(@TempDir Path work) throws Exception {
        int seconds = Integer.getInteger("wiretop.fuzz.seconds", 30);
        Path seeds = Files.createDirectories(work.resolve("seeds"));
        Path corpus = Files.createDirectories(work.resolve("corpus"));
        Path findings = Files.createDirectories(work.resolve("findings"));
        int seedCount = FuzzSeeds.write(seeds);
        System.out.println("fuzz: " + seedCount + " seeds (" + FuzzSeeds.corpusNote() + ")");

        // -Xmx1g bounds the Java heap (an OutOfMemoryError is a finding); the RSS limit leaves room for
        // the JVM itself, Jazzer's native side and ~3,000 seeds (2.1 GB once loaded).
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", testClassPath(),
                "com.code_intelligence.jazzer.Jazzer",
                "--target_class=" + PacketFuzzTarget.class.getName(),
                "--instrumentation_includes=org.wiretop.**",
                "--reproducer_path=" + findings,
                "-artifact_prefix=" + findings + "/",
                "-max_total_time=" + seconds, "-max_len=65536", "-timeout=10", "-rss_limit_mb=4096",
                corpus.toString(), seeds.toString()));
        Path log = work.resolve("jazzer.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(seconds + 180L, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "Jazzer did not stop within its time budget:\n" + tail(out));
        Matcher done = DONE.matcher(out);
        String artifacts;
        try (Stream<Path> s = Files.list(findings)) {
            artifacts = s.map(Path::toString).reduce("", (a, b) -> a + "\n  " + b);
        }
        assertEquals(0, p.exitValue(), "fuzzing found a crash; inputs:" + artifacts
                + "\nadd each to capture/src/test/resources/fuzz-regressions/\n" + tail(out));
        assertTrue(done.find(), "no run count in Jazzer's output:\n" + tail(out));
        System.out.println("fuzz: " + done.group(1) + " executions in " + done.group(2) + " s, no findings");
    }

    /** Surefire runs tests from a manifest-only jar; the real class path is in this property. */
    static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null ? cp : System.getProperty("java.class.path");
    }

    private static String tail(String s) {
        return s.length() <= 6000 ? s : s.substring(s.length() - 6000);
    }

    /** Builds the seed directory: corpus files and packets, plus the regression and application fixtures. */
    static final class FuzzSeeds {
        static final int MAX_FILE = 65536, PACKETS_PER_FILE = 4, MAX_PACKET_SEEDS = 4000;
        private static String note = "";

        static int write(Path dir) throws IOException {
            int n = 0;
            for (byte[] fixture : FuzzRegressionTest.fixtures()) {
                Files.write(dir.resolve("regression-" + n++), fixture);
            }
            for (byte[] frame : org.wiretop.decode.AppFixtures.frames()) { // reach every application dissector
                byte[] seed = new byte[frame.length + 2];
                seed[0] = PacketFuzzTarget.TARGET_DECODER;
                seed[1] = (byte) linkIndex(org.wiretop.decode.Decoder.DLT_EN10MB);
                System.arraycopy(frame, 0, seed, 2, frame.length);
                Files.write(dir.resolve("app-" + n++), seed);
            }
            Path tcpdump = Path.of(System.getProperty("wiretop.shared", "../shared"), "corpus", "tcpdump");
            if (!Files.isDirectory(tcpdump)) {
                note = "corpus absent at " + tcpdump + ": regression fixtures only";
                return n;
            }
            int packets = 0, files = 0;
            List<Path> all;
            try (Stream<Path> s = Files.list(tcpdump)) {
                all = s.sorted().toList();
            }
            for (Path f : all) {
                if (Files.size(f) <= MAX_FILE) {
                    byte[] bytes = Files.readAllBytes(f);
                    Files.write(dir.resolve("file-stream-" + files), prefixed(PacketFuzzTarget.TARGET_STREAM, bytes));
                    Files.write(dir.resolve("file-reader-" + files), prefixed(PacketFuzzTarget.TARGET_FILE, bytes));
                    files++;
                }
                if (packets < MAX_PACKET_SEEDS) {
                    packets += packetSeeds(f, dir, packets);
                }
            }
            note = "corpus " + tcpdump + ": " + files + " files, " + packets + " packets";
            return n + 2 * files + packets;
        }

        static String corpusNote() {
            return note;
        }

        private static int packetSeeds(Path file, Path dir, int start) {
            int[] count = {0};
            try (PacketSource src = Sources.openFile(file.toString())) {
                int index = linkIndex(src.linkType());
                if (index < 0) {
                    return 0;
                }
                src.run((nanos, wire, data, cap) -> {
                    byte[] seed = new byte[cap + 2];
                    seed[0] = PacketFuzzTarget.TARGET_DECODER;
                    seed[1] = (byte) index;
                    System.arraycopy(data, 0, seed, 2, cap);
                    try {
                        Files.write(dir.resolve("packet-" + (start + count[0]++)), seed);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, PACKETS_PER_FILE);
            } catch (CaptureException | RuntimeException unreadable) {
                // crashers that libpcap or our reader refuse still seed the file targets above
            }
            return count[0];
        }

        private static int linkIndex(int linkType) {
            for (int i = 0; i < PacketFuzzTarget.LINK_TYPES.length; i++) {
                if (PacketFuzzTarget.LINK_TYPES[i] == linkType) {
                    return i;
                }
            }
            return -1;
        }

        private static byte[] prefixed(byte target, byte[] bytes) {
            byte[] out = new byte[bytes.length + 1];
            out[0] = target;
            System.arraycopy(bytes, 0, out, 1, bytes.length);
            return out;
        }
    }
}
