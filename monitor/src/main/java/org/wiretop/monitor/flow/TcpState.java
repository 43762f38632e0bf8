package org.wiretop.monitor.flow;

/**
 * A conversation's TCP state as observed on the wire (not the kernel's state on either host:
 * a sniffer sees both ends' segments, so there is one state for the pair).
 */
public enum TcpState {
    /** Not TCP (UDP and other protocols have no connection state). */
    NONE,
    /** The client's SYN was seen, no SYN-ACK yet. */
    SYN_SENT,
    /** The server's SYN-ACK was seen, not yet the client's ACK of it. */
    SYN_RECEIVED,
    /** The handshake completed, or data was seen on a connection that began before the capture. */
    ESTABLISHED,
    /** One side sent a FIN. */
    FIN_WAIT,
    /** Both sides sent a FIN (orderly or simultaneous close). */
    CLOSED,
    /** A RST was seen (refused or aborted). */
    RESET;

    /** True once the conversation is over: such flows are evicted after the shorter timeout. */
    public boolean isFinished() {
        return this == CLOSED || this == RESET;
    }
}
