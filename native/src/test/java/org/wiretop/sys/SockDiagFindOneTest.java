package org.wiretop.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact-match query against real sockets, each answer checked against a full dump. */
class SockDiagFindOneTest {
    private static final byte[] V4_ANY = new byte[4];

    @Test
    void findsBothEndsOfAConnectionWithTheInodeTheDumpReports() throws IOException {
        try (NetlinkSockDiag diag = openOrSkip();
             ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.INET)) {
                client.connect(server.getLocalAddress());
                try (SocketChannel accepted = server.accept()) {
                    InetSocketAddress c = (InetSocketAddress) client.getLocalAddress();
                    InetSocketAddress s = (InetSocketAddress) server.getLocalAddress();
                    long[] clientSide = find(diag, NetlinkSockDiag.IPPROTO_TCP, c, s);
                    long[] serverSide = find(diag, NetlinkSockDiag.IPPROTO_TCP, s, c);
                    assertEquals(dumpedInode(diag, c.getPort(), s.getPort()), clientSide[0]);
                    assertEquals(dumpedInode(diag, s.getPort(), c.getPort()), serverSide[0]);
                    assertTrue(clientSide[0] != serverSide[0] && clientSide[0] > 0 && serverSide[0] > 0);
                    assertEquals(1, clientSide[1], "ESTABLISHED");
                    assertEquals(uid(), clientSide[2]);
                }
            }
        }
    }

    @Test
    void aTupleWithNoSocketButAListenerOnItsPortFindsTheListener() throws IOException {
        try (NetlinkSockDiag diag = openOrSkip();
             ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress s = (InetSocketAddress) server.getLocalAddress();
            long[] got = find(diag, NetlinkSockDiag.IPPROTO_TCP, s, new InetSocketAddress("127.0.0.1", 1));
            assertEquals(10, got[1], "LISTEN");
            assertEquals(dumpedInode(diag, s.getPort(), 0), got[0]);
        }
    }

    @Test
    void nothingThereIsNotFoundRatherThanAnError() throws IOException {
        try (NetlinkSockDiag diag = openOrSkip()) {
            int port;
            try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
                gone.bind(new InetSocketAddress("127.0.0.1", 0));
                port = ((InetSocketAddress) gone.getLocalAddress()).getPort();
            }
            assertFalse(diag.findOne(NetlinkSockDiag.AF_INET, NetlinkSockDiag.IPPROTO_TCP,
                    InetAddress.getByName("127.0.0.1").getAddress(), port,
                    InetAddress.getByName("127.0.0.1").getAddress(), 1, m -> { }));
            // the socket still answers afterwards
            assertFalse(diag.findOne(NetlinkSockDiag.AF_INET, NetlinkSockDiag.IPPROTO_UDP,
                    InetAddress.getByName("127.0.0.1").getAddress(), port, V4_ANY, 0, m -> { }));
        }
    }

    @Test
    void udpConnectedAndUnconnectedSocketsAreFound() throws IOException {
        try (NetlinkSockDiag diag = openOrSkip();
             DatagramChannel bound = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel connected = DatagramChannel.open(StandardProtocolFamily.INET)) {
            bound.bind(new InetSocketAddress("127.0.0.1", 0));
            connected.connect(bound.getLocalAddress());
            InetSocketAddress b = (InetSocketAddress) bound.getLocalAddress();
            InetSocketAddress c = (InetSocketAddress) connected.getLocalAddress();
            long[] client = find(diag, NetlinkSockDiag.IPPROTO_UDP, c, b);
            long[] server = find(diag, NetlinkSockDiag.IPPROTO_UDP, b, c);
            assertTrue(client[0] > 0 && server[0] > 0 && client[0] != server[0]);
            assertEquals(1, client[1], "a connected UDP socket is ESTABLISHED to the kernel");
            assertEquals(7, server[1], "an unconnected one is CLOSE");
        }
    }

    @Test
    void anIpv4QueryFindsADualStackSocketTalkingToAnIpv4Peer() throws IOException {
        try (NetlinkSockDiag diag = openOrSkip();
             ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel client;
            try {
                client = SocketChannel.open(StandardProtocolFamily.INET6);
            } catch (UnsupportedOperationException | IOException e) {
                assumeTrue(false, "no IPv6 here: " + e);
                return;
            }
            try (client) {
                client.connect(server.getLocalAddress());
                try (SocketChannel accepted = server.accept()) {
                    InetSocketAddress c = (InetSocketAddress) client.getLocalAddress();
                    assertTrue(c.getAddress() instanceof Inet6Address || c.getAddress().getAddress().length == 4);
                    InetSocketAddress c4 = new InetSocketAddress("127.0.0.1", c.getPort());
                    long[] got = find(diag, NetlinkSockDiag.IPPROTO_TCP, c4, (InetSocketAddress) server.getLocalAddress());
                    assertTrue(got[0] > 0, "found with its inode");
                    assertEquals(NetlinkSockDiag.AF_INET6, got[3], "the socket itself is AF_INET6");
                }
            }
        }
    }

    /** {inode, state, uid, family} of the socket found, failing when none is. */
    private static long[] find(NetlinkSockDiag diag, int proto, InetSocketAddress local, InetSocketAddress remote)
            throws IOException {
        long[] out = new long[4];
        boolean found = diag.findOne(NetlinkSockDiag.AF_INET, proto, local.getAddress().getAddress(), local.getPort(),
                remote.getAddress().getAddress(), remote.getPort(), m -> {
                    out[0] = m.inode();
                    out[1] = m.state();
                    out[2] = m.uid();
                    out[3] = m.family();
                });
        assertTrue(found, "no socket " + local + " -> " + remote);
        return out;
    }

    private static long dumpedInode(NetlinkSockDiag diag, int localPort, int remotePort) throws IOException {
        List<Long> inodes = new ArrayList<>();
        diag.dump(NetlinkSockDiag.AF_INET, NetlinkSockDiag.IPPROTO_TCP, m -> {
            if (m.localPort() == localPort && m.remotePort() == remotePort) {
                inodes.add(m.inode());
            }
        });
        assertEquals(1, inodes.size(), "one socket " + localPort + " -> " + remotePort + " in the dump");
        return inodes.get(0);
    }

    private static long uid() throws IOException {
        return ((Number) java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid")).longValue();
    }

    private static NetlinkSockDiag openOrSkip() throws NetlinkException {
        try {
            return NetlinkSockDiag.open();
        } catch (NetlinkException e) {
            assumeTrue(!e.refused(), "sock_diag refused here: " + e.getMessage());
            throw e;
        }
    }
}
