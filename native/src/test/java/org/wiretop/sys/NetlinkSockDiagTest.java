package org.wiretop.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetlinkSockDiagTest {
    private static final int SEQ = 7;

    @Test
    void dumpListsOurListenerWithPortAddressAndState() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
             NetlinkSockDiag diag = openOrSkip()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 7);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            List<String> found = new ArrayList<>();
            int count = diag.dump(NetlinkSockDiag.AF_INET, NetlinkSockDiag.IPPROTO_TCP, m -> {
                if (m.localPort() == port) {
                    byte[] a = new byte[4];
                    m.localAddress(a);
                    found.add(m.family() + " " + m.state() + " " + (a[0] & 0xff) + "." + a[3] + " "
                            + m.sendQueue() + " " + m.hasTcpInfo() + " " + (m.inode() > 0));
                }
            });
            assertTrue(count >= 1);
            // AF_INET, TCP_LISTEN (10), 127.x.x.1, backlog 7 as send queue, tcp_info present, a real inode
            assertEquals(List.of("2 10 127.1 7 true true"), found);
        }
    }

    @Test
    void compatDumpListsBothFamiliesInOnePass() throws IOException {
        try (ServerSocketChannel v4 = ServerSocketChannel.open(StandardProtocolFamily.INET);
             ServerSocketChannel v6 = ServerSocketChannel.open(StandardProtocolFamily.INET6);
             NetlinkSockDiag diag = openOrSkip()) {
            v4.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            v6.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            int p4 = ((InetSocketAddress) v4.getLocalAddress()).getPort();
            int p6 = ((InetSocketAddress) v6.getLocalAddress()).getPort();
            List<String> found = new ArrayList<>();
            diag.dumpTcpBothFamilies(false, 1 << 10, m -> {
                if (m.localPort() == p4 || m.localPort() == p6) {
                    found.add((m.localPort() == p4 ? "v4 " : "v6 ") + m.family() + " " + m.state()
                            + " " + Long.toHexString(m.localIpv6Low()) + " " + m.hasTcpInfo());
                }
            });
            found.sort(null);
            // Only the LISTEN state was asked for; ::1 has low 64 bits 1; no tcp_info asked.
            assertEquals(2, found.size(), found.toString());
            assertTrue(found.get(0).startsWith("v4 2 10 "), found.toString());
            assertEquals("v6 10 10 1 false", found.get(1));
        }
    }

    @Test
    void udpDumpWorksTooAndTheSocketCanBeReused() throws IOException {
        try (NetlinkSockDiag diag = openOrSkip()) {
            for (int i = 0; i < 3; i++) {
                diag.dump(NetlinkSockDiag.AF_INET6, NetlinkSockDiag.IPPROTO_UDP, m -> assertFalse(m.hasTcpInfo()));
            }
        }
    }

    @Test
    void parsesTwoSocketsThenDone() throws NetlinkException {
        ByteBuffer b = buffer();
        int off = socketMessage(b, 0, 1234, 104);
        off = socketMessage(b, off, 80, 0);
        off = header(b, off, 20, 3) + 4; // NLMSG_DONE with its int payload
        List<Integer> ports = new ArrayList<>();
        List<Long> rtts = new ArrayList<>();
        NetlinkSockDiag.ReplyState state = new NetlinkSockDiag.ReplyState();
        NetlinkSockDiag.parseReply(b, off, SEQ, 6, new InetDiagMessage(), m -> {
            ports.add(m.localPort());
            rtts.add(m.hasTcpInfo() ? m.tcpRttMicros() : -1L);
        }, state);
        assertTrue(state.done);
        assertEquals(2, state.count);
        assertEquals(List.of(1234, 80), ports);
        assertEquals(List.of(4242L, -1L), rtts);
    }

    @Test
    void messageLongerThanTheDatagramIsAnErrorNotAnOverrun() {
        ByteBuffer b = buffer();
        int off = socketMessage(b, 0, 1234, 0);
        b.putInt(0, off + 100); // claims more than was received
        assertThrows(NetlinkException.class, () -> NetlinkSockDiag.parseReply(b, off, SEQ, 6,
                new InetDiagMessage(), m -> { }, new NetlinkSockDiag.ReplyState()));
    }

    @Test
    void shortSocketMessageAndBrokenAttributeAreSkippedSafely() throws NetlinkException {
        ByteBuffer b = buffer();
        int off = header(b, 0, 16 + 20, 20); // a socket message with only 20 of its 72 bytes
        off += 20;
        int second = off;
        off = socketMessage(b, off, 99, 104);
        b.putShort(second + 16 + 72, (short) 4000); // the tcp_info attribute claims 4000 bytes
        NetlinkSockDiag.ReplyState state = new NetlinkSockDiag.ReplyState();
        List<String> seen = new ArrayList<>();
        NetlinkSockDiag.parseReply(b, off, SEQ, 6, new InetDiagMessage(),
                m -> seen.add(m.localPort() + " " + m.hasTcpInfo()), state);
        assertEquals(List.of("99 false"), seen);
        assertFalse(state.done);
    }

    @Test
    void noSuchSocketEndsAnExactQueryWithoutAnException() throws NetlinkException {
        ByteBuffer b = buffer();
        int off = header(b, 0, 20, 2);
        b.putInt(16, -2); // -ENOENT: the answer to findOne for a socket already closed
        NetlinkSockDiag.ReplyState one = new NetlinkSockDiag.ReplyState();
        one.noEntryIsAnswer = true;
        NetlinkSockDiag.parseReply(b, off + 4, SEQ, 6, new InetDiagMessage(), m -> { }, one);
        assertTrue(one.done);
        assertEquals(0, one.count);
        NetlinkException e = assertThrows(NetlinkException.class, () -> NetlinkSockDiag.parseReply(b, off + 4, SEQ, 6,
                new InetDiagMessage(), m -> { }, new NetlinkSockDiag.ReplyState()));
        assertEquals(2, e.errno()); // a dump that meets ENOENT still fails loudly
    }

    @Test
    void errorMessageCarriesErrno() {
        ByteBuffer b = buffer();
        int off = header(b, 0, 20, 2);
        b.putInt(16, -1); // -EPERM
        NetlinkException e = assertThrows(NetlinkException.class, () -> NetlinkSockDiag.parseReply(b, off + 4, SEQ, 6,
                new InetDiagMessage(), m -> { }, new NetlinkSockDiag.ReplyState()));
        assertEquals(1, e.errno());
        assertTrue(e.refused());
    }

    private static NetlinkSockDiag openOrSkip() throws NetlinkException {
        try {
            return NetlinkSockDiag.open();
        } catch (NetlinkException e) {
            assumeTrue(!e.refused(), "sock_diag refused here: " + e.getMessage());
            throw e;
        }
    }

    private static ByteBuffer buffer() {
        return ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
    }

    private static int header(ByteBuffer b, int off, int len, int type) {
        b.putInt(off, len);
        b.putShort(off + 4, (short) type);
        b.putInt(off + 8, SEQ);
        return off + 16;
    }

    /** nlmsghdr + inet_diag_msg (+ an INET_DIAG_INFO attribute of infoLen bytes with rtt 4242). */
    private static int socketMessage(ByteBuffer b, int off, int port, int infoLen) {
        int attr = infoLen > 0 ? 4 + infoLen : 0;
        int len = 16 + 72 + attr;
        header(b, off, len, 20);
        int m = off + 16;
        b.put(m, (byte) 2);
        b.put(m + 1, (byte) 1);
        b.put(m + 4, (byte) (port >> 8));
        b.put(m + 5, (byte) port);
        if (infoLen > 0) {
            b.putShort(m + 72, (short) attr);
            b.putShort(m + 74, (short) 2);
            b.putInt(m + 76 + 68, 4242);
        }
        return off + ((len + 3) & ~3);
    }
}
