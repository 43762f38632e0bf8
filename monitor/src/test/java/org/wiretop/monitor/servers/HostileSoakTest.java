package org.wiretop.monitor.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue "hostile input": the servers' limits hold under a hostile client mix for 60 s
 * ({@code -Dwiretop.soak.seconds=N} to change) with memory flat. Every server runs at once with
 * tight limits; floods past the connection cap, never-readers, slowloris, resets, half-closes,
 * bad HTTP, the largest datagrams and connect churn all run together while a well-behaved
 * canary must complete every exchange with every server. Loopback only; every loop is bounded.
 */
class HostileSoakTest {
    private static final int MAX_CONNECTIONS = 200;
    private static final int BUFFER_CAP = 64 * 1024;
    private static final ServerLimits LIMITS = new ServerLimits(MAX_CONNECTIONS, BUFFER_CAP, Duration.ofSeconds(3),
            Duration.ofSeconds(2), 8192);
    /** Each canary exchange must be complete within this; a correctness bound, not a speed goal. */
    private static final long EXCHANGE_NANOS = 5_000_000_000L;
    private static final int HEAP_SAMPLES = 10;
    private static final long HEAP_GROWTH_BOUND = 32L << 20;

    @Test
    void limitsHoldUnderAHostileMixWithMemoryFlat() throws Exception {
        long seconds = Long.getLong("wiretop.soak.seconds", 60);
        assertTrue(seconds >= 5, "wiretop.soak.seconds must be at least 5");
        HostileEventCounter events = new HostileEventCounter();
        HostileTally tally = new HostileTally();
        Map<ServerKind, RunningServer> servers = new EnumMap<>(ServerKind.class);
        try (ServerManager manager = new ServerManager(LIMITS)) {
            manager.addListener(events);
            for (ServerKind kind : ServerKind.values()) {
                servers.put(kind, manager.start(kind, Loopbacks.address("127.0.0.1"), 0));
            }
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            HostileWatch watch = new HostileWatch(servers, LIMITS, start, end, HEAP_SAMPLES, tally);
            List<Runnable> jobs = new ArrayList<>(new HostileMix(new HostileRun(servers, LIMITS, end, tally, events)).loops());
            jobs.add(new HostileCanary(servers, end, EXCHANGE_NANOS, tally, events));
            jobs.add(watch);
            runAll(jobs, seconds + 60);
            long clientsDoneMillis = (System.nanoTime() - start) / 1_000_000;

            // Every client is closed: each server must notice and hold nothing.
            Duration drain = LIMITS.idleTimeout().plus(LIMITS.lingerTimeout()).plusSeconds(5);
            boolean drained = Await.until(() -> servers.values().stream().allMatch(s -> s.status().connections() == 0),
                    drain);
            String open = servers.values().stream().map(s -> s.kind().id() + "=" + s.status().connections())
                    .collect(Collectors.joining(","));
            long refused = servers.values().stream().mapToLong(s -> s.status().refused()).sum();
            String served = servers.values().stream().map(s -> s.kind().id() + "=" + s.status().accepted())
                    .collect(Collectors.joining(","));
            long bytesIn = servers.values().stream().mapToLong(s -> s.status().bytesIn()).sum();
            long bytesOut = servers.values().stream().mapToLong(s -> s.status().bytesOut()).sum();
            manager.close();

            List<HostileWatch.HeapSample> heap = watch.heap();
            System.out.println("HOSTILE-SOAK " + seconds + " s (clients done at " + clientsDoneMillis + " ms): "
                    + "server refused=" + refused + " served={" + served + "} bytesIn=" + bytesIn + " bytesOut=" + bytesOut
                    + " " + tally.all());
            System.out.println("HOSTILE-SOAK heap MiB after GC at s (bound: +" + (HEAP_GROWTH_BOUND >> 20)
                    + " MiB over the 2nd): " + heap.stream()
                    .map(h -> h.atMillis() / 1000 + ":" + h.mib()).collect(Collectors.joining(" "))
                    + "; anomalies=" + tally.anomalyCount() + " " + tally.anomalies()
                    + "; server problems=" + events.problems());

            assertTrue(drained, "connections still open after every client closed: " + open);
            assertEquals(0, tally.anomalyCount(), "what the servers got wrong: " + tally.anomalies());
            assertEquals(0, tally.get("canary.failed"), "canary failures");
            for (ServerKind kind : ServerKind.values()) {
                assertTrue(tally.get("canary." + kind.id() + ".ok") > 0, "no canary exchange with " + kind.id());
            }
            assertTrue(refused > 0, "the flood never reached the connection cap");
            assertTrue(tally.get("neverReader.stalled") > 0, "no never-reader was ever held back");
            assertTrue(tally.get("slowloris.http.cutOff") > 0, "http never cut a slowloris off");
            assertTrue(tally.maxOf("echo.heldPerClient") <= BUFFER_CAP, "echo held more than the cap for a client");
            assertTrue(events.problems().isEmpty(), "servers reported problems: " + events.problems());
            assertHeapFlat(heap);
            assertEverythingClosed(servers, events);
        }
    }

    /** Runs each job on its own thread and waits for all (they stop by themselves at the end time). */
    private static void runAll(List<Runnable> jobs, long timeoutSeconds) throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs.size(), r -> {
            Thread t = new Thread(r, "hostile-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = jobs.stream().<Future<?>>map(pool::submit).toList();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            for (Future<?> f : futures) {
                f.get(HostileIo.millisLeft(deadline), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The last samples may not exceed the first steady-state one (the second) by more than the bound. */
    private static void assertHeapFlat(List<HostileWatch.HeapSample> heap) {
        assertTrue(heap.size() >= 4, "too few heap samples: " + heap);
        long baseline = heap.get(1).usedBytes();
        for (HostileWatch.HeapSample late : heap.subList(heap.size() - 2, heap.size())) {
            assertTrue(late.usedBytes() - baseline <= HEAP_GROWTH_BOUND, "heap grew from " + (baseline >> 20)
                    + " MiB to " + late.mib() + " MiB at " + late.atMillis() + " ms: " + heap);
        }
    }

    private static void assertEverythingClosed(Map<ServerKind, RunningServer> servers, HostileEventCounter events)
            throws IOException {
        assertTrue(Await.until(() -> events.count(ServerEvent.Stopped.class) == servers.size(), Duration.ofSeconds(10)),
                "every server reports it stopped");
        for (RunningServer s : servers.values()) {
            assertEquals(0, s.status().connections(), s.kind().id() + " connections after stop");
            assertTrue(s.connections().isEmpty(), s.kind().id() + " connection list after stop");
            if (s.kind().transport() == ServerKind.Transport.TCP) {
                assertThrows(ConnectException.class, () -> {
                    try (Socket probe = new Socket()) {
                        probe.connect(s.local(), 2000);
                    }
                }, s.kind().id() + " still listening after stop");
            } else {
                // The port can be bound again only if the server's socket is really closed.
                try (DatagramChannel again = DatagramChannel.open()) {
                    again.bind(new InetSocketAddress(s.local().getAddress(), s.local().getPort()));
                }
            }
        }
    }
}
