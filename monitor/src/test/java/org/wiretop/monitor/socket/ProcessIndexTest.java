package org.wiretop.monitor.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The process index finds this JVM behind its own sockets, and keeps up as they change. */
class ProcessIndexTest {
    private final ProcNetProvider source = new ProcNetProvider(); // needs no netlink

    @Test
    void findsOwnJvmAndFollowsSocketsThatComeAndGo() throws IOException {
        ProcessIndex index = new ProcessIndex();
        long pid = ProcessHandle.current().pid();
        String comm = Files.readString(Path.of("/proc/self/comm"), StandardCharsets.UTF_8).strip();
        try (ServerSocketChannel first = listener()) {
            long firstInode = inodeOf(first);
            index.refresh(new long[]{firstInode});
            SocketOwner owner = index.ownerOf(firstInode);
            assertNotNull(owner, "own listener unowned");
            assertEquals(pid, owner.pid());
            assertEquals(comm, owner.program());
            assertNotNull(owner.user());

            // Close one socket and open another: the fd count is the same, yet the new one is found.
            first.close();
            try (ServerSocketChannel second = listener()) {
                long secondInode = inodeOf(second);
                index.refresh(new long[]{secondInode});
                assertEquals(pid, index.ownerOf(secondInode).pid());
                assertNull(index.ownerOf(firstInode), "closed socket still owned");
            }
        }
    }

    @Test
    void findsTheSocketOfAProcessStartedAfterTheIndexWarmedUp() throws Exception {
        java.io.File python = new java.io.File("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(python.canExecute(), "needs /usr/bin/python3 as a second process");
        ProcessIndex index = new ProcessIndex();
        index.refresh(new long[0]);
        Process child = new ProcessBuilder(python.getPath(), "-c", "import socket, sys\n"
                + "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
                + "print(s.getsockname()[1], flush=True); sys.stdin.read()").start();
        try (java.io.BufferedReader out = new java.io.BufferedReader(
                new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            int port = Integer.parseInt(out.readLine().strip());
            long inode = source.read(EnumSet.of(Proto.TCP), Set.of(4)).stream()
                    .filter(e -> e.localPort() == port && e.state() == SocketState.LISTEN)
                    .findFirst().orElseThrow().inode();
            index.refresh(new long[]{inode});
            SocketOwner owner = index.ownerOf(inode);
            assertNotNull(owner, "the new process's listener is unowned");
            assertEquals(child.pid(), owner.pid());
            assertEquals("python3", owner.program());
        } finally {
            child.destroy();
            child.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void inodeZeroAndUnknownInodesHaveNoOwner() {
        ProcessIndex index = new ProcessIndex();
        index.refresh(new long[]{0, Long.MAX_VALUE});
        assertNull(index.ownerOf(0));
        assertNull(index.ownerOf(Long.MAX_VALUE));
        // the unknown inode is remembered: asking again does not rescan every process
        index.refresh(new long[]{Long.MAX_VALUE});
        assertNull(index.ownerOf(Long.MAX_VALUE));
    }

    private static ServerSocketChannel listener() throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return s;
    }

    private long inodeOf(ServerSocketChannel channel) throws IOException {
        int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        return source.read(EnumSet.of(Proto.TCP), Set.of(4, 6)).stream()
                .filter(e -> e.localPort() == port && e.state() == SocketState.LISTEN)
                .findFirst().orElseThrow().inode();
    }
}
