package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.LibPcap;
import org.wiretop.capture.LiveOptions;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.socket.SocketOwner;
import org.wiretop.monitor.socket.SocketTable;
import org.wiretop.monitor.socket.SocketTableSampler;

/**
 * A real TCP connection on loopback, captured on {@code lo} with libpcap, decoded and fed to the
 * flow table on a capture thread exactly as the product does; the socket table is joined while
 * the connection is up. Needs capture rights (root or CAP_NET_RAW) and libpcap: skipped otherwise.
 */
class FlowTableLiveLoopbackTest {
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRealConnectionShowsRttBytesCloseAndOurPid() throws Exception {
        Assumptions.assumeTrue(LibPcap.available(), "libpcap is not installed");
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            int port = server.getLocalPort();
            PacketSource source;
            try {
                source = Sources.openLive(new LiveOptions("lo", "tcp port " + port, LiveOptions.DEFAULT_SNAPLEN,
                        false, true, LiveOptions.DEFAULT_BUFFER_BYTES, LiveOptions.DEFAULT_TIMEOUT_MILLIS));
            } catch (CaptureException e) {
                Assumptions.abort("cannot capture on lo (needs root or CAP_NET_RAW): " + e.getMessage());
                return;
            }
            // Publish on every packet, so this thread sees each step.
            FlowTable table = new FlowTable(FlowTableConfig.defaults().withPublishInterval(Duration.ofNanos(1)),
                    LocalAddresses.fromSystem());
            AtomicReference<Throwable> captureFailure = new AtomicReference<>();
            Thread capture = new Thread(() -> {
                Decoder decoder = new Decoder();
                PacketSummary summary = new PacketSummary();
                try {
                    source.run((epochNanos, wireLength, data, capturedLength) -> {
                        decoder.decode(source.linkType(), data, capturedLength, wireLength, summary);
                        summary.epochNanos = epochNanos;
                        table.ingest(summary);
                        table.publishIfDue(epochNanos);
                    }, 0);
                } catch (Throwable t) {
                    captureFailure.set(t);
                }
            }, "flow-test-capture");
            capture.start();
            try {
                byte[] request = "hello wiretop".getBytes(StandardCharsets.US_ASCII);
                byte[] reply = new byte[2000];
                for (int i = 0; i < reply.length; i++) {
                    reply[i] = (byte) ('a' + i % 26);
                }
                int clientPort;
                Optional<SocketOwner> owner;
                try (Socket client = new Socket()) {
                    client.connect(server.getLocalSocketAddress(), 5000);
                    clientPort = client.getLocalPort();
                    try (Socket accepted = server.accept()) {
                        client.getOutputStream().write(request);
                        assertArrayEquals(request, accepted.getInputStream().readNBytes(request.length));
                        accepted.getOutputStream().write(reply);
                        assertArrayEquals(reply, client.getInputStream().readNBytes(reply.length));

                        FlowRecord up = await(table.published(), port, f -> f.state() == TcpState.ESTABLISHED
                                && f.toClient().payloadBytes() == reply.length, captureFailure);
                        SocketTable sockets;
                        try (SocketTableSampler sampler = SocketTableSampler.open()) {
                            sockets = sampler.refresh();
                        }
                        owner = FlowOwnerResolver.resolve(up, sockets).flatMap(FlowOwnership::process);

                        client.shutdownOutput(); // client's FIN
                        InputStream in = accepted.getInputStream();
                        assertEquals(-1, in.read());
                        OutputStream out = accepted.getOutputStream();
                        out.flush();
                    } // server's FIN
                    assertEquals(-1, client.getInputStream().read());
                }

                FlowRecord f = await(table.published(), port, r -> r.state() == TcpState.CLOSED, captureFailure);
                assertEquals(FlowEndpoint.ipv4(0x7F000001, clientPort), f.client());
                assertEquals(FlowEndpoint.ipv4(0x7F000001, port), f.server());
                assertTrue(f.clientLocal() && f.serverLocal(), "loopback: both ends are ours");
                assertTrue(f.synToSynAckNanos() > 0, "SYN → SYN-ACK " + f.synToSynAckNanos());
                assertTrue(f.initialRttNanos() >= f.synToSynAckNanos(), "initial RTT " + f.initialRttNanos());
                assertEquals(request.length, f.toServer().payloadBytes());
                assertEquals(reply.length, f.toClient().payloadBytes());
                assertEquals(0, f.retransmissions());
                assertTrue(owner.isPresent(), "the socket table names an owner");
                assertEquals(ProcessHandle.current().pid(), owner.get().pid());
            } finally {
                source.stop();
                capture.join(DEADLINE.toMillis());
                source.close();
            }
            if (captureFailure.get() != null) {
                throw new AssertionError("capture thread failed", captureFailure.get());
            }
        }
    }

    /** Waits (bounded) for the one flow on {@code port} to satisfy the condition. */
    private static FlowRecord await(AtomicReference<FlowSnapshot> published, int port, Predicate<FlowRecord> condition,
                                   AtomicReference<Throwable> failure) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        FlowRecord last = null;
        while (System.nanoTime() < end && failure.get() == null) {
            for (FlowRecord f : published.get().flows()) {
                if (f.server().port() == port) {
                    last = f;
                    if (condition.test(f)) {
                        return f;
                    }
                }
            }
            LockSupport.parkNanos(2_000_000);
        }
        throw new AssertionError("flow on port " + port + " never reached the expected state; last seen: " + last,
                failure.get());
    }
}
