package org.wiretop.monitor.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.wiretop.sys.NetlinkException;

/** The kernel's tcp_info on a real loopback connection after bytes went both ways. */
class TcpInfoTest {
    private static final int BYTES = 10_000;

    @Test
    void establishedConnectionHasRttCwndAndByteCounts() throws IOException {
        SockDiagProvider diag;
        try {
            diag = SockDiagProvider.open();
        } catch (NetlinkException e) {
            throw new org.opentest4j.TestAbortedException("sock_diag refused here: " + e.getMessage(), e);
        }
        try (diag;
             ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                ByteBuffer out = ByteBuffer.allocate(BYTES);
                while (out.hasRemaining()) {
                    client.write(out);
                }
                ByteBuffer in = ByteBuffer.allocate(BYTES);
                while (in.hasRemaining()) {
                    accepted.read(in);
                }
                int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
                TcpInfo info = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (System.nanoTime() < deadline) {
                    info = clientInfo(diag, clientPort).orElse(null);
                    if (info != null && info.rttMs() > 0 && info.bytesAcked() >= BYTES) {
                        break;
                    }
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
                }
                assertTrue(info != null, "client socket not in the dump");
                assertTrue(info.rttMs() > 0, "rtt " + info);
                assertTrue(info.cwnd() > 0, "cwnd " + info);
                assertTrue(info.rttvarMs() >= 0, "rttvar " + info);
                if (info.bytesAcked() >= 0) { // kernels before 4.1 do not report it
                    assertEquals(BYTES + 1, info.bytesAcked(), "the SYN counts one: " + info); // as ss shows
                }
            }
        }
    }

    private static Optional<TcpInfo> clientInfo(SockDiagProvider diag, int port) throws IOException {
        return diag.read(EnumSet.of(Proto.TCP), Set.of(4, 6)).stream()
                .filter(e -> e.localPort() == port && e.state() == SocketState.ESTABLISHED)
                .findFirst().flatMap(SocketEntry::tcp);
    }
}
