package org.wiretop.decode;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/** Where the shared capture corpus lies (../shared/corpus); tests skip when it is absent. */
public final class Corpus {
    private Corpus() {
    }

    /** corpus/tcpdump, or a skipped test (with the reason) when it is not there. */
    public static Path tcpdumpDir() {
        String shared = System.getProperty("wiretop.shared", "../../shared");
        Path dir = Path.of(shared, "corpus", "tcpdump");
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "capture corpus absent at " + dir.toAbsolutePath() + " (set -Dwiretop.shared): skipped");
        return dir;
    }

    /** tshark's decode of {@code capture}, or null when there is none. */
    public static Path expectedFor(Path capture) {
        String name = capture.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path tsv = capture.getParent().resolveSibling("expected").resolve((dot > 0 ? name.substring(0, dot) : name) + ".tsv");
        return Files.isRegularFile(tsv) ? tsv : null;
    }

    /** Every capture file of the corpus, sorted by name. */
    public static List<Path> captures() {
        File[] files = tcpdumpDir().toFile().listFiles(File::isFile);
        return Arrays.stream(files == null ? new File[0] : files).map(File::toPath).sorted()
                .collect(Collectors.toList());
    }
}
