package org.wiretop.tui;

import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowAttribution;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowKey;
import org.wiretop.monitor.flow.FlowOwner;
import org.wiretop.monitor.flow.FlowTable;
import org.wiretop.monitor.flow.LocalAddresses;
import org.wiretop.monitor.flow.ProcessTag;

import java.util.function.Supplier;

/**
 * The monitor seen through {@link Feeds}: the flow table (fed from the packet ring by a
 * {@link FlowFeeder}, its only writer, which also publishes its snapshots), live the processes
 * behind each flow ({@link FlowAttribution}, fed by the same thread), the socket sampler (its
 * own thread, every second) and the built-in servers.
 */
public final class MonitorFeeds implements AutoCloseable {
    /** A table with no new packet for this long publishes its final state. */
    static final long IDLE_MILLIS = 300;

    /** How the flow table's time passes while no packet comes. */
    public enum Clock {
        /** A live interface: the wall clock (packet times are this host's). */
        WALL,
        /** A file: only the file's own packet times. */
        PACKETS,
        /**
         * A stream from another host: its packet times, advanced by the wall clock while it is
         * quiet, so flows age and rates fall as on a live interface whatever the two clocks say.
         */
        STREAM
    }

    private volatile Clock clock = Clock.WALL;
    private final FlowTable flows = FlowTable.withDefaults();
    private final DecodeChoices choices;
    private final BuiltInServers servers;
    private final SampledSockets sockets;
    private final FlowAttribution owners;
    private final FlowConnections connections;
    private FlowFeeder feeder;
    // Flow thread only.
    private long lastPacketNanos;
    private long ingested;
    private long ingestedAtPublish;
    private long lastIngestMillis;

    private MonitorFeeds(DecodeChoices choices, boolean live) {
        this.choices = choices;
        this.servers = new BuiltInServers(choices);
        this.sockets = new SampledSockets(servers::ports);
        this.owners = live ? FlowAttribution.start(LocalAddresses.fromSystem()) : null;
        // Flows are joined with this host's sockets only when they are this host's (a live interface).
        this.connections = new FlowConnections(flows.published(), () -> clock == Clock.WALL ? sockets.table() : null,
                owners);
    }

    /** @param choices what ports are dissected as; the servers started from the UI add theirs */
    public static MonitorFeeds open(DecodeChoices choices) {
        return open(choices, true);
    }

    /**
     * @param choices what ports are dissected as; the servers started from the UI add theirs
     * @param live    a live interface of this host: its flows are named after their processes
     */
    public static MonitorFeeds open(DecodeChoices choices, boolean live) {
        MonitorFeeds m = new MonitorFeeds(choices, live);
        m.sockets.start();
        return m;
    }

    /** Starts feeding the flow table from whatever ring the capture fills. */
    public void feedFrom(Supplier<PacketRing> rings) {
        feeder = new FlowFeeder(rings, choices, this::ingest, this::idle).start();
    }

    /**
     * A capture opened: on a live interface the connecting ends of new flows are looked up from
     * their SYNs, seen by a second capture of SYNs alone, as {@code capture} does (design §9).
     */
    public void captureStarted(CaptureSpec spec) {
        if (owners != null && !spec.isFile() && !spec.isStream()) {
            owners.watchSyns(spec.device(), spec.bpf());
        }
    }

    /** Live captures age flows by the wall clock; a file's flows keep the file's own time. */
    public void setClock(Clock c) {
        clock = c;
    }

    /** Packets the flow table never saw because it fell a whole ring behind. */
    public long flowSkipped() {
        return feeder == null ? 0 : feeder.skipped();
    }

    private void ingest(PacketSummary s) {
        flows.ingest(s);
        if (owners != null) {
            owners.observe(s);
        }
        lastPacketNanos = s.epochNanos;
        flows.publishIfDue(s.epochNanos);
        ingested++;
    }

    /** No packet waiting: publish what came since the last snapshot, once it has been quiet a while. */
    private void idle() {
        long now = System.currentTimeMillis();
        if (ingested != ingestedAtPublish) {
            ingestedAtPublish = ingested;
            lastIngestMillis = now;
            return;
        }
        if (lastIngestMillis != 0 && now - lastIngestMillis >= IDLE_MILLIS) {
            long quietMillis = now - lastIngestMillis;
            lastIngestMillis = 0;
            if (clock == Clock.PACKETS) {
                flows.published().set(flows.snapshot());
                return;
            }
            long nowNanos = clock == Clock.WALL ? now * 1_000_000L : lastPacketNanos + quietMillis * 1_000_000L;
            flows.expire(nowNanos);
            flows.published().set(flows.snapshot(nowNanos));
        }
    }

    /**
     * The processes behind a decoded packet (any thread): {@code pid 1234 curl} for its sender
     * and, when the receiver is also named, {@code peer pid 99 python3}; empty when unknown.
     */
    public java.util.List<String> processesOf(PacketSummary s) {
        if (owners == null || s.srcPort < 0 || s.dstPort < 0) {
            return java.util.List.of();
        }
        FlowEndpoint src, dst;
        if (s.has(PacketSummary.IP4)) {
            src = FlowEndpoint.ipv4(s.ip4Src, s.srcPort);
            dst = FlowEndpoint.ipv4(s.ip4Dst, s.dstPort);
        } else if (s.has(PacketSummary.IP6)) {
            src = FlowEndpoint.ipv6(s.ip6SrcHi, s.ip6SrcLo, s.srcPort);
            dst = FlowEndpoint.ipv6(s.ip6DstHi, s.ip6DstLo, s.dstPort);
        } else {
            return java.util.List.of();
        }
        FlowOwner o = owners.ownerOf(FlowKey.of(s.transportProtocol, src, dst));
        if (o == null) {
            return java.util.List.of();
        }
        ProcessTag sender = o.of(src), receiver = o.of(dst);
        java.util.List<String> out = new java.util.ArrayList<>(2);
        if (sender != null) {
            out.add(sender.comment());
        }
        if (receiver != null) {
            out.add((sender != null ? "peer " : "to ") + receiver.comment());
        }
        return out;
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
        if (feeder != null) {
            feeder.close();
        }
        sockets.close();
        servers.close();
        if (owners != null) {
            owners.close();
        }
    }
}
