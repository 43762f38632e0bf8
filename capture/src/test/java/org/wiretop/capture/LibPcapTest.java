package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Loading libpcap where only Debian's runtime package is installed, and saying what to install. */
class LibPcapTest {
    @Test
    void loadsAndIsIdempotent() throws Exception {
        CaptureTestSupport.assumeLibpcap();
        String version = LibPcap.ensureLoaded();
        assertTrue(version.startsWith("libpcap version"), version);
        assertEquals(version, LibPcap.ensureLoaded());
        String lib = System.getProperty(LibPcap.LIB_NAME_PROPERTY);
        if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libpcap.so")) && !Files.exists(Path.of("/usr/lib/libpcap.so"))) {
            assertTrue(lib != null && lib.contains("libpcap.so."), "pointed at the versioned library: " + lib);
        }
    }

    /** In a fresh JVM (pcap4j loads its library once): a library that is not there. */
    @Test
    void missingLibraryNamesThePackageToInstall() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        assumeTrue(cp != null && !cp.isEmpty(), "test class path unknown");
        Process p = new ProcessBuilder(java, "-cp", cp,
                "-D" + LibPcap.LIB_NAME_PROPERTY + "=/nonexistent/libpcap.so.0.8",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                MissingMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(LibPcap.MISSING + "|false|" + LibPcap.MISSING, out.lines().reduce((a, b) -> b).orElse(""), out);
    }

    /** Entry point of the child JVM above: prints the message twice (the failure is remembered). */
    public static final class MissingMain {
        public static void main(String[] args) {
            StringBuilder sb = new StringBuilder();
            try {
                LibPcap.ensureLoaded();
                sb.append("loaded?!");
            } catch (CaptureException e) {
                sb.append(e.getMessage()).append('|').append(e.usage());
            }
            try {
                Sources.openLive(LiveOptions.of("lo", ""));
            } catch (CaptureException e) {
                sb.append('|').append(e.getMessage());
            }
            System.out.println(sb);
        }
    }

}
