package org.wiretop.monitor.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 1,000 echo clients at once, each sending 64 KiB in random chunks while reading; every one
 * must get back exactly its own bytes. The client side is one NIO selector too.
 */
class EchoConcurrencyTest {
    private static final int WANTED_CLIENTS = 1000;
    private static final int BYTES_PER_CLIENT = 64 * 1024;
    private static final long DEADLINE_NANOS = 120_000_000_000L;

    /** One client's state: what it sends, how far it got each way. */
    private static final class Client {
        final byte[] payload = new byte[BYTES_PER_CLIENT];
        final Random chunks;
        int sent;
        int received;
        boolean done;

        Client(long seed) {
            Random r = new Random(seed);
            r.nextBytes(payload);
            chunks = new Random(seed * 31 + 1);
        }
    }

    @Test
    void everyClientGetsBackExactlyItsBytes() throws IOException {
        int clients = clientCount();
        try (ServerManager manager = new ServerManager(); Selector selector = Selector.open()) {
            InetSocketAddress at = manager.start(ServerKind.ECHO, Loopbacks.address("127.0.0.1"), 0).local();
            List<SocketChannel> channels = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    SocketChannel ch = SocketChannel.open();
                    channels.add(ch);
                    ch.configureBlocking(false);
                    ch.connect(at);
                    ch.register(selector, SelectionKey.OP_CONNECT, new Client(i + 1));
                }
                int finished = run(selector, clients);
                assertEquals(clients, finished, "clients that got all their bytes back");
            } finally {
                for (SocketChannel ch : channels) {
                    ch.close();
                }
            }
            assertTrue(Await.until(() -> manager.list().get(0).connections() == 0, java.time.Duration.ofSeconds(10)),
                    "server closed every connection");
            assertEquals((long) clients * BYTES_PER_CLIENT, manager.list().get(0).bytesOut());
        }
    }

    /** The process may open so many files; 1,000 clients need 2,000 (both ends are here). */
    private static int clientCount() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
            long room = os.getMaxFileDescriptorCount() - os.getOpenFileDescriptorCount() - 100;
            if (room < 2L * WANTED_CLIENTS) {
                int n = (int) Math.max(10, room / 2);
                System.out.println("EchoConcurrencyTest: the open-files limit (ulimit -n = "
                        + os.getMaxFileDescriptorCount() + ") allows " + n + " clients, not " + WANTED_CLIENTS);
                return n;
            }
        }
        return WANTED_CLIENTS;
    }

    private static int run(Selector selector, int clients) throws IOException {
        ByteBuffer readBuffer = ByteBuffer.allocate(16 * 1024);
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        int[] finished = {0};
        while (finished[0] < clients) {
            if (System.nanoTime() - deadline > 0) {
                fail("only " + finished[0] + " of " + clients + " clients finished in time");
            }
            selector.select(key -> {
                try {
                    step(key, readBuffer, finished);
                } catch (IOException e) {
                    fail("client " + key.attachment() + " failed: " + e);
                }
            }, 1000);
        }
        return finished[0];
    }

    private static void step(SelectionKey key, ByteBuffer readBuffer, int[] finished) throws IOException {
        SocketChannel ch = (SocketChannel) key.channel();
        Client c = (Client) key.attachment();
        if (key.isConnectable()) {
            ch.finishConnect();
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            return;
        }
        if (key.isWritable() && c.sent < BYTES_PER_CLIENT) {
            int chunk = Math.min(1 + c.chunks.nextInt(8192), BYTES_PER_CLIENT - c.sent);
            c.sent += ch.write(ByteBuffer.wrap(c.payload, c.sent, chunk));
            if (c.sent == BYTES_PER_CLIENT) {
                ch.shutdownOutput();
                key.interestOps(SelectionKey.OP_READ);
            }
        }
        if (key.isReadable()) {
            readBuffer.clear();
            int n = ch.read(readBuffer);
            if (n < 0) {
                assertEquals(BYTES_PER_CLIENT, c.received, "echo closed before sending everything back");
                c.done = true;
                finished[0]++;
                key.cancel();
                ch.close();
                return;
            }
            for (int i = 0; i < n; i++) {
                if (c.received >= BYTES_PER_CLIENT || readBuffer.get(i) != c.payload[c.received]) {
                    fail("byte " + c.received + " differs from what this client sent");
                }
                c.received++;
            }
        }
    }
}
