package org.wiretop.monitor.flow;

/**
 * One exported flow record: what a conversation carried between two exports (its interval), both
 * directions, handed by a {@link FlowExporter} to its {@link FlowRecordSink}s on the capture
 * thread. The object is reused for every record, so a sink copies what it keeps; fields are public
 * and primitive, as in the decoder's summary, so exporting allocates nothing.
 *
 * <p>The client is the side that opened the conversation (see {@link FlowTable}); "forward" is
 * client to server. Addresses are as in {@link FlowEndpoint}: IPv4 in the low 32 bits of
 * {@code lo}. Bytes are IP-layer bytes (IPFIX's octetDeltaCount), not frame bytes.
 */
public final class FlowExportRecord {
    /** IPFIX flowEndReason values (RFC 5102, IE 136). */
    public static final int IDLE_TIMEOUT = 1, ACTIVE_TIMEOUT = 2, END_OF_FLOW = 3, FORCED_END = 4,
            LACK_OF_RESOURCES = 5;

    public int protocol;
    /** 4 or 6. */
    public int family;
    public long clientHi, clientLo, serverHi, serverLo;
    public int clientPort, serverPort;
    public boolean clientLocal, serverLocal;
    /** Epoch nanoseconds of the interval's first and latest packet (either direction). */
    public long startNanos, endNanos;
    /** Packets and IP-layer bytes of the interval, client to server and back. */
    public long forwardPackets, forwardOctets, reversePackets, reverseOctets;
    /** TCP flags ORed over the interval, each direction (0 for other protocols). */
    public int forwardTcpFlags, reverseTcpFlags;
    /** ICMP type × 256 + code of the direction's first packet of the interval, or -1. */
    public int forwardIcmpTypeCode, reverseIcmpTypeCode;
    /** TCP retransmissions of the interval, each direction. */
    public long forwardRetransmissions, reverseRetransmissions;
    /** Handshake times (whole conversation), or -1: SYN to SYN-ACK, and SYN to the ACK of the SYN-ACK. */
    public long synToSynAckNanos, initialRttNanos;
    public TcpState state = TcpState.NONE;
    /** Why the record was made: {@link #IDLE_TIMEOUT} ... {@link #LACK_OF_RESOURCES}. */
    public int endReason;

    /** The client as an endpoint (allocates; for lookups and tests). */
    public FlowEndpoint client() {
        return new FlowEndpoint(family, clientHi, clientLo, clientPort);
    }

    /** The server as an endpoint (allocates; for lookups and tests). */
    public FlowEndpoint server() {
        return new FlowEndpoint(family, serverHi, serverLo, serverPort);
    }

    /** The IPFIX name of a flowEndReason value ("idleTimeout", ...). */
    public static String reasonName(int reason) {
        return switch (reason) {
            case IDLE_TIMEOUT -> "idleTimeout";
            case ACTIVE_TIMEOUT -> "activeTimeout";
            case END_OF_FLOW -> "endOfFlow";
            case FORCED_END -> "forcedEnd";
            case LACK_OF_RESOURCES -> "lackOfResources";
            default -> "unknown";
        };
    }
}
