package org.wiretop.monitor.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The socket ↔ flow lookup: exact 4-tuple first, then the best listener on the port. */
class SocketTableOwnerTest {
    private static final InetAddress LO = ip("127.0.0.1"), LO2 = ip("127.0.0.2"), LO6 = ip("::1"),
            ANY4 = ip("0.0.0.0"), ANY6 = ip("::"), PEER = ip("127.0.0.9");

    private final SocketTable table = new SocketTable(List.of(
            entry(1, Proto.TCP, 4, SocketState.LISTEN, LO, 80, ANY4, 0),
            entry(2, Proto.TCP, 4, SocketState.LISTEN, ANY4, 8080, ANY4, 0),
            entry(3, Proto.TCP, 6, SocketState.LISTEN, ANY6, 8080, ANY6, 0),
            entry(4, Proto.TCP, 6, SocketState.LISTEN, ANY6, 9000, ANY6, 0),
            entry(5, Proto.TCP, 4, SocketState.ESTABLISHED, LO, 80, PEER, 5555),
            entry(0, Proto.TCP, 4, SocketState.TIME_WAIT, LO, 80, PEER, 6666),
            entry(6, Proto.TCP, 6, SocketState.ESTABLISHED, ip("::ffff:127.0.0.1"), 9000, ip("::ffff:127.0.0.9"), 7777),
            entry(7, Proto.UDP, 4, SocketState.UNCONN, ANY4, 53, ANY4, 0),
            entry(8, Proto.UDP, 6, SocketState.ESTABLISHED, LO6, 4000, LO6, 4001)), "test", 0);

    @Test
    void exactTupleWins() {
        assertEquals(5, inode(Proto.TCP, LO, 80, PEER, 5555));
        assertEquals(0, inode(Proto.TCP, LO, 80, PEER, 6666), "a TIME_WAIT socket is still the flow's socket");
        assertEquals(8, inode(Proto.UDP, LO6, 4000, LO6, 4001));
    }

    @Test
    void listenerOnTheLocalPortOtherwise() {
        assertEquals(1, inode(Proto.TCP, LO, 80, PEER, 1234));
        assertTrue(table.owner(Proto.TCP, LO2, 80, PEER, 1234).isEmpty(), "80 is bound to 127.0.0.1 only");
        assertEquals(2, inode(Proto.TCP, LO2, 8080, PEER, 1), "IPv4 wildcard before the IPv6 one");
        assertEquals(3, inode(Proto.TCP, LO6, 8080, LO6, 1));
        assertEquals(4, inode(Proto.TCP, LO, 9000, PEER, 1), "a dual-stack :: listener takes IPv4");
        assertEquals(7, inode(Proto.UDP, LO, 53, PEER, 1));
        assertTrue(table.owner(Proto.UDP, LO, 80, PEER, 1).isEmpty(), "protocols never mix");
    }

    @Test
    void ipv4MappedMatchesItsIpv4FormBothWays() throws UnknownHostException {
        assertEquals(6, inode(Proto.TCP, LO, 9000, PEER, 7777));
        java.net.Inet6Address mapped = java.net.Inet6Address.getByAddress(null,
                new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1}, null);
        assertEquals(5, inode(Proto.TCP, mapped, 80, PEER, 5555));
    }

    private long inode(Proto proto, InetAddress local, int localPort, InetAddress remote, int remotePort) {
        return table.owner(proto, local, localPort, remote, remotePort).orElseThrow().inode();
    }

    private static SocketEntry entry(long inode, Proto proto, int family, SocketState state, InetAddress local,
                                     int localPort, InetAddress remote, int remotePort) {
        return new SocketEntry(proto, family, state, 0, 0, local, localPort, remote, remotePort, inode, 0, null, null);
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
