package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's fault "the interface disappears mid-capture", seen from the UI: the UI captures on
 * one end of a veth pair whose other end lives in a network namespace this test makes, the
 * test deletes the interface, and the UI must say so in its status bar and stay up: views
 * still switch and {@code q} still leaves a clean terminal. Needs root, tmux and ip.
 */
class TuiInterfaceGoneIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theUiStaysUpAndSaysSoWhenItsInterfaceDisappears() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (scripts/setup installs it)");
        assumeTrue("0".equals(Tmux.run("id", "-u").strip()), "needs root (capture rights and namespaces)");
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        long pid = ProcessHandle.current().pid();
        String ns = "wtui" + pid;
        String near = "wtu" + (pid % 100000) + "a";
        String far = "wtu" + (pid % 100000) + "b";
        assumeTrue(ip("netns", "add", ns), "cannot create a network namespace here");
        try {
            assertTrue(ip("link", "add", near, "type", "veth", "peer", "name", far));
            assertTrue(ip("link", "set", far, "netns", ns));
            assertTrue(ip("addr", "add", "10.231.78.1/30", "dev", near));
            assertTrue(ip("link", "set", near, "up"));
            assertTrue(ip("-n", ns, "addr", "add", "10.231.78.2/30", "dev", far));
            assertTrue(ip("-n", ns, "link", "set", far, "up"));

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            try (Tmux t = Tmux.start("wiretop-gone-" + pid, 160, 40)) {
                t.awaitText(WAIT, "PROMPT$");
                t.type(java + " -jar " + jar.toAbsolutePath() + " -i " + near + " udp port 9");
                t.keys("Enter");
                String s = t.await(WAIT, x -> x.contains("1 Packets") && x.contains(" " + near + " | bpf: udp port 9"));
                assertTrue(s.contains(" " + near + " | bpf:"), s);

                // Traffic to the test's own host in the namespace, in bounded rounds, until shown.
                boolean shown = false;
                try (DatagramSocket sock = new DatagramSocket()) {
                    InetAddress to = InetAddress.getByName("10.231.78.2");
                    for (int round = 0; round < 100 && !shown; round++) {
                        sock.send(new DatagramPacket(new byte[32], 32, to, 9));
                        shown = t.await(Duration.ofMillis(200), x -> x.contains("UDP, length 32")).contains("UDP, length 32");
                    }
                }
                assertTrue(shown, "no packet on " + near + " reached the Packets view:\n" + t.screen());

                assertTrue(ip("link", "del", near));
                // The status bar's note names the interface and what happened to it.
                String note = " capture: " + near + ": ";
                s = t.await(WAIT, x -> x.contains(note));
                assertTrue(s.contains(note) && s.contains("disappeared"), "the status bar should say the capture ended:\n" + s);
                assertTrue(s.contains("UDP, length 32"), "the packets so far are still shown:\n" + s);

                // Still up: views switch, and q leaves a clean terminal.
                t.keys("3");
                s = t.await(WAIT, x -> x.contains("Recv-Q"));
                assertTrue(s.contains("Recv-Q"), "the Sockets view should still open:\n" + s);
                t.keys("q");
                s = t.await(WAIT, x -> !x.contains("1 Packets") && x.strip().endsWith("PROMPT$"));
                assertFalse(s.contains("1 Packets"), s);
                assertTrue(s.strip().endsWith("PROMPT$"), "the shell prompt is back:\n" + s);
            }
        } finally {
            ip("link", "del", near);
            ip("netns", "del", ns);
        }
    }

    private static boolean ip(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }
}
