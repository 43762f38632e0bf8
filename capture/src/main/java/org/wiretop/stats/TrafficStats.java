package org.wiretop.stats;

import org.wiretop.decode.PacketSummary;

/**
 * What {@code --stats} prints at the end of a capture or a read: the protocol hierarchy, the IPv4
 * endpoints and the IPv4 conversations, each as tshark prints it ({@code -z io,phs},
 * {@code -z endpoints,ip}, {@code -z conv,ip}). Fed on the capture thread with every decoded packet
 * that passed the filters; every table is sized once here, so a packet costs no allocation.
 * Single writer; print after the run.
 */
public final class TrafficStats {
    /** Default bounds: 65,536 endpoints and conversations (about 6 MB), 4,096 protocol paths. */
    public static final int ADDRESSES = 65_536, PATHS = 4_096;

    private final ProtocolPath path = new ProtocolPath();
    private final ProtocolHierarchy hierarchy;
    private final Ipv4Endpoints endpoints;
    private final Ipv4Conversations conversations;
    private boolean started;
    private long firstNanos;

    public TrafficStats() {
        this(ADDRESSES, PATHS);
    }

    public TrafficStats(int addresses, int paths) {
        hierarchy = new ProtocolHierarchy(paths);
        endpoints = new Ipv4Endpoints(addresses);
        conversations = new Ipv4Conversations(addresses);
    }

    /** Counts one decoded packet ({@code epochNanos} and lengths set). Allocates nothing. */
    public void add(PacketSummary s) {
        if (!started) {
            started = true;
            firstNanos = s.epochNanos;
        }
        path.fill(s);
        hierarchy.add(path, s.wireLength);
        if (countsAsIpv4(s)) {
            endpoints.add(s.ip4Src, s.ip4Dst, s.wireLength);
            conversations.add(s.ip4Src, s.ip4Dst, s.wireLength, s.epochNanos - firstNanos);
        }
    }

    /** An IPv4 header whole enough for Wireshark's IP tap: both addresses and a sane length. */
    static boolean countsAsIpv4(PacketSummary s) {
        return s.has(PacketSummary.IP4) && s.ipHasAddrs == 3 && s.ipHeaderLength >= 20
                && (s.ipTotalLength == 0 || s.ipTotalLength >= s.ipHeaderLength);
    }

    /** The three tables, in tshark's layout: hierarchy, endpoints, conversations. */
    public String text() {
        StringBuilder out = new StringBuilder(4096);
        hierarchy.appendTo(out);
        endpoints.appendTo(out);
        conversations.appendTo(out);
        return out.toString();
    }

    public ProtocolHierarchy hierarchy() {
        return hierarchy;
    }

    public Ipv4Endpoints endpoints() {
        return endpoints;
    }

    public Ipv4Conversations conversations() {
        return conversations;
    }
}
