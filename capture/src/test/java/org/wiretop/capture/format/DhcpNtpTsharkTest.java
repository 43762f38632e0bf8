package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.DhcpNtpSamples;
import org.wiretop.decode.DhcpNtpSamples.Sample;
import org.wiretop.decode.PacketSummary;

/**
 * Every DHCP and NTP field we report, and the Info column, against tshark 4.0 on the same
 * made packets (the corpus columns of design §5 are {@link AppOracleTest}'s): real shapes,
 * every special option, hostile lengths, seeded random messages (options whose Wireshark
 * dissection we model), each also cut short. All values of a field are compared in order
 * ({@code -E occurrence=a}). A differing cell must be explained by {@link #knownDifference},
 * decided from the packet. Skips without tshark.
 */
class DhcpNtpTsharkTest {
    @Test
    void fieldsAndInfoEqualTsharks(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark is not installed: skipping");
        List<Sample> samples = new ArrayList<>(DhcpNtpSamples.valid());
        samples.addAll(DhcpNtpSamples.hostile());
        samples.addAll(DhcpNtpSamples.randomDhcp(21, 300, true));
        samples.addAll(DhcpNtpSamples.randomNtp(22, 300));
        samples = DhcpNtpSamples.withCuts(samples, 29);
        Path file = dir.resolve("samples.pcap");
        TcpdumpPackets.write(file, samples);
        List<String> fields = TsharkFields.names(Set.of("dhcp", "ntp"));
        List<String[]> rows = TsharkFields.read(file, fields);
        assertEquals(samples.size(), rows.size(), "tshark.s rows");

        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder json = new LineBuilder(8192);
        LineBuilder info = new LineBuilder(256);
        AppText appText = new AppText();
        Map<String, int[]> perField = new TreeMap<>(); // equal, compared, explained
        Map<String, Integer> reasons = new TreeMap<>();
        List<String> unexplained = new ArrayList<>();
        for (int p = 0; p < samples.size(); p++) {
            Sample sample = samples.get(p);
            decoder.decode(Decoder.DLT_EN10MB, sample.frame(), sample.captured(), sample.frame().length, s);
            json.setLength(0);
            JsonFormatter.append(s, json);
            Map<String, List<String>> ours = FlatJson.parseAll(json);
            String[] row = rows.get(p);
            for (int f = 0; f < fields.size(); f++) {
                String field = fields.get(f);
                String theirs = TsharkFields.normalize(f + 1 < row.length ? row[f + 1] : "");
                String our = TsharkFields.normalize(String.join(TsharkFields.AGGREGATOR,
                        ours.getOrDefault(field, List.of())));
                tally(sample, s, field, theirs, our, perField, reasons, unexplained);
            }
            if (s.app != null) {
                info.setLength(0);
                appText.appendInfo(info, s);
                String theirs = TsharkFields.info(row);
                if (!theirs.isEmpty()) {
                    tally(sample, s, "Info", theirs, info.toString(), perField, reasons, unexplained);
                }
            }
        }
        long equal = 0, compared = 0;
        System.out.println("DHCP/NTP fields vs tshark over " + samples.size() + " made packets: field equal/compared (explained)");
        for (Map.Entry<String, int[]> e : perField.entrySet()) {
            int[] c = e.getValue();
            equal += c[0];
            compared += c[1];
            System.out.printf("  %-44s %5d / %5d (%d)%n", e.getKey(), c[0], c[1], c[2]);
        }
        System.out.println("  explained: " + reasons);
        System.out.printf("DHCP/NTP vs tshark: %d / %d cells equal%n", equal, compared);
        assertTrue(compared > 10_000, "cells compared: " + compared);
        assertTrue(unexplained.isEmpty(), "cells that differ from tshark without a known reason:\n  "
                + String.join("\n  ", unexplained));
    }

    private static void tally(Sample sample, PacketSummary s, String field, String theirs, String ours,
                              Map<String, int[]> perField, Map<String, Integer> reasons, List<String> unexplained) {
        if (theirs.isEmpty() && ours.isEmpty()) {
            return;
        }
        int[] c = perField.computeIfAbsent(field, k -> new int[3]);
        c[1]++;
        if (theirs.equals(ours)) {
            c[0]++;
            return;
        }
        String why = knownDifference(sample, s, field, theirs, ours);
        if (why != null) {
            c[2]++;
            reasons.merge(why, 1, Integer::sum);
        } else if (unexplained.size() < 40) {
            unexplained.add(sample.name() + " " + field + " tshark=" + theirs + " ours=" + ours);
        }
    }

    /** Why tshark legitimately shows another value, decided from the packet; null when it should not. */
    static String knownDifference(Sample sample, PacketSummary s, String field, String theirs, String ours) {
        boolean dhcp = s.app != null && s.app.name().equals("dhcp");
        if (field.equals("Info") && s.payloadLength < (dhcp ? 3 : 1)) {
            return "no DHCP/NTP header byte captured: tshark's Info stays UDP's";
        }
        if ((field.equals("dhcp.server") || field.equals("dhcp.file")) && ours.isEmpty() && s.payloadLength < 240) {
            return "cut before the options: option 52 may hand sname/file to options, so we do not show them";
        }
        return null;
    }
}
