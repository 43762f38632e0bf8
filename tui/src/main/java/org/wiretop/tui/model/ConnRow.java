package org.wiretop.tui.model;

/**
 * One row of the Connections table (a flow, or a group of flows).
 *
 * @param proto        "tcp", "udp", ... or "" for a group
 * @param local        local end "addr:port" (the side that sent first when neither is local)
 * @param remote       remote end "addr:port"
 * @param process      owning "pid/program", or "" when unknown
 * @param state        flow state in words ("ESTABLISHED", "SYN_SENT", "CLOSED", "-" for UDP)
 * @param packetsOut   packets local → remote
 * @param packetsIn    packets remote → local
 * @param bytesOut     bytes local → remote
 * @param bytesIn      bytes remote → local
 * @param rateBps      current rate, bytes per second, both ways
 * @param rttMillis    handshake round-trip time sniffed, or -1
 * @param retransmits  retransmitted segments seen
 * @param kernelRttMillis the kernel's smoothed rtt (tcp_info) when the socket is local, or -1
 * @param kernelCwnd   the kernel's congestion window (segments), or -1
 */
public record ConnRow(String proto, String local, String remote, String process, String state,
                      long packetsOut, long packetsIn, long bytesOut, long bytesIn, double rateBps,
                      double rttMillis, long retransmits, double kernelRttMillis, long kernelCwnd) {
}
