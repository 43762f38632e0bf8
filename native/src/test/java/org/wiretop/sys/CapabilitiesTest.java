package org.wiretop.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.wiretop.sys.PrivilegesTest.ChildJvm;

/**
 * Capability detection in this JVM (root) and in child JVMs started as nobody without and with
 * an ambient CAP_NET_RAW, checked against what libpcap gets from the kernel on lo.
 */
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
        String libpcap = libpcap();
        ChildJvm.Result r = libpcap == null ? ChildJvm.run(ChildJvm.asNobody(), CapsChild.class)
                : ChildJvm.run(ChildJvm.asNobody(), CapsChild.class, libpcap);
        assertEquals(0, r.exitCode(), r.output());
        if (libpcap != null) { // the detection agrees with what the kernel does
            assertEquals("-8", line(r.output(), "pcap_activate="), r.output());
        }
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
        String libpcap = libpcap();
        ChildJvm.Result r = libpcap == null ? ChildJvm.run(prefix, CapsChild.class)
                : ChildJvm.run(prefix, CapsChild.class, libpcap);
        assertEquals(0, r.exitCode(), r.output());
        if (libpcap != null) { // and a real capture on lo opens without root
            assertEquals("0", line(r.output(), "pcap_activate="), r.output());
        }
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

    /** libpcap's versioned name on Debian/Ubuntu (the plain .so is only in the -dev package). */
    private static String libpcap() {
        for (String p : new String[] {"/usr/lib/x86_64-linux-gnu/libpcap.so.0.8", "/usr/lib/aarch64-linux-gnu/libpcap.so.0.8",
                "/usr/lib64/libpcap.so.1", "/usr/lib/libpcap.so.0.8"}) {
            if (Files.isReadable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /** The two libpcap calls that show whether the kernel lets us open a capture. */
    interface PcapLib extends Library {
        Pointer pcap_create(String device, byte[] errbuf);

        int pcap_activate(Pointer handle);

        void pcap_close(Pointer handle);
    }

    /**
     * Runs in the child JVM: prints what it detects and, given libpcap's path, what the kernel
     * says when it really opens a capture on lo (0 = activated, -8 = PCAP_ERROR_PERM_DENIED).
     */
    public static final class CapsChild {
        public static void main(String[] args) {
            Capabilities caps = Capabilities.current();
            System.out.println("root=" + Capabilities.isRoot() + " net_raw=" + caps.hasNetRaw()
                    + " net_admin=" + caps.hasNetAdmin());
            System.out.println("problem=" + Capabilities.captureRightsProblem());
            if (args.length > 0) {
                PcapLib pcap = Native.load(args[0], PcapLib.class);
                Pointer handle = pcap.pcap_create("lo", new byte[256]);
                System.out.println("pcap_activate=" + pcap.pcap_activate(handle));
                pcap.pcap_close(handle);
            }
        }
    }
}
