package org.wiretop.capture;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.pcap4j.core.Pcaps;

/**
 * Makes libpcap loadable for pcap4j. pcap4j asks JNA for "pcap", i.e. {@code libpcap.so}, which
 * Debian and Ubuntu ship only in the -dev package; the runtime package has the versioned
 * {@code libpcap.so.0.8}. When the plain name is absent we point pcap4j's
 * {@code org.pcap4j.core.pcapLibName} property at the versioned file. Call
 * {@link #ensureLoaded()} before touching any pcap4j class.
 */
public final class LibPcap {
    /** pcap4j reads this system property once, when its native mappings load. */
    public static final String LIB_NAME_PROPERTY = "org.pcap4j.core.pcapLibName";
    static final String MISSING = "libpcap is not installed: install it (Debian/Ubuntu: sudo apt-get install libpcap0.8)";

    private static final List<String> LIB_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib");
    private static final List<String> VERSIONED = List.of("libpcap.so.0.8", "libpcap.so.1");

    private static final Object LOCK = new Object();
    private static volatile String version;
    private static CaptureException failure;

    private LibPcap() {
    }

    /**
     * Loads libpcap once (later calls return at once) and returns its version string.
     *
     * @throws CaptureException when libpcap is absent, saying which package to install
     */
    public static String ensureLoaded() throws CaptureException {
        String v = version;
        if (v != null) {
            return v;
        }
        synchronized (LOCK) {
            if (version != null) {
                return version;
            }
            if (failure != null) {
                throw failure;
            }
            try {
                if (System.getProperty(LIB_NAME_PROPERTY) == null && find("libpcap.so") == null) {
                    String versioned = findVersioned();
                    if (versioned == null) {
                        throw new CaptureException(MISSING, false);
                    }
                    System.setProperty(LIB_NAME_PROPERTY, versioned);
                }
                version = Pcaps.libVersion();
                return version;
            } catch (CaptureException e) {
                failure = e;
                throw e;
            } catch (LinkageError e) {
                // UnsatisfiedLinkError, or NoClassDefFoundError once pcap4j's class init failed.
                failure = new CaptureException(MISSING, false, e);
                throw failure;
            }
        }
    }

    /** True when libpcap can be loaded (for tests and for features that merely degrade). */
    public static boolean available() {
        try {
            ensureLoaded();
            return true;
        } catch (CaptureException e) {
            return false;
        }
    }

    private static String findVersioned() {
        for (String name : VERSIONED) {
            String path = find(name);
            if (path != null) {
                return path;
            }
        }
        return fromLdconfig();
    }

    private static String find(String fileName) {
        for (String dir : LIB_DIRS) {
            Path p = Path.of(dir, fileName);
            if (Files.isReadable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Last resort for unusual layouts: ask the dynamic linker's cache. */
    private static String fromLdconfig() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(ldconfig))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                String found = null;
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        String t = line.trim();
                        int arrow = t.indexOf("=> ");
                        if (found == null && t.startsWith("libpcap.so") && arrow > 0) {
                            found = t.substring(arrow + 3).trim();
                        }
                    }
                }
                p.waitFor(5, TimeUnit.SECONDS);
                if (found != null) {
                    return found;
                }
            } catch (IOException e) {
                // fall through: treated as "not installed"
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }
}
