package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.Dissectors;

/**
 * {@code tshark -T fields} with every field of some of our application protocols, every
 * occurrence of each ({@code -E occurrence=a}, joined with {@link #AGGREGATOR}), the Info
 * column last; and the normalisation that makes its values comparable with our JSON's.
 */
final class TsharkFields {
    static final String AGGREGATOR = ";";

    private TsharkFields() {
    }

    /** The field names of the named protocols' dissectors, in their order. */
    static List<String> names(Set<String> protocols) {
        List<String> names = new ArrayList<>();
        for (AppDissector d : Dissectors.prototypes()) {
            if (protocols.contains(d.name())) {
                for (AppField f : d.fields()) {
                    names.add(f.name());
                }
            }
        }
        return names;
    }

    /** One row a packet: frame.number, the fields, the Info column. */
    static List<String[]> read(Path file, List<String> fields) throws Exception {
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

    /** tshark's value as our JSON writes it: hex to decimal, True/False to 1/0, per occurrence. */
    static String normalize(String value) {
        if (value.contains(AGGREGATOR)) {
            List<String> parts = new ArrayList<>();
            for (String v : value.split(AGGREGATOR, -1)) {
                parts.add(OracleTest.normalize(v));
            }
            return String.join(AGGREGATOR, parts);
        }
        return OracleTest.normalize(value);
    }

    /** tshark's Info without the notes it appends ({@code [Malformed Packet]}, ...). */
    static String info(String[] row) {
        return row[row.length - 1].replaceAll("(\\[[^]]*])+$", "");
    }
}
