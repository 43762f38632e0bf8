package org.wiretop.tui;

import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowTable;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The monitor seen through {@link Feeds}: the flow table (fed on the capture thread, publishing
 * its own snapshots), the socket sampler (its own thread, every second) and the built-in servers.
 *
 * <p>The flow table publishes a snapshot from the capture thread when a packet arrives and one
 * is due. When packets stop, nobody would publish the last state, so a timer does it, but only
 * after {@value #IDLE_MILLIS} ms without a packet: at high rates the capture thread alone
 * touches the table and never waits for a snapshot to be copied.
 */
public final class MonitorFeeds implements AutoCloseable {
    static final long IDLE_MILLIS = 300;

    private final FlowTable flows = FlowTable.withDefaults();
    private final BuiltInServers servers = new BuiltInServers();
    private final SampledSockets sockets = new SampledSockets(servers::ports);
    private final FlowConnections connections = new FlowConnections(flows.published(), sockets::table);
    private final ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wiretop-flow-idle-publisher");
        t.setDaemon(true);
        return t;
    });
    // Guarded by the flows lock.
    private long lastIngestEpochNanos;
    private long ingested;
    private long ingestedAtPublish;
    private long ingestedAtLastCheck;
    private volatile boolean liveClock = true;

    public static MonitorFeeds open() {
        MonitorFeeds m = new MonitorFeeds();
        m.sockets.start();
        m.idle.scheduleWithFixedDelay(m::publishWhenIdle, 250, 250, TimeUnit.MILLISECONDS);
        return m;
    }

    /** Live captures age flows by the wall clock; a file's flows keep the file's own time. */
    public void setLiveClock(boolean live) {
        liveClock = live;
    }

    /** Capture thread only: one decoded packet for the flow table. */
    public void ingest(PacketSummary s) {
        synchronized (flows) {
            flows.ingest(s);
            flows.publishIfDue(s.epochNanos);
            lastIngestEpochNanos = s.epochNanos; // the packet's time: no clock call per packet
            ingested++;
        }
    }

    private void publishWhenIdle() {
        synchronized (flows) {
            long nowEpochNanos = System.currentTimeMillis() * 1_000_000L;
            boolean quiet = liveClock
                    ? nowEpochNanos - lastIngestEpochNanos >= IDLE_MILLIS * 1_000_000L
                    : ingested == ingestedAtLastCheck; // a file's packet times say nothing of now
            ingestedAtLastCheck = ingested;
            if (ingested == ingestedAtPublish || !quiet) {
                return;
            }
            ingestedAtPublish = ingested;
            if (liveClock) {
                flows.expire(nowEpochNanos);
                flows.published().set(flows.snapshot(nowEpochNanos));
            } else {
                flows.published().set(flows.snapshot());
            }
        }
    }

    public Feeds.Connections connections() {
        return connections;
    }

    public Feeds.Sockets sockets() {
        return sockets;
    }

    public Feeds.Servers servers() {
        return servers;
    }

    @Override
    public void close() {
        idle.shutdownNow();
        sockets.close();
        servers.close();
    }
}
