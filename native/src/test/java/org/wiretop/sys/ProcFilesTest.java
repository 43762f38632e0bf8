package org.wiretop.sys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link ProcFiles} against the JDK's reading of the same /proc entries: a real python3 process
 * holding three sockets (its links, name, uid and fd count), this JVM (hundreds of files, more
 * than one getdents64 call's worth of links is not needed for that), and a process that is gone.
 */
class ProcFilesTest {
    @Test
    void readsAProcessAsTheJdkDoes() throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import socket,sys\n"
                + "s=[socket.socket(), socket.socket(socket.AF_INET, socket.SOCK_DGRAM), socket.socket(socket.AF_INET6)]\n"
                + "print('ready', flush=True)\nsys.stdin.read()").start();
        try (ProcFiles files = new ProcFiles()) {
            String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("ready", ready);
            int pid = (int) p.pid();
            long[] expected = socketInodesByJdk(pid);
            assertEquals(3, expected.length, "python3 holds three sockets");
            assertArrayEquals(expected, sorted(files.socketInodes(pid)));
            assertEquals("python3", files.comm(pid));
            assertEquals((int) (Integer) Files.getAttribute(Path.of("/proc/" + pid), "unix:uid"), files.uid(pid));
            assertEquals(new File("/proc/" + pid + "/fd").length(), files.fdCount(pid));

            int self = (int) ProcessHandle.current().pid();
            java.util.Set<Integer> pids = java.util.Arrays.stream(files.pids()).boxed().collect(java.util.stream.Collectors.toSet());
            assertTrue(pids.contains(pid) && pids.contains(self) && pids.contains(1), "pids: " + pids);
            java.util.Set<Integer> jdk = new java.util.HashSet<>();
            for (String name : new File("/proc").list()) {
                if (name.matches("[1-9][0-9]*")) {
                    jdk.add(Integer.parseInt(name));
                }
            }
            java.util.Set<Integer> both = new java.util.HashSet<>(jdk);
            both.retainAll(pids);
            assertTrue(both.size() >= jdk.size() - 5, "the same processes, give or take a few started or ended: " + pids + " vs " + jdk);
            assertArrayEquals(socketInodesByJdk(self), sorted(files.socketInodes(self)));
            assertEquals(Files.readString(Path.of("/proc/self/comm")).strip(), files.comm(self));
        } finally {
            p.getOutputStream().close();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aProcessThatIsGoneHasNothing() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        int pid = (int) p.pid(); // reaped: its /proc entry is gone
        try (ProcFiles files = new ProcFiles()) {
            assertNull(files.socketInodes(pid));
            assertNull(files.comm(pid));
            assertEquals(-1, files.uid(pid));
            assertEquals(0, files.fdCount(pid));
        }
    }

    private static long[] sorted(long[] inodes) {
        return java.util.Arrays.stream(inodes).sorted().toArray();
    }

    private static long[] socketInodesByJdk(int pid) throws IOException {
        Path dir = Path.of("/proc/" + pid + "/fd");
        List<Long> inodes = new ArrayList<>();
        try (var links = Files.list(dir)) {
            for (Path link : links.toList()) {
                String target;
                try {
                    target = Files.readSymbolicLink(link).toString();
                } catch (IOException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith("socket:[")) {
                    inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                }
            }
        }
        return inodes.stream().mapToLong(Long::longValue).sorted().toArray();
    }
}
