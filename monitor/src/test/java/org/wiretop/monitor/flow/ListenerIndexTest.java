package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.monitor.socket.Proto;
import org.wiretop.monitor.socket.SocketEntry;
import org.wiretop.monitor.socket.SocketOwner;
import org.wiretop.monitor.socket.SocketState;
import org.wiretop.monitor.socket.SocketTable;

/** The listener lookup ranks addresses as the kernel delivers: exact, v4-mapped, wildcard, dual-stack. */
class ListenerIndexTest {
    private static final int LO = Segments.ip4(127, 0, 0, 1), OTHER = Segments.ip4(10, 1, 2, 3);

    @Test
    void exactAddressBeatsWildcardAndDualStackTakesIpv4() throws Exception {
        ListenerIndex idx = ListenerIndex.of(new SocketTable(List.of(
                listen(Proto.TCP, "127.0.0.1", 80, 1, "exact"),
                listen(Proto.TCP, "0.0.0.0", 80, 2, "wild4"),
                listen(Proto.TCP, "::", 443, 3, "dual"),
                listen(Proto.TCP, "::ffff:127.0.0.1", 8080, 4, "mapped"),
                listen(Proto.UDP, "0.0.0.0", 53, 5, "dns"),
                listen(Proto.TCP, "::1", 22, 6, "v6only")), "test", 0));
        assertEquals("exact", name(idx.find(6, 4, 0, LO, 80)));
        assertEquals("wild4", name(idx.find(6, 4, 0, OTHER, 80)));
        assertEquals("dual", name(idx.find(6, 4, 0, OTHER, 443)));
        assertEquals("dual", name(idx.find(6, 6, 0x20010db800000000L, 1, 443)));
        assertEquals("mapped", name(idx.find(6, 4, 0, LO, 8080)));
        assertNull(idx.find(6, 4, 0, OTHER, 8080), "bound to another address");
        assertEquals("dns", name(idx.find(17, 4, 0, LO, 53)));
        assertNull(idx.find(6, 4, 0, LO, 53), "protocol must match");
        assertNull(idx.find(6, 4, 0, LO, 22), "an IPv6 address takes no IPv4 flow");
        assertEquals("v6only", name(idx.find(6, 6, 0, 1, 22)));
        assertNull(idx.find(6, 4, 0, LO, 81));
    }

    private static String name(ProcessTag t) {
        return t == null ? null : t.name();
    }

    private static SocketEntry listen(Proto proto, String addr, int port, int pid, String name) throws Exception {
        InetAddress a = InetAddress.getByName(addr);
        int family = a.getAddress().length == 4 ? 4 : 6;
        InetAddress any = family == 4 ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName("::");
        SocketState state = proto == Proto.TCP ? SocketState.LISTEN : SocketState.UNCONN;
        return new SocketEntry(proto, family, state, 0, 0, a, port, any, 0, 1000 + pid, 0, null,
                new SocketOwner(pid, name, "root"));
    }
}
