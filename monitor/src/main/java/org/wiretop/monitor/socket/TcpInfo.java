package org.wiretop.monitor.socket;

/**
 * The kernel's view of one TCP connection (struct tcp_info), as {@code ss -i} shows it.
 *
 * @param rttMs         smoothed round-trip time in milliseconds
 * @param rttvarMs      round-trip time variance in milliseconds
 * @param cwnd          congestion window in segments
 * @param retrans       total retransmitted segments over the connection's life
 * @param bytesAcked    bytes the peer acknowledged, or -1 when the kernel does not report it
 * @param bytesReceived bytes received, or -1 when the kernel does not report it
 */
public record TcpInfo(double rttMs, double rttvarMs, long cwnd, long retrans, long bytesAcked, long bytesReceived) {
}
