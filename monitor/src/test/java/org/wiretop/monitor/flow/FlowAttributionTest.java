package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;

/**
 * Attribution against real sockets of real processes: the packets are built by hand with the
 * 4-tuples of live connections (the live capture path is covered end to end by the CLI tests),
 * and the answers come from the kernel and /proc as in the product.
 */
class FlowAttributionTest {
    private static final int LO = Segments.ip4(127, 0, 0, 1);
    private static final long MS = Segments.MS;

    @Test
    void aLocalServerIsNamedOnTheFirstPacketAndTheClientByLookup() throws Exception {
        try (FlowAttribution attr = FlowAttribution.start(LocalAddresses.fromSystem());
             ServerSocketChannel server = indexedListener(attr)) {
            int port = port(server);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                int cport = port(client);
                PacketSummary syn = Segments.tcp4(now(), LO, cport, LO, port, Segments.SYN, 1, 0, 0);
                FlowOwner owner = attr.observe(syn);
                FlowEndpoint serverEnd = FlowEndpoint.ipv4(LO, port), clientEnd = FlowEndpoint.ipv4(LO, cport);
                ProcessTag me = owner.of(serverEnd);
                assertNotNull(me, "the listener's owner, synchronously: " + owner);
                assertEquals(ProcessHandle.current().pid(), me.pid());
                assertTrue(await(owner::settled), "the client's lookup settles: " + owner);
                assertEquals(ProcessHandle.current().pid(), owner.of(clientEnd).pid());
                assertEquals(comm(), owner.of(clientEnd).name());
                // the reply finds the same flow, the other way round
                PacketSummary synAck = Segments.tcp4(now(), LO, port, LO, cport, Segments.SYN | Segments.ACK, 9, 2, 0);
                assertSame(owner, attr.observe(synAck));
                assertSame(owner.of(serverEnd), owner.sender(attr.lastFromA()));
                assertSame(owner.of(clientEnd), owner.receiver(attr.lastFromA()));
                assertSame(owner, attr.ownerOf(FlowKey.of(6, serverEnd, clientEnd)));
            }
        }
    }

    @Test
    void aClientInAnotherProcessIsNamedWithItsPidAndProgram() throws Exception {
        File python = new File("/usr/bin/python3");
        Assumptions.assumeTrue(python.canExecute(), "needs /usr/bin/python3 as a second process");
        try (FlowAttribution attr = FlowAttribution.start(LocalAddresses.fromSystem());
             ServerSocketChannel server = indexedListener(attr)) {
            int port = port(server);
            Process child = new ProcessBuilder(python.getPath(), "-c", "import socket, sys\n"
                    + "s = socket.create_connection(('127.0.0.1', " + port + "))\n"
                    + "print(s.getsockname()[1], flush=True); sys.stdin.read()").start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII)); SocketChannel accepted = server.accept()) {
                int cport = Integer.parseInt(out.readLine().strip());
                FlowOwner owner = attr.observe(Segments.tcp4(now(), LO, cport, LO, port, Segments.ACK, 2, 1, 0));
                assertTrue(await(owner::settled), "settles: " + owner);
                ProcessTag client = owner.of(FlowEndpoint.ipv4(LO, cport));
                assertNotNull(client, "client named: " + owner);
                assertEquals(child.pid(), client.pid());
                assertEquals("python3", client.name());
                assertEquals("pid " + child.pid() + " python3", client.comment());
                assertEquals(ProcessHandle.current().pid(), owner.of(FlowEndpoint.ipv4(LO, port)).pid(),
                        "mid-stream, the listener still names the server end");
                assertTrue(owner.resolvedEpochNanos() > 0);
            } finally {
                child.destroy();
                child.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void theSynWatchLooksTheClientUpBeforeTheWriterSeesItsSynAndTheWriterAdoptsTheAnswer() throws Exception {
        File python = new File("/usr/bin/python3");
        Assumptions.assumeTrue(python.canExecute(), "needs /usr/bin/python3 as a second process");
        try (FlowAttribution attr = FlowAttribution.start(LocalAddresses.fromSystem());
             ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET)) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = port(server);
            Assumptions.assumeTrue(attr.watchSyns("lo", "tcp port " + port), "the SYN watch captures live: needs root");
            awaitListener(attr, port);
            Process child = new ProcessBuilder(python.getPath(), "-c", "import socket, sys\n"
                    + "s = socket.create_connection(('127.0.0.1', " + port + "))\n"
                    + "print(s.getsockname()[1], flush=True); sys.stdin.read()").start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.US_ASCII)); SocketChannel accepted = server.accept()) {
                int cport = Integer.parseInt(out.readLine().strip());
                FlowEndpoint clientEnd = FlowEndpoint.ipv4(LO, cport), serverEnd = FlowEndpoint.ipv4(LO, port);
                FlowKey key = FlowKey.of(6, clientEnd, serverEnd);
                // no packet given to the writer yet: the SYN watch alone starts and finishes the lookup
                assertTrue(await(() -> attr.lookedAhead(key) != null && attr.lookedAhead(key).settled()),
                        "the SYN watch looked the client up: " + attr.lookedAhead(key));
                FlowOwner early = attr.lookedAhead(key);
                assertEquals(child.pid(), early.of(clientEnd).pid(), "client named: " + early);
                long requests = attr.counters().requests();
                // the writer meets the same SYN (same kernel timestamp): it adopts the owner, adds the listener
                FlowOwner owner = attr.observe(Segments.tcp4(early.firstPacketEpochNanos(), LO, cport, LO, port,
                        Segments.SYN, 1, 0, 0));
                assertSame(early, owner);
                assertNull(attr.lookedAhead(key), "adopted once");
                assertEquals(ProcessHandle.current().pid(), owner.of(serverEnd).pid(), "the listener's end added");
                assertEquals(child.pid(), owner.of(clientEnd).pid());
                assertTrue(owner.settled());
                assertEquals(requests, attr.counters().requests(), "no second lookup of the client");
            } finally {
                child.destroy();
                child.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aDualStackListenerNamesIpv4FlowsAndNoSocketSettlesUnknown() throws Exception {
        ServerSocketChannel server;
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.INET6);
        } catch (UnsupportedOperationException e) {
            Assumptions.assumeTrue(false, "no IPv6 here");
            return;
        }
        try (FlowAttribution attr = FlowAttribution.start(LocalAddresses.fromSystem()); server) {
            server.bind(new InetSocketAddress(InetAddress.getByName("::"), 0));
            int port = port(server);
            awaitListener(attr, port);
            // A SYN from a port nobody holds: the server is named, the client settles unknown.
            FlowOwner owner = attr.observe(Segments.tcp4(now(), LO, 9, LO, port, Segments.SYN, 1, 0, 0));
            assertEquals(ProcessHandle.current().pid(), owner.of(FlowEndpoint.ipv4(LO, port)).pid());
            assertTrue(await(owner::settled));
            assertNull(owner.of(FlowEndpoint.ipv4(LO, 9)));
            assertEquals(1, attr.counters().notFound());
        }
    }

    @Test
    void aSynAfterTheEndOfAConnectionIsANewFlowAndRemoteEndsAreNotLookedUp() throws Exception {
        try (FlowAttribution attr = FlowAttribution.start(LocalAddresses.of(InetAddress.getByName("127.0.0.1")))) {
            int remote = Segments.ip4(192, 0, 2, 7), remote2 = Segments.ip4(198, 51, 100, 1);
            FlowOwner first = attr.observe(Segments.tcp4(now(), remote, 4000, remote2, 80, Segments.SYN, 1, 0, 0));
            assertTrue(first.settled(), "neither end is ours: nothing to look up");
            assertSame(first, attr.observe(Segments.tcp4(now(), remote2, 80, remote, 4000, Segments.FIN | Segments.ACK, 5, 2, 0)));
            FlowOwner second = attr.observe(Segments.tcp4(now(), remote, 4000, remote2, 80, Segments.SYN, 100, 0, 0));
            assertNotSame(first, second, "port reuse starts a new flow");
            assertSame(second, attr.ownerOf(first.key()));
            assertEquals(0, attr.counters().requests());
        }
    }

    @Test
    void aFullTableForgetsTheFlowSeenLongestAgo() {
        FlowAttribution attr = new FlowAttribution(LocalAddresses.none(), 16, null, true);
        int remote = Segments.ip4(192, 0, 2, 7);
        FlowOwner oldest = attr.observe(Segments.tcp4(1, remote, 1, remote, 80, Segments.ACK, 1, 0, 0));
        for (int i = 2; i <= 40; i++) {
            attr.observe(Segments.tcp4(i * MS, remote, i, remote, 80, Segments.ACK, 1, 0, 0));
        }
        assertEquals(16, attr.size());
        assertNull(attr.ownerOf(oldest.key()));
        assertEquals(40, attr.flows());
    }

    @Test
    void unsharedAnEndedTcpFlowIsForgottenOnceQuietForTheLingerAndNotBefore() {
        FlowAttribution attr = new FlowAttribution(LocalAddresses.none(), 16, null, false);
        int remote = Segments.ip4(192, 0, 2, 7), server = Segments.ip4(198, 51, 100, 1);
        long linger = FlowAttribution.LINGER_MILLIS * MS;
        attr.observe(Segments.tcp4(0, remote, 4000, server, 80, Segments.SYN, 1, 0, 0));
        attr.observe(Segments.tcp4(MS, server, 80, remote, 4000, Segments.RST, 0, 2, 0));
        attr.observe(Segments.udp4(MS, remote, 5000, server, 53, 20));
        attr.observe(Segments.tcp4(linger / 2, remote, 4001, server, 80, Segments.SYN, 1, 0, 0)); // a new flow looks
        // a late packet within the linger still finds its flow, and restarts the wait
        attr.observe(Segments.tcp4(linger * 8 / 10, remote, 4000, server, 80, Segments.ACK, 2, 0, 0));
        assertEquals(3, attr.flows(), "the late packet found its flow");
        attr.observe(Segments.tcp4(linger + 2 * MS, remote, 4002, server, 80, Segments.SYN, 1, 0, 0));
        assertEquals(4, attr.size(), "quiet for less than the linger: kept");
        attr.observe(Segments.tcp4(linger * 18 / 10 + MS, remote, 4003, server, 80, Segments.SYN, 1, 0, 0));
        assertEquals(4, attr.size(), "ended and quiet for the linger: forgotten (UDP never ends)");
        attr.observe(Segments.tcp4(linger * 2, remote, 4000, server, 80, Segments.ACK, 3, 0, 0));
        assertEquals(6, attr.flows(), "a packet after that starts a new flow");
        assertEquals(5, attr.size());
    }

    @Test
    void sharedAnEndedFlowStaysForThoseWhoAskLater() {
        FlowAttribution attr = new FlowAttribution(LocalAddresses.none(), 16, null, true);
        int remote = Segments.ip4(192, 0, 2, 7), server = Segments.ip4(198, 51, 100, 1);
        FlowOwner reset = attr.observe(Segments.tcp4(0, remote, 4000, server, 80, Segments.SYN, 1, 0, 0));
        attr.observe(Segments.tcp4(MS, server, 80, remote, 4000, Segments.RST, 0, 2, 0));
        for (int i = 1; i <= 4; i++) {
            attr.observe(Segments.tcp4(i * FlowAttribution.LINGER_MILLIS * MS, remote, 4000 + i, server, 80,
                    Segments.SYN, 1, 0, 0));
        }
        assertSame(reset, attr.ownerOf(reset.key()), "the UI's closed connection, a flow record, ask after the end");
    }

    @Test
    void unsharedEndedFlowsAreForgottenInOrderWhileRemovalsMoveTheOthersAbout() {
        FlowAttribution attr = new FlowAttribution(LocalAddresses.none(), 16, null, false);
        int remote = Segments.ip4(192, 0, 2, 7), server = Segments.ip4(198, 51, 100, 1);
        long linger = FlowAttribution.LINGER_MILLIS * MS;
        for (int i = 0; i < 6; i++) {
            attr.observe(Segments.tcp4(i * MS, remote, 4000 + i, server, 80, Segments.SYN, 1, 0, 0));
            attr.observe(Segments.tcp4(i * MS, server, 80, remote, 4000 + i, Segments.RST, 0, 2, 0));
        }
        // each new flow forgets two: the first two go, and the last entries move into their places
        attr.observe(Segments.tcp4(linger + 10 * MS, remote, 5001, server, 80, Segments.SYN, 1, 0, 0));
        assertEquals(5, attr.size());
        attr.observe(Segments.tcp4(linger + 11 * MS, remote, 5002, server, 80, Segments.SYN, 1, 0, 0));
        attr.observe(Segments.tcp4(linger + 12 * MS, remote, 5003, server, 80, Segments.SYN, 1, 0, 0));
        assertEquals(3, attr.size(), "the six ended flows forgotten");
        for (int port = 5001; port <= 5003; port++) {
            attr.observe(Segments.tcp4(linger + 20 * MS, remote, port, server, 80, Segments.ACK, 2, 1, 0));
        }
        assertEquals(9, attr.flows(), "a live flow is never taken for an ended one: each still found");
        attr.observe(Segments.tcp4(linger + 30 * MS, remote, 4005, server, 80, Segments.ACK, 3, 0, 0));
        assertEquals(10, attr.flows(), "an ended one forgotten is new again");
    }

    @Test
    void unsharedFlowsSettledOnTheirFirstPacketShareOneOwnerWithoutAKey() throws Exception {
        FlowAttribution attr = new FlowAttribution(LocalAddresses.of(InetAddress.getByName("127.0.0.1")), 16, null, false);
        FlowOwner first = attr.observe(Segments.tcp4(MS, LO, 40001, LO, 80, Segments.SYN, 1, 0, 0));
        FlowOwner second = attr.observe(Segments.tcp4(2 * MS, LO, 40002, LO, 80, Segments.SYN, 1, 0, 0));
        assertSame(first, second, "no lookup runs (none can here): nothing to tell the flows apart by");
        assertTrue(first.settled());
        assertNull(first.sender(attr.lastFromA()));
        assertSame(first, attr.observe(Segments.tcp4(3 * MS, LO, 80, LO, 40001, Segments.SYN | Segments.ACK, 1, 2, 0)));
        assertEquals(2, attr.flows());
        assertThrows(IllegalStateException.class, first::key);
    }

    @Test
    void unsharedTheWritersLookupOfASynIsFoundByTheSynWatchWhichMakesNoSecondOwner() throws Exception {
        try (FlowAttribution attr = FlowAttribution.start(LocalAddresses.fromSystem(), false);
             ServerSocketChannel server = indexedListener(attr)) {
            int port = port(server);
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                 SocketChannel accepted = server.accept()) {
                int cport = port(client);
                PacketSummary syn = Segments.tcp4(now(), LO, cport, LO, port, Segments.SYN, 1, 0, 0);
                FlowOwner owner = attr.observe(syn);
                attr.lookAhead(syn); // the SYN watch, second: the writer's lookup is running or done
                FlowKey key = FlowKey.of(6, FlowEndpoint.ipv4(LO, cport), FlowEndpoint.ipv4(LO, port));
                assertNull(attr.lookedAhead(key), "no owner of its own for a flow the writer asked about");
                assertTrue(await(owner::settled), "the client's lookup settles: " + owner);
                assertEquals(ProcessHandle.current().pid(), owner.of(FlowEndpoint.ipv4(LO, cport)).pid());
                assertEquals(key, owner.key());
                assertThrows(IllegalStateException.class, () -> attr.ownerOf(key),
                        "owners are not kept by key unless shared");
            }
        }
    }

    /** A listener on 127.0.0.1 (an ephemeral port) that {@code attr}'s listener index already knows. */
    private static ServerSocketChannel indexedListener(FlowAttribution attr) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            awaitListener(attr, port(server));
            return server;
        } catch (IOException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    private static int port(NetworkChannel channel) throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    private static void awaitListener(FlowAttribution attr, int port) {
        // the index is refreshed every second: wait for the refresh that sees our new listener
        assertTrue(await(() -> attr.knowsListener(port)), "listener on " + port + " never indexed");
    }

    private static long now() {
        return System.currentTimeMillis() * MS;
    }

    private static String comm() throws Exception {
        return Files.readString(Path.of("/proc/self/comm"), StandardCharsets.UTF_8).strip();
    }

    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(5_000_000L);
        }
        return condition.getAsBoolean();
    }
}
