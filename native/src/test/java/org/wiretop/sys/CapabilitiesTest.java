package org.wiretop.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.wiretop.sys.PrivilegesTest.ChildJvm;

/** Capability detection in this JVM (root) and in child JVMs started without and with CAP_NET_RAW. */
class CapabilitiesTest {
    @AfterAll
    static void cleanUp() throws IOException {
        ChildJvm.deleteAll();
    }

    @Test
    void rootHasCaptureRights() {
        assumeTrue(Capabilities.isRoot(), "needs root (run the tests as root)");
        Capabilities caps = Capabilities.current();
        assertTrue(caps.hasNetRaw(), caps.toString());
        assertTrue(caps.hasPermitted(Capabilities.CAP_NET_RAW), caps.toString());
        assertNull(Capabilities.captureRightsProblem());
    }

    @Test
    void setsAgreeWithTheKernelsView() throws IOException {
        Capabilities caps = Capabilities.current();
        String status = Files.readString(Path.of("/proc/self/status"));
        assertEquals(hex(status, "CapEff:"), caps.effectiveSet(), caps.toString());
        assertEquals(hex(status, "CapPrm:"), caps.permittedSet(), caps.toString());
        assertEquals(hex(status, "CapInh:"), caps.inheritableSet(), caps.toString());
    }

    @Test
    void nobodyWithoutCapabilitiesIsToldHowToGetThem() throws Exception {
        assumeTrue(Capabilities.isRoot(), "needs root to start a child as nobody");
        assumeTrue(ChildJvm.setprivAvailable(), "setpriv (util-linux) is not installed");
        ChildJvm.Result r = ChildJvm.run(ChildJvm.asNobody(), CapsChild.class);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("root=false net_raw=false net_admin=false\n"), r.output());
        String problem = line(r.output(), "problem=");
        assertTrue(problem.startsWith("capturing needs CAP_NET_RAW, which this process lacks (uid 65534):"
                + " run as root (sudo ./wiretop ...) or grant the capabilities: sudo setcap"
                + " cap_net_raw,cap_net_admin=eip /"), problem);
        assertFalse(problem.contains("\n"));
    }

    @Test
    void nonRootWithAmbientNetRawMayCapture() throws Exception {
        assumeTrue(Capabilities.isRoot(), "needs root to start a child as nobody");
        assumeTrue(ChildJvm.setprivAvailable(), "setpriv (util-linux) is not installed");
        List<String> prefix = new ArrayList<>(ChildJvm.asNobody());
        prefix.set(prefix.size() - 1, "--inh-caps=+net_raw");
        prefix.add("--ambient-caps=+net_raw");
        ChildJvm.Result r = ChildJvm.run(prefix, CapsChild.class);
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("root=false net_raw=true net_admin=false\n"), r.output());
        assertEquals("null", line(r.output(), "problem="));
    }

    private static long hex(String status, String key) {
        return Long.parseUnsignedLong(line(status, key).trim(), 16);
    }

    private static String line(String text, String prefix) {
        for (String l : text.split("\n")) {
            if (l.startsWith(prefix)) {
                return l.substring(prefix.length());
            }
        }
        throw new AssertionError("no line starting with " + prefix + " in:\n" + text);
    }

    /** Runs in the child JVM: prints what it detects. */
    public static final class CapsChild {
        public static void main(String[] args) {
            Capabilities caps = Capabilities.current();
            System.out.println("root=" + Capabilities.isRoot() + " net_raw=" + caps.hasNetRaw()
                    + " net_admin=" + caps.hasNetAdmin());
            System.out.println("problem=" + Capabilities.captureRightsProblem());
        }
    }
}
