package org.wiretop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "listening on" means what it means for tcpdump: the capture is reading. A script (or a person)
 * that starts traffic on the banner must lose nothing to wiretop's set-up. Before this held, an
 * export's flow table, exporter and flow thread were set up after the banner, while the kernel's
 * buffer filled: at full rate a 2 MiB buffer kept about 5,500 of 20,000 datagrams.
 *
 * <p>Live on lo (root; skipped otherwise): {@code capture -B 2048 --ipfix ...}, then, on the
 * banner, a burst of {@value #DATAGRAMS} datagrams, as fast as one socket sends them: about
 * twice what the 2 MiB buffer holds (lo shows each datagram twice to the kernel's filter).
 */
class ListeningBannerTest {
    private static final int DATAGRAMS = 12_000;

    @TempDir
    Path dir;

    @Test
    void nothingSentAfterTheBannerIsLostToTheSetUp() throws Exception {
        assumeTrue(CliRunner.isRoot(), "live capture needs root: skipping");
        Path out = dir.resolve("out.txt"), err = dir.resolve("err.txt");
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket collector = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            int port = sink.getLocalPort(); // bound, so the kernel sends no ICMP back
            // -c: the capture ends by itself once every datagram came through
            Process p = CliRunner.start(out, err, "capture", "-i", "lo", "-B", "2048", "-c", String.valueOf(DATAGRAMS),
                    "--ipfix", "127.0.0.1:" + collector.getLocalPort(), "udp", "dst", "port", String.valueOf(port));
            try {
                assertTrue(CliRunner.await(15_000, () -> CliRunner.read(err).contains("listening on") || !p.isAlive()),
                        "capture did not start: " + CliRunner.read(err));
                byte[] payload = new byte[64];
                DatagramPacket d = new DatagramPacket(payload, payload.length, new InetSocketAddress(lo, port));
                for (int i = 0; i < DATAGRAMS; i++) {
                    sender.send(d);
                }
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroy(); // some never came: a clean stop still prints the statistics
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } finally {
                p.destroyForcibly();
            }
            String e = CliRunner.read(err);
            assertTrue(e.contains("\n0 packets dropped by kernel"), e);
            assertTrue(e.contains("\n" + DATAGRAMS + " packets captured"), e);
            assertEquals(1, e.lines().filter(l -> l.startsWith("listening on lo")).count(), e);
        }
    }
}
