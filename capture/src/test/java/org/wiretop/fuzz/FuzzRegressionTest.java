package org.wiretop.fuzz;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Replays every input in {@code src/test/resources/fuzz-regressions/} through
 * {@link PacketFuzzTarget}: fuzzer findings and hand-made hostile inputs (a record length of
 * 4 GiB, a header cut short, ...) stay fixed. Each file is one fuzz input: the first byte picks
 * the target (0 decoder, 1 pcap stream, 2 pcap file), as {@link PacketFuzzTarget} reads it.
 */
class FuzzRegressionTest {
    @Test
    void everyRegressionInputIsHandled() {
        List<byte[]> inputs = fixtures();
        assertFalse(inputs.isEmpty(), "no regression fixtures found");
        for (byte[] in : inputs) {
            assertDoesNotThrow(() -> PacketFuzzTarget.fuzzerTestOneInput(in));
        }
    }

    static List<byte[]> fixtures() {
        URL dir = FuzzRegressionTest.class.getResource("/fuzz-regressions");
        if (dir == null) {
            return List.of();
        }
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path f : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    out.add(in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
