package org.wiretop.monitor.servers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that half-close, reset, never read, trickle, flood or overflow must not stop the
 * others from being served, and what the server buffers for one of them stays under the cap.
 */
class MisbehavingClientsTest {
    private static final int CAP = 16 * 1024;
    private final EventLog log = new EventLog();
    private ServerManager manager;
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        trickle.shutdownNow();
        if (manager != null) {
            manager.close();
        }
    }

    private RunningServer start(ServerKind kind, ServerLimits limits, String bind) throws IOException {
        manager = manager == null ? new ServerManager(limits) : manager;
        manager.addListener(log);
        return manager.start(kind, Loopbacks.address(bind), 0);
    }

    /** A well-behaved client gets its bytes back within a bounded wait. */
    private static void assertNormalClientServed(InetSocketAddress at) throws IOException {
        byte[] message = "still served?\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket()) {
            s.connect(at, 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(message);
            s.shutdownOutput();
            assertArrayEquals(message, s.getInputStream().readAllBytes());
        }
    }

    @Test
    void halfCloseGetsEverythingPendingBeforeTheClose() throws Exception {
        InetSocketAddress at = start(ServerKind.ECHO, ServerLimits.defaults().withBufferCap(CAP), "127.0.0.1").local();
        byte[] message = new byte[2 * 1024 * 1024];
        new Random(3).nextBytes(message);
        try (Socket s = new Socket()) {
            s.connect(at, 5000);
            s.setSoTimeout(10_000);
            // Send everything and FIN while the echo is still coming back, read it all after.
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    s.getOutputStream().write(message);
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            byte[] back = s.getInputStream().readAllBytes();
            writer.get(10, TimeUnit.SECONDS);
            assertArrayEquals(message, back);
        }
    }

    @Test
    void aResetMidStreamIsReportedAndOthersGoOn() throws IOException {
        RunningServer echo = start(ServerKind.ECHO, ServerLimits.defaults(), "127.0.0.1");
        Socket s = new Socket();
        s.connect(echo.local(), 5000);
        s.getOutputStream().write(new byte[100_000]);
        int port = s.getLocalPort();
        s.setSoLinger(true, 0); // close() now sends RST instead of FIN
        s.close();
        assertTrue(log.await(ServerEvent.Closed.class, c -> c.remote().getPort() == port), "close of the reset client");
        assertNormalClientServed(echo.local());
        assertTrue(Await.until(() -> echo.status().connections() == 0, Duration.ofSeconds(5)));
    }

    @Test
    void aClientThatNeverReadsIsBoundedAndDoesNotBlockOthers() throws IOException {
        RunningServer echo = start(ServerKind.ECHO, ServerLimits.defaults().withBufferCap(CAP), "127.0.0.1");
        try (SocketChannel hog = SocketChannel.open(echo.local())) {
            hog.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long written = 0;
            long stalledSince = 0;
            // Write until the server has stopped taking bytes for 300 ms; give up at 256 MiB
            // (which would mean the server buffers without bound).
            while (written < 256L * 1024 * 1024) {
                chunk.clear();
                int n = hog.write(chunk);
                written += n;
                long now = System.nanoTime();
                if (n > 0) {
                    stalledSince = 0;
                } else if (stalledSince == 0) {
                    stalledSince = now;
                } else if (now - stalledSince > 300_000_000L) {
                    break;
                }
                if (n == 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }
            assertTrue(written < 256L * 1024 * 1024, "the server kept reading from a client that never reads");
            // Once the client's and the server's socket buffers are full, the server holds what it
            // could not send, and stops reading: the hold stays within the cap.
            assertTrue(Await.until(() -> echo.connections().get(0).buffered() > 0, Duration.ofSeconds(10)),
                    "the server ends up holding bytes for the stalled client");
            assertHoldWithinCap(echo.connections().get(0));
            assertNormalClientServed(echo.local());
            assertHoldWithinCap(echo.connections().stream().filter(c -> c.buffered() > 0).findFirst().orElseThrow());
        }
    }

    private static void assertHoldWithinCap(ConnectionInfo info) {
        assertTrue(info.buffered() <= CAP, "buffered " + info.buffered() + " > cap " + CAP);
        assertTrue(info.bytesIn() - info.bytesOut() <= CAP,
                "held " + (info.bytesIn() - info.bytesOut()) + " bytes for one client, cap " + CAP);
    }

    @Test
    void aSlowlorisDoesNotHoldUpOthersAndHttpCutsItOff() throws Exception {
        ServerLimits limits = ServerLimits.defaults().withIdleTimeout(Duration.ofMillis(800));
        RunningServer echo = start(ServerKind.ECHO, limits, "127.0.0.1");
        RunningServer http = manager.start(ServerKind.HTTP, Loopbacks.address("127.0.0.1"), 0);
        try (Socket slowEcho = new Socket(); Socket slowHttp = new Socket()) {
            slowEcho.connect(echo.local(), 5000);
            slowHttp.connect(http.local(), 5000);
            OutputStream echoOut = slowEcho.getOutputStream();
            OutputStream httpOut = slowHttp.getOutputStream();
            // One byte every 100 ms to each, for at most 3 s (30 bytes).
            trickle.scheduleAtFixedRate(() -> {
                try {
                    echoOut.write('x');
                    httpOut.write('G');
                } catch (IOException e) {
                    // the http side is cut off by design; the echo side keeps going
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            assertNormalClientServed(echo.local());
            assertTrue(log.await(ServerEvent.Closed.class, c -> c.server().equals("http")
                    && c.remote().getPort() == slowHttp.getLocalPort() && c.reason().equals("request timeout")),
                    "http closes a request that does not finish in time: " + log.events);
            slowEcho.setSoTimeout(5000);
            InputStream echoIn = slowEcho.getInputStream();
            byte[] got = new byte[3];
            int n = 0;
            while (n < got.length) {
                n += echoIn.read(got, n, got.length - n);
            }
            assertEquals("xxx", new String(got, StandardCharsets.US_ASCII), "echo keeps serving the slow client");
            trickle.shutdownNow();
        }
    }

    @Test
    void largestDatagramsComeBackWhole() throws IOException {
        for (String bind : Loopbacks.addresses()) {
            manager = new ServerManager();
            InetSocketAddress at = manager.start(ServerKind.UPPER, Loopbacks.address(bind), 0).local();
            byte[] message = new byte[65507];
            Arrays.fill(message, (byte) 'q');
            message[0] = 'Z';
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(Loopbacks.address(bind), 0))) {
                s.setSoTimeout(5000);
                s.setSendBufferSize(1 << 18);
                s.setReceiveBufferSize(1 << 18);
                s.send(new DatagramPacket(message, message.length, at));
                DatagramPacket reply = new DatagramPacket(new byte[65536], 65536);
                s.receive(reply);
                assertEquals(65507, reply.getLength());
                byte[] expected = new byte[65507];
                Arrays.fill(expected, (byte) 'Q');
                expected[0] = 'Z';
                assertArrayEquals(expected, Arrays.copyOf(reply.getData(), reply.getLength()));
            }
            manager.close();
        }
        manager = null;
    }

    @Test
    void pastTheConnectionCapNewClientsAreRefusedWithAnEvent() throws IOException {
        RunningServer echo = start(ServerKind.ECHO, ServerLimits.defaults().withMaxConnections(10), "127.0.0.1");
        Socket[] held = new Socket[10];
        try {
            for (int i = 0; i < held.length; i++) {
                held[i] = new Socket();
                held[i].connect(echo.local(), 5000);
            }
            assertTrue(Await.until(() -> echo.status().connections() == 10, Duration.ofSeconds(5)));
            try (Socket eleventh = new Socket()) {
                eleventh.connect(echo.local(), 5000);
                eleventh.setSoTimeout(5000);
                assertEquals(-1, readOrReset(eleventh), "the 11th connection is closed at once");
                int port = eleventh.getLocalPort();
                assertTrue(log.await(ServerEvent.Refused.class, r -> r.remote().getPort() == port));
            }
            assertEquals(1, echo.status().refused());
            held[0].close();
            assertTrue(Await.until(() -> echo.status().connections() == 9, Duration.ofSeconds(5)));
            assertNormalClientServed(echo.local());
        } finally {
            for (Socket s : held) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    @Test
    void anIdleClientIsClosedAfterTheTimeout() throws IOException {
        RunningServer echo = start(ServerKind.ECHO, ServerLimits.defaults().withIdleTimeout(Duration.ofMillis(300)), "127.0.0.1");
        try (Socket idle = new Socket()) {
            idle.connect(echo.local(), 5000);
            idle.setSoTimeout(10_000);
            assertEquals(-1, idle.getInputStream().read(), "the server closes a silent client");
            assertTrue(log.await(ServerEvent.Closed.class, c -> c.reason().equals("idle timeout")));
        }
    }

    @Test
    void stoppingClosesEveryClientAndTheListener() throws IOException {
        RunningServer echo = start(ServerKind.ECHO, ServerLimits.defaults(), "127.0.0.1");
        try (Socket client = new Socket()) {
            client.connect(echo.local(), 5000);
            client.setSoTimeout(10_000);
            assertTrue(Await.until(() -> echo.status().connections() == 1, Duration.ofSeconds(5)));
            assertTrue(manager.stop("echo"));
            assertEquals(-1, readOrReset(client));
            assertTrue(log.await(ServerEvent.Stopped.class, e -> true));
            assertTrue(manager.list().isEmpty());
            try (Socket again = new Socket()) {
                again.connect(echo.local(), 2000);
                throw new AssertionError("the listener should be closed");
            } catch (java.net.ConnectException expected) {
                // refused: nothing listens any more
            }
        }
    }

    private static int readOrReset(Socket s) throws IOException {
        try {
            return s.getInputStream().read();
        } catch (SocketException reset) {
            return -1;
        }
    }
}
