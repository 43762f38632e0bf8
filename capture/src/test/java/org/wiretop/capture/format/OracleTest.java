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
import org.wiretop.decode.Status;

/**
 * The oracle: our JSON for every packet of the tcpdump corpus, compared cell by cell with
 * tshark 4.0's decode of the same files (corpus/expected/NAME.tsv, made by
 * tools/tshark-fields.sh). A cell is in scope when either side has a value; values are
 * compared, not text (tshark's "0x0018" equals our 24, "True" equals 1).
 *
 * <p>Two figures are printed and held to a floor: agreement over all packets, and over the
 * packets without a known difference. Known differences (decided from our own decode, see
 * {@link #knownDifference}) are differences of scope, not bugs:
 * <ul>
 *   <li>tunnels tshark follows and a header decoder does not: GRE/ERSPAN, IP-in-IP, 6in4,
 *       VXLAN, Geneve, GTP, L2TP, Teredo; tshark's first tcp/udp/icmp fields then come from the
 *       inner packet;</li>
 *   <li>sFlow samples quote packets, whose headers tshark decodes (an ICMP error's quoted
 *       ports we do decode, so they agree);</li>
 *   <li>link payloads we do not follow (LLC/SNAP, MACsec, NSH, vendor EtherTypes such as
 *       Arista's), inside which tshark finds more Ethernet, VLAN or IP;</li>
 *   <li>invalid pcap timestamps (microseconds ≥ 10⁶, negative): tshark prints the raw fraction.</li>
 * </ul>
 * Run with {@code -Doracle.verbose=FILE} to print every differing cell of one file.
 */
class OracleTest {
    /** Set just under the agreement reached, so a regression fails the build. */
    private static final double MIN_AGREEMENT_ALL = 0.990, MIN_AGREEMENT_EXPLAINED = 0.999;
    /** Test-only key: the known difference a packet shows, if any. */
    private static final String KNOWN = "oracle.known";

