package org.wiretop.capture.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs Wireshark's own filter engine on many filters at once: tshark's io,stat with one packet per
 * one-second interval (the pcap's frame i lies at second 1000 + i, see {@link Frames#writePcap})
 * gives a 0/1 per packet and filter. The pcap ends with a sentinel frame in the last interval,
 * which tshark closes at the capture's end. io,stat splits on commas: filters must have none.
 */
final class TsharkFilters {
    private TsharkFilters() {
    }

    /** tshark on the PATH, or null. */
    static String tshark() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path p = Path.of(d, "tshark");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Every protocol and field name tshark knows ({@code tshark -G fields}). */
    static Set<String> knownNames(String tshark) throws Exception {
        Process p = new ProcessBuilder(tshark, "-G", "fields").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<String> names = new HashSet<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cells = line.split("\t", -1);
                if (cells.length > 2 && (cells[0].equals("P") || cells[0].equals("F"))) {
                    names.add(cells[2]);
                }
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return names;
    }

    /**
     * result[filter][packet]: whether tshark's filter matched the first {@code packets} frames.
     * IP reassembly is off, as our decoder does none; {@code options} adds more {@code -o} settings.
     */
    static boolean[][] matches(String tshark, Path pcap, int packets, String[] filters, String... options)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tshark, "-n", "-q", "-r", pcap.toString(),
                "-o", "ip.defragment:FALSE", "-o", "ipv6.defragment:FALSE"));
        for (String o : options) {
            cmd.add("-o");
            cmd.add(o);
        }
        cmd.add("-z");
        cmd.add("io,stat,1," + String.join(",", filters));
        Path log = pcap.resolveSibling(pcap.getFileName() + ".tshark.out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not finish in 120 s");
        }
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        boolean[][] result = new boolean[filters.length][packets];
        int row = 0;
        for (String line : out.split("\n")) {
            String[] cells = line.split("\\|");
            if (cells.length < 3 || !cells[1].contains("<>") || row >= packets) {
                continue;
            }
            for (int f = 0; f < filters.length; f++) {
                result[f][row] = Long.parseLong(cells[2 + 2 * f].trim()) > 0;
            }
            row++;
        }
        assertEquals(packets, row, "tshark printed fewer intervals than packets:\n" + out);
        return result;
    }
}
