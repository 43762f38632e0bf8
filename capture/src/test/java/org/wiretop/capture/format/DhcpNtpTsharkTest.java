package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.DhcpNtpSamples;
import org.wiretop.decode.DhcpNtpSamples.Sample;
import org.wiretop.decode.Dissectors;
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
    private static final String AGGREGATOR = ";";

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
        List<String> fields = fieldNames();
        List<String[]> rows = tshark(file, fields);
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
                String theirs = normalize(f + 1 < row.length ? row[f + 1] : "");
                String our = normalize(String.join(AGGREGATOR, ours.getOrDefault(field, List.of())));
                tally(sample, s, field, theirs, our, perField, reasons, unexplained);
            }
            if (s.app != null) {
                info.setLength(0);
                appText.appendInfo(info, s);
                String theirs = row[row.length - 1].replaceAll("\\[[^]]*]$", "").replaceAll("\\[[^]]*]$", "");
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

    private static String normalize(String value) {
        if (value.contains(AGGREGATOR)) {
            List<String> parts = new ArrayList<>();
            for (String v : value.split(AGGREGATOR, -1)) {
                parts.add(OracleTest.normalize(v));
            }
            return String.join(AGGREGATOR, parts);
        }
        return OracleTest.normalize(value);
    }

    /** The field names of our DHCP and NTP dissectors. */
    private static List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        for (AppDissector d : Dissectors.prototypes()) {
            if (d.name().equals("dhcp") || d.name().equals("ntp")) {
                for (AppField f : d.fields()) {
                    names.add(f.name());
                }
            }
        }
        return names;
    }

    private static List<String[]> tshark(Path file, List<String> fields) throws Exception {
        List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=" + AGGREGATOR, "-e", "frame.number"));
        for (String f : fields) {
            command.addAll(List.of("-e", f));
        }
        command.addAll(List.of("-e", "_ws.col.Info"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TZ", "UTC");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark did not finish");
        List<String[]> rows = new ArrayList<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }
}
