package org.wiretop.tui;

import org.wiretop.monitor.socket.SocketEntry;
import org.wiretop.monitor.socket.SocketTable;
import org.wiretop.monitor.socket.SocketTableSampler;
import org.wiretop.tui.model.SocketRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The socket table, refreshed every second by a sampler thread of its own (sock_diag, or
 * /proc/net as the fallback) and published as an immutable snapshot; the UI thread only reads
 * the latest one.
 */
public final class SampledSockets implements Feeds.Sockets, AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wiretop-socket-sampler");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<SocketTable> table = new AtomicReference<>();
    private final AtomicReference<List<SocketRow>> rows = new AtomicReference<>(List.of());
    private final Supplier<Set<Integer>> builtInPorts;
    private final long myPid = ProcessHandle.current().pid();
    private SocketTableSampler sampler;
    private volatile boolean wanted = true;
    private long lastSampleMillis;

    /** @param builtInPorts ports our built-in servers listen on now (for the '*' mark) */
    public SampledSockets(Supplier<Set<Integer>> builtInPorts) {
        this.builtInPorts = builtInPorts;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sample, 0, 1, TimeUnit.SECONDS);
    }

    /**
     * Whether a view that shows sockets or processes is on screen. When none is, the table is
     * refreshed only every {@value #BACKGROUND_MILLIS} ms: the /proc scan that finds owners costs
     * CPU the capture may need.
     */
    public void setWanted(boolean onScreen) {
        wanted = onScreen;
    }

    static final long BACKGROUND_MILLIS = 10_000;

    private void sample() {
        long now = System.currentTimeMillis();
        if (!wanted && now - lastSampleMillis < BACKGROUND_MILLIS) {
            return;
        }
        lastSampleMillis = now;
        try {
            if (sampler == null) {
                sampler = SocketTableSampler.open();
            }
            SocketTable t = sampler.refresh();
            table.set(t);
            rows.set(toRows(t.entries(), builtInPorts.get(), myPid));
        } catch (Exception | LinkageError e) {
            // keep the last table; the next second tries again
        }
    }

    /** The latest table (null before the first sample), for joining flows to processes. */
    public SocketTable table() {
        return table.get();
    }

    @Override
    public List<SocketRow> rows() {
        return rows.get();
    }

    static List<SocketRow> toRows(List<SocketEntry> entries, Set<Integer> serverPorts, long myPid) {
        List<SocketRow> out = new ArrayList<>(entries.size());
        for (SocketEntry e : entries) {
            String proc = e.owner() == null ? "-" : e.owner().pid() + "/" + e.owner().program();
            boolean builtIn = e.state().isListening() && serverPorts.contains(e.localPort())
                    && e.owner() != null && e.owner().pid() == myPid;
            out.add(new SocketRow(e.proto().label() + (e.family() == 6 ? "6" : ""), e.state().name(), e.recvQ(),
                    e.sendQ(), endpoint(e.localText(), e.localPort(), e.family()),
                    endpoint(e.remoteText(), e.remotePort(), e.family()), proc, builtIn));
        }
        return out;
    }

    static String endpoint(String addr, int port, int family) {
        String p = port == 0 ? "*" : Integer.toString(port);
        return (family == 6 ? "[" + addr + "]" : addr) + ":" + p;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sampler != null) {
            sampler.close();
        }
    }
}
