package org.wiretop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults while capturing to a file (issue 7): killed with SIGKILL, the disk fills, the
 * interface disappears. In each case the file written so far must stay readable by tcpdump,
 * and where wiretop survives to say so, it says what happened in one line.
 */
class FaultsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void sigkillLeavesAFileReadableUpToTheLastFlush(@TempDir Path dir) throws Exception {
        Wiretop.assumeRoot();
        Wiretop.assumeTool("tcpdump");
        int port = Wiretop.freeUdpPort();
        Path file = dir.resolve("killed.pcap");
        Process capture = Wiretop.wiretop("capture", "-i", "lo", "-w", file.toString(), "udp", "port", String.valueOf(port))
                .redirectErrorStream(true).start();
        try {
            // Send until at least 5 records reached the file (the writer flushes at least every 100 ms).
            boolean flushed = false;
            for (int round = 0; round < 300 && !flushed; round++) {
                Wiretop.sendUdp("127.0.0.1", port, 1, 100, 0);
                flushed = Wiretop.await(Duration.ofMillis(50), () -> size(file) >= 24 + 5 * (16 + 142));
            }
            assertTrue(flushed, "nothing reached " + file + " (" + size(file) + " bytes)");
        } finally {
            capture.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        assertReadable(file, 5);
    }

