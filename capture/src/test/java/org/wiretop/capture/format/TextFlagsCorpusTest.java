package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * tcpdump's text flags ({@code -A -x -xx -X -XX -e -v -vv}) against {@code tcpdump -nn} itself
 * over every corpus file we decode, packet by packet (a packet's record is its line and the
 * lines it continues on: -v's second line, dumps, quoted packets). Two claims:
 * <ul>
 *   <li>the dumps ({@code -x -xx -X -XX}) equal tcpdump's for every packet of every file, whatever
 *       the line before them says (a protocol tcpdump prints and we do not changes the line, not
 *       the bytes);</li>
 *   <li>on the files whose plain lines all equal tcpdump's, every record equals tcpdump's under
 *       every flag.</li>
 * </ul>
 * Prints the agreement per flag. Skips without tcpdump or the corpus.
 */
class TextFlagsCorpusTest {
    private static final Pattern RECORD_START = Pattern.compile("(?m)^(?=\\d\\d:\\d\\d:\\d\\d\\.\\d{6} )");
    private static final String[][] FLAGS = {{}, {"-x"}, {"-xx"}, {"-X"}, {"-XX"}, {"-A"}, {"-e"}, {"-v"}, {"-vv"}};

    @Test
    void flagsEqualTcpdumps() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed (apt-get install tcpdump): skipping");
        Map<String, long[]> totals = new LinkedHashMap<>(); // flag -> records, equal, dumps equal, records in clean files, equal there
        List<String> wrong = new ArrayList<>();
        StringBuilder allDiffs = new StringBuilder();
        String only = System.getProperty("flags.files", "");
        int cleanFiles = 0;
        for (Path capture : Corpus.captures()) {
            if (Corpus.expectedFor(capture) == null || !capture.getFileName().toString().matches(only.isEmpty() ? ".*" : only)) {
                continue; // a link type we do not decode
            }
            boolean clean = false;
            for (String[] flags : FLAGS) {
                List<String> theirs = records(tcpdump(capture, flags));
                List<String> ours = records(ours(capture, flags));
                String name = flags.length == 0 ? "(none)" : flags[0];
                long[] t = totals.computeIfAbsent(name, k -> new long[5]);
                int n = Math.max(theirs.size(), ours.size());
                int equal = 0;
                for (int i = 0; i < n; i++) {
                    String a = i < theirs.size() ? theirs.get(i) : "";
                    String b = i < ours.size() ? ours.get(i) : "";
                    boolean same = a.equals(b);
                    equal += same ? 1 : 0;
                    boolean dumpSame = dump(a).equals(dump(b));
                    if (!same) {
                        allDiffs.append("{\"file\":").append(quote(capture.getFileName().toString())).append(",\"flag\":")
                                .append(quote(name)).append(",\"n\":").append(i + 1).append(",\"clean\":").append(clean)
                                .append(",\"dumpSame\":").append(dumpSame).append(",\"tcpdump\":").append(quote(a))
                                .append(",\"wiretop\":").append(quote(b)).append("}\n");
                    }
                    t[2] += dumpSame ? 1 : 0;
                    if (!dumpSame && flags.length > 0 && flags[0].matches("-[xX]+") && wrong.size() < 40) {
                        wrong.add(capture.getFileName() + " " + name + " #" + (i + 1) + " (dump)\n  tcpdump: " + a + "\n  wiretop: " + b);
                    }
                    if (clean && !same && wrong.size() < 40) {
                        wrong.add(capture.getFileName() + " " + name + " #" + (i + 1) + "\n  tcpdump: " + a + "\n  wiretop: " + b);
                    }
                }
                t[0] += n;
                t[1] += equal;
                if (flags.length == 0) {
                    clean = n > 0 && equal == n;
                    cleanFiles += clean ? 1 : 0;
                }
                if (clean) {
                    t[3] += n;
                    t[4] += equal;
                }
            }
        }
        StringBuilder report = new StringBuilder("text flags vs tcpdump -nn over the corpus (" + cleanFiles
                + " files whose plain lines all equal tcpdump's):");
        totals.forEach((flag, t) -> report.append(String.format("%n  %-7s %6d / %6d packets equal (%.1f%%), dumps %6d equal;"
                + " in those files %d / %d", flag, t[1], t[0], 100.0 * t[1] / Math.max(1, t[0]), t[2], t[4], t[3])));
        System.out.println(report);
        Files.writeString(Path.of("target", "text-flags-diffs.jsonl"), allDiffs, StandardCharsets.ISO_8859_1);
        assertTrue(wrong.isEmpty(), "records that differ from tcpdump's:\n" + String.join("\n", wrong));
    }

    private static String quote(String v) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    /** The part of a record after its first line break (the dump, -v's second line...). */
    private static String dump(String record) {
        int nl = record.indexOf("\n\t0x");
        return nl < 0 ? "" : record.substring(nl);
    }

    static List<String> records(String output) {
        List<String> out = new ArrayList<>();
        for (String r : RECORD_START.split(output)) {
            if (!r.isEmpty()) {
                out.add(r.endsWith("\n") ? r.substring(0, r.length() - 1) : r);
            }
        }
        return out;
    }

    static String tcpdump(Path file, String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-nn"));
        command.addAll(List.of(flags));
        command.addAll(List.of("-r", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "tcpdump did not finish");
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    /** Our output for the same flags, as `wiretop read` writes it. */
    static String ours(Path capture, String... flags) throws IOException {
        int v = 0, a = 0, x = 0, xx = 0;
        boolean e = false;
        for (String f : flags) {
            switch (f) {
                case "-e": e = true; break;
                case "-v": v = 1; break;
                case "-vv": v = 2; break;
                case "-vvv": v = 3; break;
                case "-A": a = 1; break;
                case "-x": x = 1; break;
                case "-xx": x = 2; break;
                case "-X": xx = 1; break;
                case "-XX": xx = 2; break;
                default: throw new IllegalArgumentException(f);
            }
        }
        TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true,
                TextOptions.of(v, e, a, x, xx, false));
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder line = new LineBuilder(1024);
        StringBuilder out = new StringBuilder();
        try (PacketSource source = Sources.openFile(capture.toString())) {
            int linkType = source.linkType();
            source.run((epochNanos, wireLength, data, capturedLength) -> {
                s.epochNanos = epochNanos;
                decoder.decode(linkType, data, capturedLength, wireLength, s);
                line.setLength(0);
                text.format(s, data, line);
                out.append(new String(line.array(), 0, line.length(), StandardCharsets.ISO_8859_1)).append('\n');
            }, 0);
        } catch (CaptureException ex) {
            // what was read before the damage is compared; tcpdump stops there too
        }
        return out.toString();
    }
}
