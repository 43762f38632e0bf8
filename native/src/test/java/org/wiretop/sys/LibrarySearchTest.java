package org.wiretop.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directories given to JNA instead of its ldconfig run: real ones, holding the libraries wiretop loads. */
class LibrarySearchTest {
    private static final String PROPERTY = "jna.platform.library.path";
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, saved);
        }
    }

    @Test
    void namesExistingDirectoriesThatHoldLibcAndLibpcap() throws IOException {
        System.clearProperty(PROPERTY);
        LibrarySearch.useUsualDirectories();
        List<Path> dirs = Arrays.stream(System.getProperty(PROPERTY).split(":")).map(Path::of).toList();
        assertFalse(dirs.isEmpty());
        assertTrue(dirs.stream().allMatch(Files::isDirectory), dirs.toString());
        assertTrue(holds(dirs, "libc.so."), "no libc in " + dirs);
        assertTrue(holds(dirs, "libpcap.so."), "no libpcap in " + dirs + " (scripts/setup installs it)");
    }

    @Test
    void keepsWhatTheUserSet() {
        System.setProperty(PROPERTY, "/opt/mine/lib");
        LibrarySearch.useUsualDirectories();
        assertEquals("/opt/mine/lib", System.getProperty(PROPERTY));
    }

    private static boolean holds(List<Path> dirs, String prefix) throws IOException {
        for (Path d : dirs) {
            try (Stream<Path> files = Files.list(d)) {
                if (files.anyMatch(f -> f.getFileName().toString().startsWith(prefix))) {
                    return true;
                }
            }
        }
        return false;
    }
}