    @Test
    void jsonAgreesWithTshark() throws IOException {
        List<Path> captures = Corpus.captures();
        Decoder decoder = new Decoder();
        PacketSummary summary = new PacketSummary();
        LineBuilder json = new LineBuilder(1024);
        Map<String, long[]> perField = new TreeMap<>(); // field → {equal, scope, equal w/o known, scope w/o known}
        Map<String, List<String>> examples = new TreeMap<>();
        Map<String, Integer> differingCells = new HashMap<>(); // file → unexplained differing cells
        Map<String, Integer> knownRows = new TreeMap<>();      // known difference → packets
        String verbose = System.getProperty("oracle.verbose", "");
        int files = 0;
        long rows = 0;
        for (Path capture : captures) {
            Path expected = Corpus.expectedFor(capture);
            if (expected == null) {
                continue;
            }
            files++;
            String file = capture.getFileName().toString();
            List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
            String[] header = lines.get(0).split("\t", -1);
            List<Map<String, String>> ours = decodeAll(capture, decoder, summary, json);
            for (int row = 1; row < lines.size(); row++) {
                String[] cells = lines.get(row).split("\t", -1);
                Map<String, String> mine = row - 1 < ours.size() ? ours.get(row - 1) : Map.of();
                rows++;
                String known = mine.get(KNOWN);
                String time = cells.length > 1 ? cells[1] : "";
                if (known == null && (time.startsWith("-") || time.length() - time.indexOf('.') > 10)) {
                    known = "invalid-timestamp";
                }
                boolean rowDiffers = false;
                for (int c = 0; c < header.length; c++) {
                    String field = header[c];
                    String theirs = normalize(c < cells.length ? cells[c] : "");
                    String our = normalize(mine.getOrDefault(field, ""));
                    if (theirs.isEmpty() && our.isEmpty()) {
                        continue;
                    }
                    long[] counts = perField.computeIfAbsent(field, k -> new long[4]);
                    boolean same = theirs.equals(our);
                    counts[1]++;
                    counts[0] += same ? 1 : 0;
                    if (known == null) {
                        counts[3]++;
                        counts[2] += same ? 1 : 0;
                    }
                    rowDiffers |= !same;
                    if (file.equals(verbose) && !same) {
                        System.out.println("  " + file + "#" + row + " " + field + " tshark=" + theirs + " ours=" + our
                                + " " + mine.get("wiretop.status") + " " + mine.get("wiretop.reason") + " " + known);
                    }
                    if (!same && known == null) {
                        differingCells.merge(file, 1, Integer::sum);
                        List<String> list = examples.computeIfAbsent(field, k -> new ArrayList<>());
                        if (list.size() < 3) {
                            list.add(file + "#" + row + " tshark=" + theirs + " ours=" + our);
                        }
                    }
                }
                if (known != null && rowDiffers) {
                    knownRows.merge(known, 1, Integer::sum);
                }
            }
        }
        long equal = 0, scope = 0, equalExplained = 0, scopeExplained = 0;
        System.out.printf("oracle: %d files, %d packets. field: equal / in scope over all packets,"
                + " then over packets without a known difference%n", files, rows);
        for (Map.Entry<String, long[]> e : perField.entrySet()) {
            long[] c = e.getValue();
            equal += c[0];
            scope += c[1];
            equalExplained += c[2];
            scopeExplained += c[3];
            System.out.printf("  %-22s %6d / %6d %8.3f%%   %6d / %6d %8.3f%%%n", e.getKey(), c[0], c[1],
                    100.0 * c[0] / c[1], c[2], c[3], c[3] == 0 ? 100.0 : 100.0 * c[2] / c[3]);
            for (String ex : examples.getOrDefault(e.getKey(), List.of())) {
                System.out.println("      differs: " + ex);
            }
        }
        System.out.println("  packets that differ for a known reason: " + knownRows);
        System.out.println("  files with the most unexplained differing cells:");
        differingCells.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                .forEach(e -> System.out.printf("    %5d  %s%n", e.getValue(), e.getKey()));
        double agreement = scope == 0 ? 0 : (double) equal / scope;
        double explained = scopeExplained == 0 ? 0 : (double) equalExplained / scopeExplained;
        System.out.printf("oracle agreement, all packets: %d / %d cells = %.3f%%%n", equal, scope, 100 * agreement);
        System.out.printf("oracle agreement, packets without a known difference: %d / %d cells = %.3f%%%n",
                equalExplained, scopeExplained, 100 * explained);
        assertTrue(files > 0, "no capture with an expected decode");
        assertTrue(agreement >= MIN_AGREEMENT_ALL,
                String.format("agreement with tshark %.3f%% < %.2f%%", 100 * agreement, 100 * MIN_AGREEMENT_ALL));
        assertTrue(explained >= MIN_AGREEMENT_EXPLAINED, String.format(
                "agreement with tshark without known differences %.3f%% < %.2f%%",
                100 * explained, 100 * MIN_AGREEMENT_EXPLAINED));
    }

    /**
     * Why tshark legitimately reports more than we do for this packet, or null. Decided from
     * our own decode of the packet, never from the file's name.
     */
    static String knownDifference(PacketSummary s) {
        switch (s.transportProtocol) {
            case 4: case 41: case 47: case 97: case 103: case 115: case 137: // 103: PIM register
                return "ip-tunnel";
            default:
                break;
        }
        if (s.has(PacketSummary.UDP)) {
            for (int port : new int[] {s.srcPort, s.dstPort}) {
                switch (port) {
                    case 4789: case 4790: case 6081: case 8472: case 2152: case 1701: case 3544: case 6635: case 4754:
                        return "udp-tunnel";
                    case 6343:
                        return "sflow-quotes-packets";
                    default:
                        break;
                }
            }
        }
        if ((s.has(PacketSummary.ETH) || s.has(PacketSummary.SLL)) && s.status == Status.OK
                && !s.has(PacketSummary.IP4) && !s.has(PacketSummary.IP6) && !s.has(PacketSummary.ARP)
                && !s.has(PacketSummary.MPLS)) {
            return "link-payload-not-followed";
        }
        return null;
    }

    /** Decodes every packet of a capture into our JSON, parsed back to field → value text. */
    private static List<Map<String, String>> decodeAll(Path capture, Decoder decoder, PacketSummary summary,
                                                       LineBuilder json) {
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
                Map<String, String> fields = FlatJson.parse(json);
                String known = knownDifference(summary);
                if (known != null) {
                    fields.put(KNOWN, known);
                }
                out.add(fields);
            }, 0);
        } catch (CaptureException e) {
            System.out.println("  unreadable by our reader after " + out.size() + " packets: " + e.getMessage());
        }
        return out;
    }

    /** One text per value: numbers in decimal, booleans as 1/0, other text as it is. */
    static String normalize(String value) {
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
}
