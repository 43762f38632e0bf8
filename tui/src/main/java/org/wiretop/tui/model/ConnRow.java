package org.wiretop.tui.model;

/**
 * One row of the Connections table: one local socket's view of a flow (a flow between two
 * sockets of this host, on loopback, has a row for each, as {@code ss} lists both), or a group
 * of rows ({@code proto} "*": for a process, {@code local} is its number of connections).
 *
 * @param proto        "tcp", "udp", ... or "*" for a group
 * @param local        local end "addr:port" (the side that sent first when neither is local)
 * @param remote       remote end "addr:port"
 * @param process      owning "pid/program" ("uid 1000" when only the socket's user is known), or "" when unknown
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
 * @param rateOutBps   the part of {@code rateBps} going out (local → remote)
 * @param expert       packets with a TCP problem flag (tshark's expert analysis) among those the ring analysed
 */
public record ConnRow(String proto, String local, String remote, String process, String state,
                      long packetsOut, long packetsIn, long bytesOut, long bytesIn, double rateBps,
                      double rttMillis, long retransmits, double kernelRttMillis, long kernelCwnd, double rateOutBps,
                      long expert) {

    /** A row with no expert count (yet). */
    public ConnRow(String proto, String local, String remote, String process, String state,
                   long packetsOut, long packetsIn, long bytesOut, long bytesIn, double rateBps,
                   double rttMillis, long retransmits, double kernelRttMillis, long kernelCwnd, double rateOutBps) {
        this(proto, local, remote, process, state, packetsOut, packetsIn, bytesOut, bytesIn, rateBps, rttMillis,
                retransmits, kernelRttMillis, kernelCwnd, rateOutBps, 0);
    }

    /** This row with {@code n} problem packets. */
    public ConnRow withExpert(long n) {
        return n == expert ? this : new ConnRow(proto, local, remote, process, state, packetsOut, packetsIn, bytesOut,
                bytesIn, rateBps, rttMillis, retransmits, kernelRttMillis, kernelCwnd, rateOutBps, n);
    }

    /** The part of {@code rateBps} coming in (remote → local). */
    public double rateInBps() {
        return Math.max(0, rateBps - rateOutBps);
    }
}
