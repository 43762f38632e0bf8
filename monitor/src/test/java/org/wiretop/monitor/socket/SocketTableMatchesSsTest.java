package org.wiretop.monitor.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiretop.sys.NetlinkException;

/**
 * Our socket table against {@code ss -tuanpH} for sockets this test opens itself (TCP listeners,
 * an accepted connection with unread bytes, a connection waiting in the accept queue, UDP bound
 * and connected, over IPv4, IPv6 and IPv4-mapped IPv6): same addresses, ports, states, queues
 * and pids. Both sources must pass; /proc/net knows no listen backlog, so a LISTEN socket's
 * send queue is compared only for sock_diag.
 */
class SocketTableMatchesSsTest {
    private static LoopbackSockets sockets;

    @BeforeAll
    static void open() throws IOException {
        sockets = new LoopbackSockets();
    }

    @AfterAll
    static void close() throws IOException {
        if (sockets != null) {
            sockets.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sock_diag", "/proc/net"})
    void tableEqualsSs(String source) throws Exception {
        assumeTrue(SsOutput.available(), "ss (iproute2) is not installed");
        try (SocketTableSampler sampler = new SocketTableSampler(provider(source), new ProcessIndex())) {
            boolean backlog = sampler.reportsListenBacklog();
            List<String> ours = List.of();
            List<String> theirs = List.of();
            // The unread bytes reach the receiver within microseconds on loopback; still, wait
            // for both views to settle instead of assuming it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                ours = ours(sampler, backlog);
                theirs = SsOutput.rows(sockets.ports(), backlog);
                if (ours.equals(theirs) && ours.stream().anyMatch(r -> r.contains("rq=" + LoopbackSockets.UNREAD_BYTES))) {
                    break;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            assertEquals(String.join("\n", theirs), String.join("\n", ours));
            // 3 listeners, 2 x (client + accepted + queued client + queued child), 2 x 2 UDP
            assertEquals(3 + 2 * 4 + 2 * 2, ours.size(), String.join("\n", ours));
            long pid = ProcessHandle.current().pid();
            assertTrue(ours.stream().filter(r -> r.endsWith("pid=" + pid)).count() >= 12, String.join("\n", ours));
            assertTrue(ours.stream().anyMatch(r -> r.contains("::ffff:127.0.0.1|")), "an IPv4-mapped listener");
        }
    }

    private static List<String> ours(SocketTableSampler sampler, boolean backlog) throws IOException {
        List<String> rows = new ArrayList<>();
        for (SocketEntry e : sampler.refresh().entries()) {
            if (SsOutput.ours(sockets.ports(), e.localPort(), e.remotePort())) {
                rows.add(SsOutput.row(e, backlog));
            }
        }
        rows.sort(null);
        return rows;
    }

    private static SocketTableProvider provider(String source) {
        if (source.equals("/proc/net")) {
            return new ProcNetProvider();
        }
        try {
            return SockDiagProvider.open();
        } catch (NetlinkException e) {
            throw new org.opentest4j.TestAbortedException("sock_diag refused here: " + e.getMessage(), e);
        }
    }
}
