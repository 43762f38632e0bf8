package org.wiretop.monitor.flow;

/**
 * An immutable copy of one conversation, made on the capture thread for other threads to read.
 * The two directions are merged; the client is the side that sent the SYN (else the first
 * packet's source, unless that came from a well-known port to an ephemeral one).
 *
 * @param protocol        IP protocol number (6 TCP, 17 UDP, 1 ICMP, ...)
 * @param client          the initiating side
 * @param server          the other side
 * @param clientLocal     the client address belongs to this host (link-layer direction or our addresses)
 * @param serverLocal     the server address belongs to this host
 * @param toServer        what the client sent
 * @param toClient        what the server sent
 * @param firstSeenNanos  epoch nanoseconds of the first packet
 * @param lastSeenNanos   epoch nanoseconds of the latest packet
 * @param state           TCP state as observed ({@link TcpState#NONE} for other protocols)
 * @param synToSynAckNanos client-side handshake RTT: SYN-ACK time − (latest) SYN time, or -1
 * @param initialRttNanos SYN → ACK of the SYN-ACK (tshark's {@code tcp.analysis.initial_rtt}), or -1
 */
public record FlowRecord(int protocol, FlowEndpoint client, FlowEndpoint server,
                         boolean clientLocal, boolean serverLocal,
                         FlowDirectionStats toServer, FlowDirectionStats toClient,
                         long firstSeenNanos, long lastSeenNanos, TcpState state,
                         long synToSynAckNanos, long initialRttNanos) {

    public static final int TCP = 6, UDP = 17;

    /** Packets both ways. */
    public long packets() {
        return toServer.packets() + toClient.packets();
    }

    /** Wire bytes both ways. */
    public long bytes() {
        return toServer.bytes() + toClient.bytes();
    }

    /** Retransmissions both ways. */
    public long retransmissions() {
        return toServer.retransmissions() + toClient.retransmissions();
    }

    /** Out-of-order segments both ways. */
    public long outOfOrder() {
        return toServer.outOfOrder() + toClient.outOfOrder();
    }

    /** Nanoseconds from the first to the latest packet. */
    public long durationNanos() {
        return lastSeenNanos - firstSeenNanos;
    }

    /** "tcp", "udp", "icmp", "icmpv6" or "proto-N". */
    public String protocolName() {
        return switch (protocol) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmpv6";
            case 132 -> "sctp";
            default -> "proto-" + protocol;
        };
    }
}
