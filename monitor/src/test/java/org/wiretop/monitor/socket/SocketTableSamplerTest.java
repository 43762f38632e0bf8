package org.wiretop.monitor.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wiretop.sys.NetlinkException;

/** Source choice and the kernel state masks a query turns into. */
class SocketTableSamplerTest {
    /** A sandbox that lets the netlink socket open but refuses the dump, as some seccomp profiles do. */
    private static final class RefusedDump implements SocketTableProvider {
        @Override
        public String source() {
            return "sock_diag";
        }

        @Override
        public List<SocketEntry> read(SocketQuery query, boolean tcpInfo) throws NetlinkException {
            throw new NetlinkException("sock_diag dump refused", NetlinkException.EPERM);
        }

        @Override
        public boolean reportsListenBacklog() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void refusedNetlinkFallsBackToProcNetAndSaysWhy() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open();
             SocketTableSampler sampler = new SocketTableSampler(new RefusedDump(), new ProcessIndex())) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            SocketTable table = sampler.refresh();
            assertEquals("/proc/net", table.source());
            assertEquals("/proc/net", sampler.source());
            assertTrue(sampler.sourceNote().startsWith("sockets from /proc/net (sock_diag refused: "), sampler.sourceNote());
            assertTrue(table.entries().stream().anyMatch(e -> e.localPort() == port && e.state() == SocketState.LISTEN
                    && e.owner() != null && e.owner().pid() == ProcessHandle.current().pid()));
        }
    }

    @Test
    void queriesBecomeKernelStateMasks() {
        SocketQuery listening = new SocketQuery(Set.of(), Set.of(), SocketQuery.Scope.LISTENING, Set.of());
        assertEquals(1 << 10, listening.kernelStates(Proto.TCP));
        int udpListening = listening.kernelStates(Proto.UDP);
        assertTrue((udpListening & (1 << 7)) != 0, "unconnected UDP is TCP_CLOSE");
        assertEquals(0, udpListening & (1 << 1), "connected UDP is TCP_ESTABLISHED");
        SocketQuery connected = new SocketQuery(Set.of(), Set.of(), SocketQuery.Scope.CONNECTED, Set.of());
        assertEquals(0x1ffe & ~(1 << 10), connected.kernelStates(Proto.TCP));
        assertEquals(0x1ffe & ~(1 << 7) & ~(1 << 10), connected.kernelStates(Proto.UDP));
        SocketQuery synRecv = new SocketQuery(Set.of(), Set.of(), SocketQuery.Scope.ALL, Set.of(SocketState.SYN_RECV));
        assertEquals((1 << 3) | (1 << 12), synRecv.kernelStates(Proto.TCP), "request sockets too");
        assertEquals(0x1ffe, SocketQuery.all().kernelStates(Proto.TCP));
    }
}
