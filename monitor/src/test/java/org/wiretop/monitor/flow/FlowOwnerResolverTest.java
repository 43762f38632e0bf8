package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.monitor.flow.Segments.ACK;
import static org.wiretop.monitor.flow.Segments.SEC;
import static org.wiretop.monitor.flow.Segments.SYN;
import static org.wiretop.monitor.flow.Segments.ip4;
import static org.wiretop.monitor.flow.Segments.tcp4;
import static org.wiretop.monitor.flow.Segments.udp4;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.socket.Proto;
import org.wiretop.monitor.socket.SocketEntry;
import org.wiretop.monitor.socket.SocketOwner;
import org.wiretop.monitor.socket.SocketState;
import org.wiretop.monitor.socket.SocketTable;

/** The socket ↔ flow join over socket tables built by hand. */
class FlowOwnerResolverTest {
    static final long T0 = 1_700_000_000L * SEC;
    static final SocketOwner CURL = new SocketOwner(4242, "curl", "alice");
    static final SocketOwner NGINX = new SocketOwner(77, "nginx", "www-data");

    static SocketEntry socket(Proto proto, int family, SocketState state, String local, int lport,
                              String remote, int rport, SocketOwner owner) throws Exception {
        return new SocketEntry(proto, family, state, 0, 0, InetAddress.getByName(local), lport,
                InetAddress.getByName(remote), rport, 1000 + lport, 0, null, owner);
    }

    static FlowRecord flow(LocalAddresses local, PacketSummary... packets) {
        FlowTable t = new FlowTable(FlowTableConfig.defaults(), local);
        for (PacketSummary p : packets) {
            t.ingest(p);
        }
        return t.snapshot().flows().get(0);
    }

    static final int ME = ip4(192, 168, 1, 10), WEB = ip4(93, 184, 216, 34);

    @Test
    void outboundFlowMatchesItsExactFourTuple() throws Exception {
        FlowRecord f = flow(LocalAddresses.of(InetAddress.getByName("192.168.1.10")),
                tcp4(T0, ME, 50000, WEB, 443, SYN, 1, 0, 0));
        SocketTable table = new SocketTable(List.of(
                socket(Proto.TCP, 4, SocketState.ESTABLISHED, "192.168.1.10", 50001, "93.184.216.34", 443, NGINX),
                socket(Proto.TCP, 4, SocketState.ESTABLISHED, "192.168.1.10", 50000, "93.184.216.34", 443, CURL)),
                "test", 0);
        FlowOwnership o = FlowOwnerResolver.resolve(f, table).orElseThrow();
        assertTrue(o.clientSide());
        assertEquals(50000, o.localEnd().port());
        assertEquals(Optional.of(CURL), o.process());
    }

    @Test
    void inboundFlowFallsBackToTheListenerIncludingDualStackWildcard() throws Exception {
        FlowRecord f = flow(LocalAddresses.of(InetAddress.getByName("192.168.1.10")),
                tcp4(T0, WEB, 40000, ME, 8080, SYN, 1, 0, 0));
        assertTrue(f.serverLocal());
        SocketTable v6wildcard = new SocketTable(List.of(
                socket(Proto.TCP, 6, SocketState.LISTEN, "::", 8080, "::", 0, NGINX)), "test", 0);
        FlowOwnership o = FlowOwnerResolver.resolve(f, v6wildcard).orElseThrow();
        assertFalse(o.clientSide());
        assertEquals(Optional.of(NGINX), o.process());

        SocketTable otherPort = new SocketTable(List.of(
                socket(Proto.TCP, 4, SocketState.LISTEN, "0.0.0.0", 8081, "0.0.0.0", 0, NGINX)), "test", 0);
        assertTrue(FlowOwnerResolver.resolve(f, otherPort).isEmpty());
        SocketTable udpOnly = new SocketTable(List.of(
                socket(Proto.UDP, 4, SocketState.UNCONN, "0.0.0.0", 8080, "0.0.0.0", 0, NGINX)), "test", 0);
        assertTrue(FlowOwnerResolver.resolve(f, udpOnly).isEmpty(), "protocol must match");
    }

    @Test
    void udpFlowMatchesABoundSocket() throws Exception {
        FlowRecord f = flow(LocalAddresses.none(), udp4(T0, WEB, 5353, ME, 53, 20));
        SocketTable table = new SocketTable(List.of(
                socket(Proto.UDP, 4, SocketState.UNCONN, "192.168.1.10", 53, "0.0.0.0", 0, NGINX)), "test", 0);
        assertEquals(Optional.of(NGINX), FlowOwnerResolver.resolve(f, table).flatMap(FlowOwnership::process));
    }

    @Test
    void loopbackFlowHasASocketAtEachEndAndTheClientsComesFirst() throws Exception {
        int lo = ip4(127, 0, 0, 1);
        FlowRecord f = flow(LocalAddresses.fromSystem(),
                tcp4(T0, lo, 45000, lo, 12345, SYN, 1, 0, 0),
                tcp4(T0 + 1000, lo, 12345, lo, 45000, SYN | ACK, 9, 2, 0));
        assertTrue(f.clientLocal() && f.serverLocal());
        SocketTable table = new SocketTable(List.of(
                socket(Proto.TCP, 4, SocketState.LISTEN, "127.0.0.1", 12345, "0.0.0.0", 0, NGINX),
                socket(Proto.TCP, 4, SocketState.ESTABLISHED, "127.0.0.1", 12345, "127.0.0.1", 45000, NGINX),
                socket(Proto.TCP, 4, SocketState.ESTABLISHED, "127.0.0.1", 45000, "127.0.0.1", 12345, CURL)),
                "test", 0);
        assertEquals(Optional.of(CURL), FlowOwnerResolver.resolve(f, table).flatMap(FlowOwnership::process));
        FlowOwnership server = FlowOwnerResolver.resolveSide(f, table, false).orElseThrow();
        assertEquals(SocketState.ESTABLISHED, server.socket().state());
        assertEquals(Optional.of(NGINX), server.process());
    }
}
