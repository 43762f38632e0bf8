package org.wiretop.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tshark's side of {@code --stats}: the three tables as
 * {@code tshark -q -r FILE -z io,phs -z endpoints,ip -z conv,ip} prints them, and (from
 * {@code tshark -T pdml}) each packet's top-level protocols (the PDML's outermost {@code proto}
 * elements after {@code frame}; a {@code fake-field-wrapper} is named by its first field, as
 * {@code tcp.segments}), the path the protocol hierarchy adds that frame's length to.
 */
final class TsharkStats {
    private static final Pattern TOP = Pattern.compile("^  <proto name=\"([^\"]+)\"");
    private static final Pattern WRAPPED = Pattern.compile("^    <field name=\"([^\"]+)\"");
    private static final Pattern FRAME_LEN = Pattern.compile("<field name=\"frame.len\"[^>]* show=\"([0-9]+)\"");

    final String text;
    final List<List<String>> paths = new ArrayList<>();
    final List<Integer> lengths = new ArrayList<>();
    /** Each packet's IPv4 headers at any depth of tshark's tree (a tunnel's), but not an ICMP error's quote. */
    final List<Integer> ipv4Headers = new ArrayList<>();

    private TsharkStats(String tables, String pdml) {
        this.text = tables;
        boolean wrapper = false;
        boolean inIcmp = false;
        List<String> path = null;
        for (String line : pdml.split("\n")) {
            if (line.startsWith("<packet>")) {
                path = new ArrayList<>();
                paths.add(path);
                ipv4Headers.add(0);
                inIcmp = false;
                continue;
            }
            if (path == null) {
                continue;
            }
            if (line.strip().startsWith("<proto name=\"ip\"") && !inIcmp) {
                ipv4Headers.set(paths.size() - 1, ipv4Headers.get(paths.size() - 1) + 1);
            }
            Matcher len = FRAME_LEN.matcher(line);
            if (len.find() && lengths.size() < paths.size()) {
                lengths.add(Integer.parseInt(len.group(1)));
            }
            Matcher top = TOP.matcher(line);
            if (top.find()) {
                String name = top.group(1);
                inIcmp = name.equals("icmp");
                wrapper = name.equals("fake-field-wrapper");
                if (!wrapper && !name.equals("geninfo") && !name.equals("frame")) {
                    path.add(name);
                }
                continue;
            }
            Matcher field = WRAPPED.matcher(line);
            if (wrapper && field.find()) {
                path.add(field.group(1));
                wrapper = false;
            }
        }
    }

    static TsharkStats of(Path pcap) throws IOException, InterruptedException {
        // two runs: with a visible tree (PDML) tshark's hierarchy gains a "frame" root, so the
        // tables come from the -q run a user makes
        String tables = CliRunner.run(List.of("tshark", "-n", "-q", "-r", pcap.toString(),
                "-z", "io,phs", "-z", "endpoints,ip", "-z", "conv,ip"));
        return new TsharkStats(tables, CliRunner.run(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "pdml")));
    }

    /**
     * The lines of the table whose title is {@code title} ("IPv4 Endpoints", "Protocol Hierarchy
     * Statistics") in {@code text}: from the title to the closing rule, both included.
     */
    static List<String> table(String text, String title) {
        List<String> lines = List.of(text.split("\n"));
        int start = lines.indexOf(title);
        if (start < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = start; i < lines.size(); i++) {
            out.add(lines.get(i));
            if (i > start && lines.get(i).startsWith("=====")) {
                break;
            }
        }
        return out;
    }
}
