package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.LibPcap;

/** {@code wiretop interfaces}: tcpdump -D numbering and flags, plus link type and addresses. */
class InterfacesCommandTest {
    @Test
    void listsLoopbackLikeTcpdumpWithAddresses() {
        try {
            LibPcap.ensureLoaded();
        } catch (CaptureException e) {
            Assumptions.abort("libpcap is not installed: " + e.getMessage());
        }
        CliRunner.Result r = CliRunner.inProcess("interfaces");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).startsWith((i + 1) + "."), "tcpdump -D numbering: " + lines.get(i));
        }
        String lo = lines.stream().filter(l -> l.matches("\\d+\\.lo .*")).findFirst().orElse("");
        assertTrue(lo.contains("[Up, Running, Loopback]"), r.out());
        assertTrue(lo.contains("127.0.0.1/8"), "addresses of lo: " + lo);
        if (CliRunner.isRoot()) {
            assertTrue(lo.contains("link-type EN10MB"), "link type of lo: " + lo);
        }
    }
}
