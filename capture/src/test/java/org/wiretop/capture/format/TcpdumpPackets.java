package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PcapWriter;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.DhcpNtpSamples.Sample;

/**
 * {@code tcpdump -nn -v...} over a file, one string a packet: with {@code -v} a packet spans
 * several lines (the IP header's, then the ports and the application's, then the application's
 * own lines led by a tab), joined here with {@code \n} as our formatter writes them.
 */
final class TcpdumpPackets {
    /** The checksum note tcpdump -vv puts between the ports and the application (UDP over IPv4). */
    private static final Pattern UDP_SUM = Pattern.compile("^\\[(no cksum|udp sum ok|bad udp cksum [^]]*)] ");

    private TcpdumpPackets() {
    }

    static void assumeTcpdump() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump"))
                || Files.isExecutable(Path.of("/usr/sbin/tcpdump")), "tcpdump is not installed (apt-get install tcpdump): skipping");
    }

    /** tcpdump's packets with {@code verbose} -v flags, in UTC. */
    static List<String> read(Path file, int verbose) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-nn"));
        if (verbose > 0) {
            command.add("-" + "v".repeat(verbose));
        }
        command.addAll(List.of("-r", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "tcpdump did not finish");
        List<String> packets = new ArrayList<>();
        StringBuilder current = null;
        for (String line : new String(out, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            if (!continuation) {
                if (current != null) {
                    packets.add(current.toString());
                }
                current = line.isEmpty() ? null : new StringBuilder(line);
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            packets.add(current.toString());
        }
        return packets;
    }

    /** What follows the endpoints' ": ", without -vv's UDP checksum note. */
    static String application(String packet) {
        return UDP_SUM.matcher(TextCorpusTcpdumpTest.afterEndpoints(packet)).replaceFirst("");
    }

    /** Writes the samples to a pcap file as captured (cut ones with their wire length). */
    static void write(Path file, List<Sample> samples) throws CaptureException {
        try (PcapWriter w = PcapWriter.open(file.toString(), Decoder.DLT_EN10MB, 262144)) {
            long t = 1_000_000_000L;
            for (Sample s : samples) {
                w.write(t, s.frame().length, s.frame(), s.captured());
                t += 1_000_000_000L;
            }
        }
    }
}
