package org.wiretop.cli;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** External programs for the export tests: find them, run them with a deadline. */
final class Tools {
    private Tools() {
    }

    /** Whether every program is on the PATH. */
    static boolean onPath(String... programs) {
        for (String p : programs) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
                found |= Files.isExecutable(Path.of(dir, p));
            }
            for (String dir : List.of("/usr/sbin", "/sbin")) {
                found |= Files.isExecutable(Path.of(dir, p));
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** The program's full path ({@code /usr/sbin} included, where softflowd and nfacctd live). */
    static String which(String program) {
        for (String dir : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        return program;
    }

    /** Runs a command to its end (at most 120 s) in UTC; returns stdout, or throws with stderr on failure. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        return run(cmd, Map.of());
    }

    static String run(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
        Path err = Files.createTempFile("wiretop-tool", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("TZ", "UTC");
            pb.environment().putAll(env);
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": "
                        + Files.readString(err).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** A UDP port nothing on 127.0.0.1 uses right now (the kernel's choice). */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Bytes of the link-layer header of a classic pcap file's link type (Ethernet 14, Linux SLL 16, SLL2 20). */
    static int linkHeaderBytes(Path pcap) throws IOException {
        byte[] h = new byte[24];
        try (var in = Files.newInputStream(pcap)) {
            if (in.readNBytes(h, 0, 24) < 24) {
                throw new IOException(pcap + ": too short for a pcap header");
            }
        }
        boolean little = (h[0] & 0xff) == 0xd4 || (h[0] & 0xff) == 0x4d;
        int linkType = little ? (h[20] & 0xff) | (h[21] & 0xff) << 8 : (h[22] & 0xff) << 8 | (h[23] & 0xff);
        return switch (linkType) {
            case 1 -> 14;
            case 113 -> 16;
            case 276 -> 20;
            default -> throw new IOException(pcap + ": link type " + linkType + " has no fixed header length here");
        };
    }

    /** The shared corpus directory, or null when it is not there. */
    static Path corpus() {
        Path c = Path.of(System.getProperty("wiretop.shared", "../shared"), "corpus", "tcpdump");
        return Files.isDirectory(c) ? c : null;
    }
}
