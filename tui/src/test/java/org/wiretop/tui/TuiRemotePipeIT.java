package org.wiretop.tui;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The UI on a pipe, as {@code ssh host sudo wiretop capture -w - | wiretop -r -} runs it (here
 * both ends on this host, in tmux): the capture's pcap stream comes in on standard input while
 * keys come from the terminal; packets show up live as they are sent, the Connections view has
 * their flow, the status bar names the stream, a new capture filter is refused with a reason
 * (the stream cannot be reopened), and {@code q} leaves a clean terminal. Needs root and tmux.
 */
class TuiRemotePipeIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theUiFollowsAPcapStreamOnStandardInputLive() throws Exception {
        assumeTrue(Tmux.available(), "tmux is not installed (scripts/setup installs it)");
        assumeTrue("0".equals(Tmux.run("id", "-u").strip()), "needs root (capture rights)");
        Path jar = Path.of(System.getProperty("wiretop.jar", "target/wiretop.jar"));
        assumeTrue(Files.isRegularFile(jar), "the wiretop jar is not built: " + jar);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String wiretop = java + " -jar " + jar.toAbsolutePath();
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             Tmux t = Tmux.start("wiretop-pipe-" + ProcessHandle.current().pid(), 160, 40)) {
            int port = sink.getLocalPort();
            t.awaitText(WAIT, "PROMPT$");
            t.type(wiretop + " capture -i lo -w - udp port " + port + " 2>/dev/null | " + wiretop + " -r -");
            t.keys("Enter");
            String s = t.await(WAIT, x -> x.contains(" stdin (pcap stream) | bpf: -"));
            assertTrue(s.contains(" stdin (pcap stream) | bpf: -"), "the status bar names the stream:\n" + s);

            // Datagrams in bounded rounds until the Packets view shows them, as they are sent.
            String row = "(?s).*127\\.0\\.0\\.1:" + sender.getLocalPort() + " +127\\.0\\.0\\.1:" + port + " +UDP +\\d+ +UDP, length 32.*";
            boolean shown = false;
            for (int round = 0; round < 100 && !shown; round++) {
                sender.send(new DatagramPacket(new byte[32], 32, InetAddress.getLoopbackAddress(), port));
                shown = t.await(Duration.ofMillis(200), x -> x.matches(row)).matches(row);
            }
            assertTrue(shown, "no streamed packet reached the Packets view:\n" + t.screen());

            t.keys("2");
            String conn = "127.0.0.1:" + sender.getLocalPort() + " +127\\.0\\.0\\.1:" + port;
            s = t.await(WAIT, x -> x.matches("(?s).*udp +" + conn + " .*"));
            assertTrue(s.matches("(?s).*udp +" + conn + " .*"), "the flow is in Connections:\n" + s);

            t.keys("1", "c");
            t.awaitText(WAIT, "capture filter:");
            t.type("tcp");
            t.keys("Enter");
            s = t.awaitText(WAIT, "stream on stdin");
            assertTrue(s.contains("no other capture filter") && s.contains(" stdin (pcap stream) | bpf: -"),
                    "a new capture filter is refused and the stream goes on:\n" + s);

            t.keys("q");
            // The capture upstream ends at its next write into the closed pipe, as tcpdump's would.
            for (int round = 0; round < 50 && !t.screen().strip().endsWith("PROMPT$"); round++) {
                sender.send(new DatagramPacket(new byte[32], 32, InetAddress.getLoopbackAddress(), port));
                t.await(Duration.ofMillis(200), x -> x.strip().endsWith("PROMPT$"));
            }
            s = t.screen();
            assertFalse(s.contains("1 Packets"), s);
            assertTrue(s.strip().endsWith("PROMPT$"), "the shell prompt is back:\n" + s);
        }
    }
}
