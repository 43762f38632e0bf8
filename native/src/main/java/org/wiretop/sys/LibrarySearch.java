package org.wiretop.sys;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where JNA looks for system libraries (libpcap, libc). Unless told, JNA asks {@code /sbin/ldconfig -p}
 * at its first use, a child process that cost 40-50 ms of every wiretop start (strace: the only
 * process a {@code read} started). The directories it would find first are the usual ones, so
 * they are named here: a library elsewhere is still found through {@code jna.library.path} or
 * the dynamic linker's own search.
 */
public final class LibrarySearch {
    private static final String PROPERTY = "jna.platform.library.path";

    private LibrarySearch() {
    }

    /** Names the usual library directories for JNA, unless the user set the property (Linux only). */
    public static void useUsualDirectories() {
        if (System.getProperty(PROPERTY) != null || !"Linux".equals(System.getProperty("os.name"))) {
            return;
        }
        List<String> dirs = new ArrayList<>();
        String triplet = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            default -> null;
        };
        if (triplet != null) {
            dirs.add("/usr/lib/" + triplet);
            dirs.add("/lib/" + triplet);
        }
        dirs.addAll(List.of("/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib"));
        dirs.removeIf(d -> !Files.isDirectory(Path.of(d)));
        System.setProperty(PROPERTY, String.join(":", dirs));
    }
}
