package org.wiretop.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wiretop.capture.format.FlatJson;

/**
 * What tshark, tcpdump and wiretop say about one capture file, in comparable form: a map of field
 * → first value per packet (tshark's {@code -T fields -E occurrence=f}; our JSON with arrays cut
 * to their first value), and text lines without their timestamps.
 */
final class Oracles {
    private Oracles() {
    }

    /**
     * tshark's application view ({@code tools/tshark-app-fields.sh [OPTIONS] -r FILE}: the script
     * passes its arguments to tshark before its own, so the file goes with {@code -r}), one map a
     * packet.
     */
    static List<Map<String, String>> tsharkAppFields(Path pcap, String... tsharkOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sh", sharedTool("tshark-app-fields.sh").toString()));
        command.addAll(List.of(tsharkOptions));
        command.addAll(List.of("-r", pcap.toString()));
        String[] lines = CliRunner.run(command).split("\n");
        String[] header = lines[0].split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length && c < cells.length; c++) {
                if (!cells[c].isEmpty()) {
                    row.put(header[c], cells[c]);
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** Our JSON of every packet ({@code read FILE --format json ARGS}), one map a packet. */
    static List<Map<String, String>> ourJson(Path pcap, String... args) {
        List<String> command = new ArrayList<>(List.of("read", pcap.toString(), "--format", "json"));
        command.addAll(List.of(args));
        CliRunner.Result r = CliRunner.inProcess(command.toArray(String[]::new));
        if (r.code() != 0) {
            throw new AssertionError("read failed: " + r.err());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : r.lines()) {
            rows.add(FlatJson.parse(line));
        }
        return rows;
    }

    /** tcpdump's lines for the file ({@code tcpdump -nn OPTIONS -r FILE}), timestamps cut off. */
    static List<String> tcpdump(Path pcap, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tcpdump", "-nn"));
        command.addAll(List.of(options));
        command.addAll(List.of("-r", pcap.toString()));
        return withoutTime(List.of(CliRunner.run(command).split("\n")));
    }

    /** Our lines ({@code read FILE ARGS}), timestamps cut off. */
    static List<String> ourText(Path pcap, String... args) {
        List<String> command = new ArrayList<>(List.of("read", pcap.toString()));
        command.addAll(List.of(args));
        CliRunner.Result r = CliRunner.inProcess(command.toArray(String[]::new));
        if (r.code() != 0) {
            throw new AssertionError("read failed: " + r.err());
        }
        return withoutTime(r.lines());
    }

    /** Cells whose field starts with one of {@code prefixes} (dns.time and http.time too), where the two sides differ. */
    static List<String> differences(List<Map<String, String>> tshark, List<Map<String, String>> ours, String... prefixes) {
        List<String> out = new ArrayList<>();
        if (tshark.size() != ours.size()) {
            out.add("packets: tshark " + tshark.size() + ", ours " + ours.size());
        }
        for (int i = 0; i < Math.min(tshark.size(), ours.size()); i++) {
            java.util.Set<String> keys = new java.util.TreeSet<>();
            for (String k : tshark.get(i).keySet()) {
                keys.add(k);
            }
            keys.addAll(ours.get(i).keySet());
            for (String k : keys) {
                if (!startsWithAny(k, prefixes) || k.equals("dns.response_to") || k.equals("http.request_in")) {
                    continue; // the shared tshark-app-fields.sh has no request frames (TransactionsRealClientTest checks them)
                }
                String t = normalize(tshark.get(i).getOrDefault(k, ""));
                String o = normalize(ours.get(i).getOrDefault(k, ""));
                if (!t.equals(o)) {
                    out.add("#" + (i + 1) + " " + k + ": tshark=" + t + " ours=" + o);
                }
            }
        }
        return out;
    }

    private static boolean startsWithAny(String key, String... prefixes) {
        for (String p : prefixes) {
            if (key.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** tshark's hex ("0x1234") and booleans ("True") as our numbers. */
    static String normalize(String v) {
        if (v.startsWith("0x")) {
            return Long.toString(Long.parseLong(v.substring(2), 16));
        }
        return v.equals("True") ? "1" : v.equals("False") ? "0" : v;
    }

    private static List<String> withoutTime(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.isEmpty()) {
                out.add(l.substring(l.indexOf(' ') + 1));
            }
        }
        return out;
    }

    private static Path sharedTool(String name) {
        return Path.of(System.getProperty("wiretop.shared", "../../shared"), "tools", name);
    }
}
