package org.wiretop.monitor.flow;

/**
 * What one side of a conversation sent.
 *
 * @param packets          packets seen
 * @param bytes            bytes on the wire (frame lengths, as {@code tshark -z conv} counts)
 * @param payloadBytes     transport payload bytes (TCP segment / UDP datagram data), counting
 *                         retransmitted data again
 * @param retransmissions  TCP segments judged retransmissions (see {@link FlowTable})
 * @param outOfOrder       TCP segments judged out of order (see {@link FlowTable})
 * @param packetsPerSecond rate over the sliding window ending at the snapshot
 * @param bytesPerSecond   wire bytes per second over the same window
 */
public record FlowDirectionStats(long packets, long bytes, long payloadBytes, long retransmissions,
                                 long outOfOrder, double packetsPerSecond, double bytesPerSecond) {
}
