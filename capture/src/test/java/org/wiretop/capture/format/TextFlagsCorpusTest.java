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
 * tcpdump's text flags against {@code tcpdump -nn} itself over the corpus, packet by packet (a
 * packet's record is its line and the lines that continue it: -v's second line, dumps, quoted
 * packets, neighbour discovery options). Two claims:
 * <ul>
 *   <li>over every file we decode, {@code -X}: wherever our line equals tcpdump's, the dump after
 *       it does too (where the lines differ tcpdump printed a protocol we do not, and a printer
 *       that gives up the packet makes tcpdump dump it from its first byte);</li>
 *   <li>on the files whose lines all equal tcpdump's, every packet equals tcpdump's under
 *       {@code -xx}, {@code -A}, {@code -e -v} and {@code -vv} too.</li>
 * </ul>
 * Known differences, left out and counted: records longer than the file's snapshot length, which
 * libpcap (so tcpdump) cuts to it while tshark and our reader keep them whole; DNS names longer
 * than our printer walks ({@link #dnsNameBound}); protocols we do not print inside a packet an
 * ICMP error quotes ({@link #quotedProtocolWeDoNotPrint}). Prints the agreement. Skips without
 * tcpdump or the corpus.
 */
class TextFlagsCorpusTest {
    private static final Pattern RECORD_START = Pattern.compile("(?m)^(?=\\d\\d:\\d\\d:\\d\\d\\.\\d{6,} )");
    private static final Pattern INVALID_HEADER = Pattern.compile("(?m)^\\[Invalid header: [^\n]*\n");
    private static final String[][] CLEAN_FILE_FLAGS = {{"-xx"}, {"-A"}, {"-e", "-v"}, {"-vv"}};

    @Test
    void flagsEqualTcpdumps() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump")),
                "tcpdump is not installed (apt-get install tcpdump): skipping");
        long packets = 0, sameLine = 0, sameDump = 0, overSnaplen = 0;
        Map<String, long[]> clean = new LinkedHashMap<>(); // flags -> packets, equal
        List<String> wrong = new ArrayList<>();
        int cleanFiles = 0;
        for (Path capture : Corpus.captures()) {
            if (Corpus.expectedFor(capture) == null) {
                continue; // a link type we do not decode
            }
            List<String> theirs = records(tcpdump(capture, "-X"));
            Ours ours = ours(capture, "-X");
            boolean allSame = !theirs.isEmpty() && theirs.size() == ours.records.size();
            for (int i = 0; i < Math.max(theirs.size(), ours.records.size()); i++) {
                String t = i < theirs.size() ? theirs.get(i) : "";
                String o = i < ours.records.size() ? ours.records.get(i) : "";
                packets++;
                if (ours.overSnaplen.contains(i)) {
                    overSnaplen++;
                    continue;
                }
                if (!firstLine(t).equals(firstLine(o))) {
                    allSame = false;
                    continue;
                }
                sameLine++;
                if (t.equals(o)) {
                    sameDump++;
                } else if (wrong.size() < 20) {
                    wrong.add(capture.getFileName() + " -X #" + (i + 1) + "\n  tcpdump: " + t + "\n  wiretop: " + o);
                }
            }
            if (!allSame) {
                continue;
            }
            cleanFiles++;
            for (String[] flags : CLEAN_FILE_FLAGS) {
                List<String> t = records(tcpdump(capture, flags));
                Ours o = ours(capture, flags);
                long[] counts = clean.computeIfAbsent(String.join(" ", flags), k -> new long[3]);
                for (int i = 0; i < t.size(); i++) {
                    if (o.overSnaplen.contains(i)) {
                        continue;
                    }
                    String mine = i < o.records.size() ? o.records.get(i) : "";
                    counts[0]++;
                    if (t.get(i).equals(mine)) {
                        counts[1]++;
                    } else if (dnsNameBound(t.get(i), mine) || quotedProtocolWeDoNotPrint(t.get(i), mine)) {
                        counts[2]++;
                    } else if (wrong.size() < 20) {
                        wrong.add(capture.getFileName() + " " + String.join(" ", flags) + " #" + (i + 1)
                                + "\n  tcpdump: " + t.get(i) + "\n  wiretop: " + mine);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder(String.format("text flags vs tcpdump -nn over the corpus: -X: %d packets,"
                + " %d with tcpdump's line, %d of those with its dump too (%d records beyond the snapshot length left out);"
                + " %d files whose lines all equal tcpdump's:", packets, sameLine, sameDump, overSnaplen, cleanFiles));
        clean.forEach((flags, c) -> report.append(String.format(" %s %d / %d equal (%d known differences);",
                flags, c[1], c[0], c[2])));
        System.out.println(report);
        assertTrue(sameLine > 1000 && cleanFiles > 20, "too little of the corpus compared: " + report);
        assertTrue(wrong.isEmpty(), "records that differ from tcpdump's:\n" + String.join("\n", wrong));
    }

    /**
     * Known difference, decided from the two texts: a DNS name tcpdump walked to its end (saying
     * {@code <DOMAIN NAME TOO LONG>}) where our printer stopped at its bound on labels and
     * pointers walked a name (hostile packets: it keeps each packet's time bounded), ending the
     * line with {@code [|domain]} at that very place.
     */
    private static boolean dnsNameBound(String theirs, String ours) {
        String cut = " [|domain]";
        if (!ours.endsWith(cut)) {
            return false;
        }
        String before = ours.substring(0, ours.length() - cut.length());
        return theirs.startsWith(before) && theirs.startsWith("<DOMAIN NAME TOO LONG>", before.length());
    }

    /**
     * Known difference, decided from the two texts: with -v tcpdump prints the packet an ICMP
     * error quotes, and there an application protocol we do not print (SNMP...): the records
     * differ in that quoted datagram's line alone, where ours says "UDP, length N".
     */
    private static boolean quotedProtocolWeDoNotPrint(String theirs, String ours) {
        String[] t = theirs.split("\n", -1);
        String[] o = ours.split("\n", -1);
        if (t.length != o.length) {
            return false;
        }
        int differing = -1;
        for (int i = 0; i < t.length; i++) {
            if (!t[i].equals(o[i])) {
                if (differing >= 0) {
                    return false;
                }
                differing = i;
            }
        }
        if (differing < 2 || !t[differing - 1].startsWith("\t")) {
            return false;
        }
        int colon = o[differing].indexOf(": ");
        return colon > 0 && o[differing].matches("    \\S+ > \\S+: (\\[[^\\]]*\\] )?UDP, length \\d+")
                && t[differing].startsWith(o[differing].substring(0, colon + 2));
    }

    private static String firstLine(String record) {
        int nl = record.indexOf('\n');
        return nl < 0 ? record : record.substring(0, nl);
    }

    /**
     * tcpdump's output cut into one record a packet (each starts with its timestamp); its lines
     * for records with an impossible header ({@code [Invalid header: caplen==0, len==0]}), which
     * our readers do not hand on as packets, are left out.
     */
    static List<String> records(String output) {
        List<String> out = new ArrayList<>();
        for (String r : RECORD_START.split(INVALID_HEADER.matcher(output).replaceAll(""))) {
            if (!r.isEmpty()) {
                out.add(r.endsWith("\n") ? r.substring(0, r.length() - 1) : r);
            }
        }
        return out;
    }

    /** {@code tcpdump -nn FLAGS -r FILE}'s output (in UTC), bytes as ISO-8859-1 characters. */
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

    /** Our records for a file, and which packets are longer than its snapshot length. */
    record Ours(List<String> records, List<Integer> overSnaplen) {
    }

    /** Our output for tcpdump's flags ({@code -e}, {@code -v}..{@code -vvv}, {@code -A}, {@code -x}.. {@code -XX}). */
    static Ours ours(Path capture, String... flags) throws IOException {
        int v = 0, a = 0, x = 0, xx = 0;
        boolean e = false;
        for (String f : flags) {
            switch (f) {
                case "-e": e = true; break;
                case "-v": case "-vv": case "-vvv": v = f.length() - 1; break;
                case "-A": a = 1; break;
                case "-x": case "-xx": x = f.length() - 1; break;
                case "-X": case "-XX": xx = f.length() - 1; break;
                default: throw new IllegalArgumentException(f);
            }
        }
        TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true,
                TextOptions.of(v, e, a, x, xx, false));
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder line = new LineBuilder(1024);
        List<String> records = new ArrayList<>();
        List<Integer> overSnaplen = new ArrayList<>();
        try (PacketSource source = Sources.openFile(capture.toString())) {
            int linkType = source.linkType();
            int snaplen = source.snaplen();
            source.run((epochNanos, wireLength, data, capturedLength) -> {
                if (capturedLength > snaplen && snaplen > 0) {
                    overSnaplen.add(records.size());
                }
                s.epochNanos = epochNanos;
                decoder.decode(linkType, data, capturedLength, wireLength, s);
                line.setLength(0);
                text.format(s, data, line);
                records.add(new String(line.array(), 0, line.length(), StandardCharsets.ISO_8859_1));
            }, 0);
        } catch (CaptureException ex) {
            // what was read before the damage is compared; tcpdump stops there too
        }
        return new Ours(records, overSnaplen);
    }
}
