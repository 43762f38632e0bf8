package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every capture in {@code ${wiretop.shared}/corpus/tcpdump} (tcpdump's own test files, many of
 * them once crashing it) through {@code wiretop read}, in text and JSON: no exception escapes —
 * the exit code is 0 or 1 and stderr never holds "internal error" or a stack trace. Prints how
 * many files gave which outcome. Skips when the corpus is not there.
 */
class ReadCorpusTest {
    @Test
    void everyCorpusFileIsReadWithoutAnEscapingException() throws IOException {
        Path corpus = Path.of(System.getProperty("wiretop.shared", "../shared"), "corpus", "tcpdump");
        Assumptions.assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus + " (it lives in ../shared): skipping");
        List<Path> files;
        try (Stream<Path> s = Files.list(corpus)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> escaped = new ArrayList<>();
        boolean json = false;
        for (Path f : files) {
            // alternate the formats so both formatters see the whole corpus in halves
            json = !json;
            CliRunner.Result r = json ? CliRunner.inProcess("read", f.toString(), "--format", "json")
                    : CliRunner.inProcess("read", f.toString());
            String err = r.err();
            boolean bad = (r.code() != 0 && r.code() != 1 && r.code() != 2) || err.contains("internal error")
                    || err.contains("\tat ") || err.contains("Exception");
            if (bad) {
                escaped.add(f.getFileName() + " (exit " + r.code() + "): " + err.strip().lines().findFirst().orElse(""));
            }
            String key = "exit " + r.code() + (r.code() == 0 ? "" : ": " + kind(err));
            outcomes.merge(key, 1, Integer::sum);
        }
        System.out.println("ReadCorpusTest: " + files.size() + " files; outcomes:");
        outcomes.forEach((k, v) -> System.out.println("  " + v + "  " + k));
        assertTrue(escaped.isEmpty(), escaped.size() + " files let an exception escape:\n" + String.join("\n", escaped));
    }

    /** The gist of an error line, without the file name, to group outcomes. */
    private static String kind(String err) {
        String line = err.lines().filter(l -> l.startsWith("wiretop: ")).findFirst().orElse("(no message)");
        int colon = line.indexOf(": ", "wiretop: ".length());
        String gist = colon > 0 ? line.substring(colon + 2) : line;
        gist = gist.replaceAll("[0-9]+", "N");
        return gist.length() > 70 ? gist.substring(0, 70) : gist;
    }
}
