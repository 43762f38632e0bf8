package org.wiretop.monitor.socket;

/**
 * A socket's state under netstat's names (design §5). {@link #UNCONN} is an unconnected UDP
 * socket, which the kernel reports as TCP_CLOSE.
 */
public enum SocketState {
    ESTABLISHED, SYN_SENT, SYN_RECV, FIN_WAIT1, FIN_WAIT2, TIME_WAIT, CLOSE, CLOSE_WAIT, LAST_ACK,
    LISTEN, CLOSING, UNCONN, UNKNOWN;

    /**
     * Maps the kernel's state number (include/net/tcp_states.h, shared by sock_diag and
     * /proc/net) to a name. UDP uses only ESTABLISHED (connected) and CLOSE (unconnected).
     */
    public static SocketState fromKernel(Proto proto, int state) {
        return switch (state) {
            case 1 -> ESTABLISHED;
            case 2 -> SYN_SENT;
            case 3, 12 -> SYN_RECV; // 12 = TCP_NEW_SYN_RECV, a request socket; ss and netstat say SYN_RECV
            case 4 -> FIN_WAIT1;
            case 5 -> FIN_WAIT2;
            case 6 -> TIME_WAIT;
            case 7 -> proto == Proto.UDP ? UNCONN : CLOSE;
            case 8 -> CLOSE_WAIT;
            case 9 -> LAST_ACK;
            case 10 -> LISTEN;
            case 11 -> CLOSING;
            default -> UNKNOWN;
        };
    }

    /** True for sockets that wait for peers: TCP LISTEN and unconnected (bound) UDP. */
    public boolean isListening() {
        return this == LISTEN || this == UNCONN;
    }
}
