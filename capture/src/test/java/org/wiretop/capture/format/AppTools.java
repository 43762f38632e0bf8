package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.PcapWriter;
import org.wiretop.capture.Sources;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.DecodeAs;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * A capture file read three ways for the application dissectors' tests: {@code tcpdump -nn -r}
 * (UTC), tshark's fields (its default preferences, TCP reassembly on, as
 * {@code ../shared/tools/tshark-app-fields.sh}) and ours (text, JSON, Info), one row a packet.
 */
public final class AppTools {
    /** Our decode of one packet: its text line, its JSON members (all values, comma-joined), its Info. */
    public record Ours(String text, Map<String, String> json, String info, String protocol) {
    }

    private AppTools() {
    }

    public static void assumeTools() {
        assumeTrue(onPath("tcpdump"), "tcpdump is not installed (scripts/setup installs it): skipping");
        assumeTrue(onPath("tshark"), "tshark is not installed (scripts/setup installs it): skipping");
    }

    public static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    /** Writes Ethernet frames to a pcap file, one a second. */
    public static Path write(Path file, List<byte[]> frames) throws CaptureException {
        try (PcapWriter w = PcapWriter.open(file.toString(), Decoder.DLT_EN10MB, 262144)) {
            long t = 1_700_000_000_000_000_000L;
            for (byte[] f : frames) {
                w.write(t, f.length, f, f.length);
                t += 1_000_000_000L;
            }
        }
        return file;
    }

    /** tcpdump's output, one entry a packet (a {@code -v} packet's continuation lines joined with "\n"). */
    public static List<String> tcpdump(Path file, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-nn"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-r", file.toString()));
        List<String> packets = new ArrayList<>();
        for (String line : run(command).split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            boolean continuation = line.startsWith("\t") || line.startsWith("    ");
            if (continuation && !packets.isEmpty()) {
                packets.set(packets.size() - 1, packets.get(packets.size() - 1) + "\n" + line);
            } else {
                packets.add(line);
            }
        }
        return packets;
    }

    /**
     * tshark's {@code -T fields} for these fields, one map a packet (empty values left out);
     * {@code every}: all occurrences, comma-separated ({@code -E occurrence=a}), else the first.
     */
    public static List<Map<String, String>> tshark(Path file, List<String> fields, boolean every, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-n"));
        command.addAll(List.of(options));
        command.addAll(List.of("-r", file.toString(), "-T", "fields", "-E", "separator=/t",
                "-E", "occurrence=" + (every ? "a" : "f"), "-E", "aggregator=,"));
        for (String f : fields) {
            command.add("-e");
            command.add(f);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : run(command).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < fields.size() && i < cells.length; i++) {
                if (!cells[i].isEmpty()) {
                    // tshark writes a tab, CR or LF inside a value as \t, \r, \n (and a backslash as it is)
                    row.put(fields.get(i), cells[i].replace("\\t", "\t").replace("\\r", "\r").replace("\\n", "\n"));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** Our text (UTC, relative sequence numbers, tcpdump's {@code -v} count), JSON and Info for every packet. */
    public static List<Ours> ours(Path file, DecodeAs decodeAs, int verbose) throws CaptureException {
        List<Ours> out = new ArrayList<>();
        Decoder decoder = new Decoder(decodeAs);
        PacketSummary s = new PacketSummary();
        TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true, verbose);
        AppText app = new AppText();
        LineBuilder line = new LineBuilder(1024);
        try (PacketSource source = Sources.openFile(file.toString())) {
            int linkType = source.linkType();
            source.run((nanos, wire, data, captured) -> {
                s.epochNanos = nanos;
                decoder.decode(linkType, data, captured, wire, s);
                line.setLength(0);
                text.format(s, data, line);
                String t = line.toString();
                line.setLength(0);
                JsonFormatter.append(s, line);
                Map<String, String> json = new HashMap<>();
                FlatJson.parseAll(line).forEach((k, v) -> json.put(k, String.join(",", v)));
                String info = null;
                AppDissector d = s.app;
                if (d != null) {
                    line.setLength(0);
                    app.appendInfo(line, s);
                    info = line.toString();
                }
                out.add(new Ours(t, json, info, d == null ? null : d.name()));
            }, 0);
        }
        return out;
    }

    /** assertEquals with a message that stays short for 64 KiB values: where they part, and around it. */
    public static void same(String expected, String actual, String what) {
        if (expected.equals(actual)) {
            return;
        }
        int at = 0;
        while (at < Math.min(expected.length(), actual.length()) && expected.charAt(at) == actual.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - 40);
        throw new AssertionError(what + ": differs at " + at + " (lengths " + expected.length() + ", " + actual.length()
                + ")\n  expected ..." + expected.substring(from, Math.min(expected.length(), at + 40))
                + "\n  actual   ..." + actual.substring(from, Math.min(actual.length(), at + 40)));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command.get(0) + " did not finish");
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
