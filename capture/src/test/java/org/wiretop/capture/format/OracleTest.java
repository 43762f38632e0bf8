package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Corpus;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The oracle: our JSON for every packet of the tcpdump corpus, compared cell by cell with
 * tshark 4.0's decode of the same files (corpus/expected/NAME.tsv, made by
 * tools/tshark-fields.sh). A cell is in scope when either side has a value; values are
 * compared, not text (tshark's "0x0018" equals our 24, "True" equals 1).
 *
 * <p>Known differences, each a difference of scope rather than a bug:
 * <ul>
 *   <li>Tunnels and encapsulations tshark follows and we do not (GRE, IP-in-IP, VXLAN, MPLS,
 *       PPPoE, LLC/SNAP, Geneve, ...): tshark's first occurrence of a transport field then comes
 *       from the inner packet.</li>
 *   <li>ICMP errors quote the offending packet: tshark decodes the quoted IP/TCP/UDP header
 *       and so reports its ports, we report only the ICMP header.</li>
 * </ul>
 */
class OracleTest {
    /** Set just under the agreement reached, so a regression fails the build. */
    private static final double MIN_AGREEMENT = 0.99;

    @Test
    void jsonAgreesWithTshark() throws IOException {
        List<Path> captures = Corpus.captures();
        Decoder decoder = new Decoder();
        PacketSummary summary = new PacketSummary();
        StringBuilder json = new StringBuilder(1024);
        Map<String, long[]> perField = new TreeMap<>(); // field → {equal, in scope}
        Map<String, List<String>> examples = new TreeMap<>();
        Map<String, Integer> differingCells = new HashMap<>(); // file → cells that differ
        String verbose = System.getProperty("oracle.verbose", ""); // a file name: print all its differences
        int files = 0;
        long rows = 0;
        for (Path capture : captures) {
            Path expected = Corpus.expectedFor(capture);
            if (expected == null) {
                continue;
            }
            files++;
            List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split("\t", -1);
            List<Map<String, String>> ours = decodeAll(capture, decoder, summary, json);
            for (int row = 1; row < lines.size(); row++) {
                String[] cells = lines.get(row).split("\t", -1);
                Map<String, String> mine = row - 1 < ours.size() ? ours.get(row - 1) : Map.of();
                rows++;
                for (int c = 0; c < header.length; c++) {
                    String field = header[c];
                    String theirs = normalize(field, c < cells.length ? cells[c] : "");
                    String our = normalize(field, mine.getOrDefault(field, ""));
                    if (theirs.isEmpty() && our.isEmpty()) {
                        continue;
                    }
                    long[] counts = perField.computeIfAbsent(field, k -> new long[2]);
                    counts[1]++;
                    if (theirs.equals(our)) {
                        counts[0]++;
                    } else {
                        differingCells.merge(capture.getFileName().toString(), 1, Integer::sum);
                        if (capture.getFileName().toString().equals(verbose)) {
                            System.out.println("  " + verbose + "#" + row + " " + field + " tshark=" + theirs + " ours=" + our
                                    + " " + mine.get("wiretop.status") + " " + mine.get("wiretop.reason"));
                        }
                        List<String> list = examples.computeIfAbsent(field, k -> new ArrayList<>());
                        if (list.size() < 4) {
                            list.add(capture.getFileName() + "#" + row + " tshark=" + theirs + " ours=" + our);
                        }
                    }
                }
            }
        }
        long equal = 0, scope = 0;
        System.out.printf("oracle: %d files, %d packets%n", files, rows);
        for (Map.Entry<String, long[]> e : perField.entrySet()) {
            long[] c = e.getValue();
            equal += c[0];
            scope += c[1];
            System.out.printf("  %-22s %7d / %7d  %7.3f%%%n", e.getKey(), c[0], c[1], 100.0 * c[0] / c[1]);
            for (String ex : examples.getOrDefault(e.getKey(), List.of())) {
                System.out.println("      differs: " + ex);
            }
        }
        System.out.println("  files with the most differing cells:");
        differingCells.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                .forEach(e -> System.out.printf("    %5d  %s%n", e.getValue(), e.getKey()));
        double agreement = scope == 0 ? 0 : (double) equal / scope;
        System.out.printf("oracle agreement: %d / %d cells = %.3f%%%n", equal, scope, 100 * agreement);
        assertTrue(files > 0, "no capture with an expected decode");
        assertTrue(agreement >= MIN_AGREEMENT,
                String.format("agreement with tshark %.3f%% < %.1f%%", 100 * agreement, 100 * MIN_AGREEMENT));
    }

    /** Decodes every packet of a capture into our JSON, parsed back to field → value text. */
    private static List<Map<String, String>> decodeAll(Path capture, Decoder decoder, PacketSummary summary,
                                                       StringBuilder json) {
        List<Map<String, String>> out = new ArrayList<>();
        try (PacketSource source = Sources.openFile(capture.toString())) {
            int linkType = source.linkType();
            long[] number = {0};
            source.run((epochNanos, wireLength, data, capturedLength) -> {
                decoder.decode(linkType, data, capturedLength, wireLength, summary);
                summary.frameNumber = ++number[0];
                summary.epochNanos = epochNanos;
                json.setLength(0);
                JsonFormatter.append(summary, json);
                out.add(FlatJson.parse(json));
            }, 0);
        } catch (CaptureException e) {
            System.out.println("  unreadable by our reader after " + out.size() + " packets: " + e.getMessage());
        }
        return out;
    }

    /** One text per value: numbers in decimal, booleans as 1/0, other text as it is. */
    static String normalize(String field, String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (value.startsWith("0x")) {
            return Long.toString(Long.parseLong(value.substring(2), 16));
        }
        if (value.equals("True")) {
            return "1";
        }
        if (value.equals("False")) {
            return "0";
        }
        return value;
    }

    /** Parses the flat objects JsonFormatter writes (string and number values only). */
    static final class FlatJson {
        static Map<String, String> parse(CharSequence s) {
            Map<String, String> map = new HashMap<>();
            int i = 1;
            while (i < s.length() && s.charAt(i) == '"') {
                int keyEnd = indexOf(s, '"', i + 1);
                String key = s.subSequence(i + 1, keyEnd).toString();
                i = keyEnd + 2; // past '":'
                String value;
                if (s.charAt(i) == '"') {
                    int end = indexOf(s, '"', i + 1);
                    value = s.subSequence(i + 1, end).toString();
                    i = end + 1;
                } else {
                    int end = i;
                    while (s.charAt(end) != ',' && s.charAt(end) != '}') {
                        end++;
                    }
                    value = s.subSequence(i, end).toString();
                    i = end;
                }
                map.put(key, value);
                if (s.charAt(i) == ',') {
                    i++;
                }
            }
            return map;
        }

        private static int indexOf(CharSequence s, char c, int from) {
            for (int i = from; i < s.length(); i++) {
                if (s.charAt(i) == c) {
                    return i;
                }
            }
            throw new IllegalArgumentException("malformed JSON: " + s);
        }
    }
}
