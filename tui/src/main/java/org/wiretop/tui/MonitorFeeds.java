package org.wiretop.tui;

import org.wiretop.decode.PacketSummary;

/**
 * The monitor's flow table, socket sampler and servers seen through {@link Feeds}.
 * (First cut: no monitor wired yet; the adapters follow as the monitor lands.)
 */
public final class MonitorFeeds implements AutoCloseable {
    public static MonitorFeeds open() {
        return new MonitorFeeds();
    }

    /** Capture thread: one decoded packet for the flow table. */
    public void ingest(PacketSummary s) {
    }

    public Feeds.Connections connections() {
        return Feeds.NO_CONNECTIONS;
    }

    public Feeds.Sockets sockets() {
        return Feeds.NO_SOCKETS;
    }

    public Feeds.Servers servers() {
        return Feeds.NO_SERVERS;
    }

    @Override
    public void close() {
    }
}
