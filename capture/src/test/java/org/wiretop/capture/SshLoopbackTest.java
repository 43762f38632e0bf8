package org.wiretop.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.capture.format.AppTools;

/**
 * SSH from real programs: {@code ssh} (batch mode, a throwaway key) against {@code sshd} (its own
 * host key and configuration, no PID file) on port 22 of a namespace of the test's own, captured
 * live on its {@code lo} by our capture. Our text equals {@code tcpdump -nn}'s line for line;
 * {@code ssh.protocol} equals tshark's packet by packet, and so does Info for the version lines
 * and the key exchange messages. Skipped without root or the tools.
 */
class SshLoopbackTest {
    @TempDir
    Path dir;

    @Test
    void sshAgainstSshd() throws Exception {
        AppTools.assumeTools();
        CaptureTestSupport.assumeTool("ssh");
        CaptureTestSupport.assumeTool("ssh-keygen");
        Path sshd = Path.of("/usr/sbin/sshd");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(sshd), "sshd is not installed (openssh-server)");
        Path hostKey = dir.resolve("host_key");
        Path clientKey = dir.resolve("client_key");
        Path file = dir.resolve("ssh.pcap");
        try (Netns ns = Netns.create()) {
            for (Path key : List.of(hostKey, clientKey)) {
                assertEquals(0, ns.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).exit());
            }
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory (systemd makes it)
            ns.start(dir.resolve("sshd.log"), sshd.toString(), "-D", "-e", "-p", "22", "-f", "/dev/null",
                    "-o", "ListenAddress=127.0.0.1", "-h", hostKey.toString(), "-o", "PidFile=none",
                    "-o", "AuthorizedKeysFile=" + clientKey + ".pub", "-o", "StrictModes=no");
            Netns.await("sshd", 20, () -> ssh(ns, clientKey, "true").exit() == 0);
            Process capture = ns.capture(file, "tcp port 22", dir.resolve("capture.log"));
            assertEquals(0, ssh(ns, clientKey, "true").exit());
            Netns.Result echo = ssh(ns, clientKey, "echo", "wiretop");
            assertEquals("wiretop", echo.out().strip(), echo.out());
            Netns.await("both sessions to end", 20, () -> LoopbackCheck.closedConversations(file) >= 2);
            Netns.stopCapture(capture);
        }
        int packets = LoopbackCheck.textEqualsTcpdumps(file);
        int banners = LoopbackCheck.fieldsEqualTsharks(file, List.of("ssh.protocol"), false, true);
        LoopbackCheck.Infos infos = LoopbackCheck.infos(file, info -> info.contains("Protocol (")
                || info.contains("Key Exchange") || info.contains("New Keys"), true);
        LoopbackCheck.sameLists(infos.theirs(), infos.ours(), "Info");
        assertEquals(4, banners, "two version lines a session");
        assertTrue(infos.count() >= 12, infos.count() + " Info lines");
        System.out.printf("ssh loopback: %d packets equal to tcpdump's; %d version lines and %d Info lines equal to"
                + " tshark's%n", packets, banners, infos.count());
    }

    private static Netns.Result ssh(Netns ns, Path key, String... command) {
        List<String> all = new java.util.ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", key.toString(), "-p", "22",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", System.getProperty("user.name") + "@127.0.0.1"));
        all.addAll(List.of(command));
        try {
            return ns.run(all.toArray(new String[0]));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
