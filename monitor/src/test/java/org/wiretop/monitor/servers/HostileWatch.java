package org.wiretop.monitor.servers;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches the servers' own accounting during the soak — connections open at once and bytes
 * held per client against the limits, every 100 ms — and samples the heap after a GC at even
 * intervals, for the "memory flat" check.
 */
final class HostileWatch implements Runnable {
    /** Heap in use after a GC, {@code atMillis} into the run. */
    record HeapSample(long atMillis, long usedBytes) {
        long mib() {
            return usedBytes >> 20;
        }
    }

    private final Map<ServerKind, RunningServer> servers;
    private final ServerLimits limits;
    private final long startNanos;
    private final long endNanos;
    private final long heapEveryNanos;
    private final HostileTally tally;
    private final List<HeapSample> heap = new CopyOnWriteArrayList<>();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    HostileWatch(Map<ServerKind, RunningServer> servers, ServerLimits limits, long startNanos, long endNanos,
                 int heapSamples, HostileTally tally) {
        this.servers = servers;
        this.limits = limits;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.heapEveryNanos = (endNanos - startNanos) / heapSamples;
        this.tally = tally;
    }

    List<HeapSample> heap() {
        return List.copyOf(heap);
    }

    @Override
    public void run() {
        long nextHeap = startNanos + heapEveryNanos;
        for (int i = 0; i < 10_000_000 && !HostileIo.passed(endNanos); i++) {
            checkLimits();
            if (HostileIo.passed(nextHeap)) {
                sampleHeap();
                nextHeap += heapEveryNanos;
            }
            HostileIo.pauseMillis(100);
        }
        sampleHeap();
    }

    void sampleHeap() {
        System.gc();
        heap.add(new HeapSample((System.nanoTime() - startNanos) / 1_000_000, memory.getHeapMemoryUsage().getUsed()));
    }

    private void checkLimits() {
        for (RunningServer server : servers.values()) {
            if (server.kind().transport() != ServerKind.Transport.TCP) {
                continue;
            }
            String id = server.kind().id();
            int open = server.status().connections();
            tally.max("open." + id, open);
            if (open > limits.maxConnections()) {
                tally.anomaly(id + " has " + open + " connections open, cap " + limits.maxConnections());
            }
            for (ConnectionInfo c : server.connections()) {
                tally.max("buffered", c.buffered());
                if (c.buffered() > limits.bufferCap()) {
                    tally.anomaly(id + " buffers " + c.buffered() + " bytes for one client, cap " + limits.bufferCap());
                }
                if (server.kind() == ServerKind.ECHO) {
                    long held = c.bytesIn() - c.bytesOut();
                    tally.max("echo.heldPerClient", held);
                    if (held > limits.bufferCap()) {
                        tally.anomaly("echo holds " + held + " bytes for one client, cap " + limits.bufferCap());
                    }
                }
            }
        }
    }
}
