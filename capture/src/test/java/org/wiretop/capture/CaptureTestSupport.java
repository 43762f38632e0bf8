package org.wiretop.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Shared helpers of the capture tests: environment checks, synthetic pcap files, packets. */
final class CaptureTestSupport {
    static {
        // pcap4j logs every open and close at INFO; keep test output readable.
        System.setProperty("org.slf4j.simpleLogger.log.org.pcap4j", "warn");
    }

    private CaptureTestSupport() {
    }

    /** One packet as read: what every source hands to its handler. */
    record Packet(long epochNanos, int wireLength, byte[] data) {
    }

    static void assumeLibpcap() {
        assumeTrue(LibPcap.available(), "libpcap is not installed (Debian: apt-get install libpcap0.8)");
    }

    static void assumeRoot() {
        assumeLibpcap();
        assumeTrue(isRoot(), "live capture needs root or CAP_NET_RAW; run the tests as root");
    }

    static void assumeTool(String tool) {
        assumeTrue(onPath(tool), tool + " is not installed");
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // effective uid
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    /** Runs a command (bounded to 60 s) and returns its standard output; fails on a non-zero exit. */
    static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Reads every packet of a source (copying each, since the handler's array is reused). */
    static List<Packet> readAll(PacketSource source) throws CaptureException {
        List<Packet> out = new ArrayList<>();
        source.run((ts, wire, data, len) -> out.add(new Packet(ts, wire, java.util.Arrays.copyOf(data, len))), 0);
        return out;
    }

    /** Random Ethernet-ish frames of 1..200 bytes with distinct nanosecond stamps. */
    static List<Packet> randomPackets(int count, long seed) {
        Random r = new Random(seed);
        List<Packet> out = new ArrayList<>();
        long ts = 1_700_000_000_123_456_789L;
        for (int i = 0; i < count; i++) {
            byte[] d = new byte[1 + r.nextInt(200)];
            r.nextBytes(d);
            ts += 1 + r.nextInt(1_000_000_000);
            out.add(new Packet(ts, d.length + r.nextInt(3) * 10, d));
        }
        return out;
    }

    /**
     * Classic pcap bytes in the given byte order, with nanosecond or microsecond stamps
     * (microsecond files lose the sub-microsecond digits, as the format demands).
     */
    static byte[] pcapBytes(List<Packet> packets, ByteOrder order, boolean nanos, int linkType, int snaplen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(order);
        h.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(snaplen).putInt(linkType);
        out.writeBytes(h.array());
        for (Packet p : packets) {
            ByteBuffer r = ByteBuffer.allocate(16).order(order);
            long frac = p.epochNanos() % 1_000_000_000L;
            r.putInt((int) (p.epochNanos() / 1_000_000_000L)).putInt((int) (nanos ? frac : frac / 1000))
                    .putInt(p.data().length).putInt(p.wireLength());
            out.writeBytes(r.array());
            out.writeBytes(p.data());
        }
        return out.toByteArray();
    }

    /** The stamp as a file of the given precision keeps it. */
    static long inPrecision(long epochNanos, boolean nanos) {
        return nanos ? epochNanos : epochNanos / 1000 * 1000;
    }
}
