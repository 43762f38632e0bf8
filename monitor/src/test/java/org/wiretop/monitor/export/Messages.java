package org.wiretop.monitor.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * IPFIX messages as the collectors' tools read them: kept as an {@link IpfixEncoder.Transport},
 * wrapped into a pcap of UDP datagrams to port 4739 by Wireshark's {@code text2pcap}, and the
 * external programs that read that pcap run with a deadline.
 */
final class Messages implements IpfixEncoder.Transport {
    final List<byte[]> sent = new ArrayList<>();

    @Override
    public void send(ByteBuffer message) {
        byte[] b = new byte[message.remaining()];
        message.get(b);
        sent.add(b);
    }

    static boolean onPath(String... programs) {
        for (String p : programs) {
            boolean found = false;
            for (String dir : (System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin").split(":")) {
                found |= Files.isExecutable(Path.of(dir, p));
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Writes the messages as UDP datagrams 127.0.0.1:40000 to 127.0.0.1:4739 (IPFIX's port) in a pcap. */
    void writePcap(Path pcap) throws IOException, InterruptedException {
        StringBuilder hex = new StringBuilder();
        for (byte[] m : sent) {
            for (int i = 0; i < m.length; i++) {
                if (i % 16 == 0) {
                    hex.append(i == 0 ? "" : "\n").append(String.format("%06x", i));
                }
                hex.append(String.format(" %02x", m[i] & 0xff));
            }
            hex.append('\n');
        }
        Path text = pcap.resolveSibling(pcap.getFileName() + ".txt");
        Files.writeString(text, hex);
        run(List.of("text2pcap", "-q", "-4", "127.0.0.1,127.0.0.1", "-u", "40000,4739", text.toString(), pcap.toString()));
    }

    /** Runs a command (at most 60 s) in UTC; returns its stdout, or throws with its stderr. */
    static String run(List<String> cmd) throws IOException, InterruptedException {
        Path err = Files.createTempFile("wiretop-tool", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile());
            pb.environment().put("TZ", "UTC");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + Files.readString(err));
            }
            return out;
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