    /** The same for pcapng (with process comments): whole blocks only reach the file. */
    @Test
    void sigkillLeavesAPcapngReadableUpToTheLastFlush(@TempDir Path dir) throws Exception {
        Wiretop.assumeRoot();
        Wiretop.assumeTool("tcpdump");
        Wiretop.assumeTool("tshark");
        int port = Wiretop.freeUdpPort();
        Path file = dir.resolve("killed.pcapng");
        Process capture = Wiretop.wiretop("capture", "-i", "lo", "-w", file.toString(), "udp", "port", String.valueOf(port))
                .redirectErrorStream(true).start();
        try {
            boolean flushed = false;
            for (int round = 0; round < 300 && !flushed; round++) {
                Wiretop.sendUdp("127.0.0.1", port, 1, 100, 0);
                flushed = Wiretop.await(Duration.ofMillis(50), () -> size(file) >= 84 + 5 * 176);
            }
            assertTrue(flushed, "nothing reached " + file + " (" + size(file) + " bytes)");
        } finally {
            capture.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        assertReadable(file, 5);
        Wiretop.Result tshark = Wiretop.runTool(WAIT, "tshark", "-n", "-r", file.toString());
        assertEquals(0, tshark.exit(), "tshark -r: " + tshark.err());
        assertTrue(tshark.lines().size() >= 5 && !tshark.err().contains("cut short") && !tshark.err().contains("isn't"),
                "tshark: " + tshark.err());
    }

    @Test
    void fullDiskStopsWithAMessageAndKeepsWhatWasWritten(@TempDir Path dir) throws Exception {
        Wiretop.assumeRoot();
        Wiretop.assumeTool("tcpdump");
        Wiretop.assumeTool("mount");
        Path mnt = Files.createDirectories(dir.resolve("small"));
        Wiretop.Result mount = Wiretop.runTool(WAIT, "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString());
        assumeTrue(mount.exit() == 0, "cannot mount a tmpfs here: " + mount.err());
        try {
            int port = Wiretop.freeUdpPort();
            Path file = mnt.resolve("full.pcap");
            Process capture = Wiretop.wiretop("capture", "-i", "lo", "-w", file.toString(), "udp", "port", String.valueOf(port)).start();
            Wiretop.Lines err = Wiretop.Lines.follow(capture.getErrorStream());
            try {
                // 256 KiB holds ~180 records of 1,400 bytes: send at most 2,000, until wiretop gives up.
                for (int i = 0; i < 2000 && capture.isAlive(); i++) {
                    Wiretop.sendUdp("127.0.0.1", port, 1, 1400, 2);
                }
                assertTrue(capture.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "capture went on with a full disk: " + err.text());
            } finally {
                capture.destroyForcibly();
            }
            err.join();
            assertEquals(1, capture.exitValue(), "exit code on a full disk; stderr: " + err.text());
            String message = err.text().toLowerCase();
            assertTrue(message.contains("no space") || message.contains("disk") && message.contains("full"),
                    "stderr should say the disk is full: " + err.text());
            assertReadable(file, 10);
        } finally {
            Wiretop.runTool(WAIT, "umount", "-l", mnt.toString());
        }
    }

    @Test
    void interfaceThatDisappearsEndsTheCaptureCleanly(@TempDir Path dir) throws Exception {
        Wiretop.assumeRoot();
        Wiretop.assumeTool("tcpdump");
        Wiretop.assumeTool("ip");
        String ns = "wtfault" + ProcessHandle.current().pid();
        String near = "wtf" + (ProcessHandle.current().pid() % 100000) + "a";
        String far = "wtf" + (ProcessHandle.current().pid() % 100000) + "b";
        // A test host of our own: a veth pair whose far end lives in a namespace this test made.
        Wiretop.Result add = Wiretop.runTool(WAIT, "ip", "netns", "add", ns);
        assumeTrue(add.exit() == 0, "cannot create a network namespace here: " + add.err());
        try {
            ip("link", "add", near, "type", "veth", "peer", "name", far);
            ip("link", "set", far, "netns", ns);
            ip("addr", "add", "10.231.77.1/30", "dev", near);
            ip("link", "set", near, "up");
            ip("-n", ns, "addr", "add", "10.231.77.2/30", "dev", far);
            ip("-n", ns, "link", "set", far, "up");
            ip("-n", ns, "link", "set", "lo", "up");

            Path file = dir.resolve("gone.pcap");
            Process capture = Wiretop.wiretop("capture", "-i", near, "-w", file.toString(), "udp", "port", "9").start();
            Wiretop.Lines err = Wiretop.Lines.follow(capture.getErrorStream());
            try {
                boolean flushed = false;
                for (int round = 0; round < 300 && !flushed; round++) {
                    Wiretop.sendUdp("10.231.77.2", 9, 1, 64, 0);
                    flushed = Wiretop.await(Duration.ofMillis(50), () -> size(file) >= 24 + 3 * (16 + 106));
                }
                assertTrue(flushed, "nothing captured on " + near + ": " + err.text());
                ip("link", "del", near);
                assertTrue(capture.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS),
                        "capture went on after " + near + " disappeared: " + err.text());
            } finally {
                capture.destroyForcibly();
            }
            err.join();
            assertEquals(1, capture.exitValue(), "stderr: " + err.text());
            assertTrue(err.text().contains(near), "the message should name the interface: " + err.text());
            assertTrue(err.text().contains("packets captured"), "the stats lines should still be printed: " + err.text());
            assertReadable(file, 3);
        } finally {
            Wiretop.runTool(WAIT, "ip", "link", "del", near);
            Wiretop.runTool(WAIT, "ip", "netns", "del", ns);
        }
    }

    private static void ip(String... args) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "ip";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Wiretop.Result r = Wiretop.runTool(WAIT, cmd);
        assertEquals(0, r.exit(), String.join(" ", cmd) + ": " + r.err());
    }

    /** tcpdump and wiretop both read the file without error and agree on at least {@code min} packets. */
    private static void assertReadable(Path file, int min) {
        Wiretop.Result tcpdump = Wiretop.runTool(WAIT, "tcpdump", "-nn", "-r", file.toString());
        assertEquals(0, tcpdump.exit(), "tcpdump -r: " + tcpdump.err());
        assertTrue(tcpdump.lines().size() >= min, "tcpdump read " + tcpdump.lines().size() + " packets");
        Wiretop.Result ours = Wiretop.run(WAIT, Wiretop.command("read", file.toString()));
        assertEquals(0, ours.exit(), "wiretop read: " + ours.err());
        assertEquals(tcpdump.lines().size(), ours.lines().size(), "wiretop and tcpdump disagree on the count");
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
