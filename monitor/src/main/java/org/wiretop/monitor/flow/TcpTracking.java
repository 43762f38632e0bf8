package org.wiretop.monitor.flow;

import static org.wiretop.monitor.flow.FlowLayout.CLIENT_IS_A;
import static org.wiretop.monitor.flow.FlowLayout.HS_ACK_NS;
import static org.wiretop.monitor.flow.FlowLayout.INFO;
import static org.wiretop.monitor.flow.FlowLayout.NEXT_SEQ;
import static org.wiretop.monitor.flow.FlowLayout.NEXT_SEQ_NS;
import static org.wiretop.monitor.flow.FlowLayout.OOO;
import static org.wiretop.monitor.flow.FlowLayout.RETRANS;
import static org.wiretop.monitor.flow.FlowLayout.SERVER_ISN;
import static org.wiretop.monitor.flow.FlowLayout.STATE_MASK;
import static org.wiretop.monitor.flow.FlowLayout.SYNACK_NS;
import static org.wiretop.monitor.flow.FlowLayout.SYN_NS;

import org.wiretop.decode.PacketSummary;

/**
 * The TCP words of a {@link FlowTable} entry: the state as observed, the handshake's times and
 * the retransmission / out-of-order judgement its class comment describes. Works on the table's
 * own entry array ({@link FlowLayout}); capture thread only, like the table.
 *
 * <p><b>Retransmission / out-of-order</b> (a subset of Wireshark's {@code tcp.analysis} rules):
 * each direction remembers the highest sequence end it sent ({@code nextSeq}) and when.
 * A segment that occupies sequence space (payload, SYN or FIN) and starts below
 * {@code nextSeq} is <i>out of order</i> if it came less than the initial RTT (3 ms when
 * unknown) after {@code nextSeq} last advanced and does not end exactly at {@code nextSeq}
 * (it fills a hole rather than repeating the latest segment); otherwise it is a
 * <i>retransmission</i> (Wireshark's plain, fast and spurious kinds together). A segment
 * starting at {@code nextSeq − 1} is neither: a keep-alive (≤ 1 byte) or, longer, new data
 * after a zero-window probe (Wireshark's exceptions too). RST segments are not analysed.
 */
final class TcpTracking {
    private static final long SEQ_MASK = 0xFFFFFFFFL;
    /** INFO bits above FlowTable's own (0-5). */
    private static final long FIN_A = 1 << 6, FIN_B = 1 << 7;
    private static final long SYN_SEEN = 1 << 8, SYNACK_SEEN = 1 << 9, HANDSHAKE_DONE = 1 << 10;

    private static final int ST_NONE = TcpState.NONE.ordinal(), ST_SYN_SENT = TcpState.SYN_SENT.ordinal(),
            ST_SYN_RECEIVED = TcpState.SYN_RECEIVED.ordinal(), ST_ESTABLISHED = TcpState.ESTABLISHED.ordinal(),
            ST_FIN_WAIT = TcpState.FIN_WAIT.ordinal(), ST_CLOSED = TcpState.CLOSED.ordinal(),
            ST_RESET = TcpState.RESET.ordinal();

    /** Out-of-order window when the initial RTT is unknown (Wireshark's default). */
    private static final long DEFAULT_OOO_NANOS = 3_000_000L;

    /** @param b the entry's base, side its sequence block for this direction */
    void update(int b, int side, boolean fromA, int flags, long seq, long ack, int len, long t) {
        long info = d[b + INFO];
        int state = (int) (info & STATE_MASK);
        boolean fromClient = fromA == ((info & CLIENT_IS_A) != 0);
        boolean syn = (flags & PacketSummary.SYN) != 0;
        boolean ackFlag = (flags & PacketSummary.ACK) != 0;
        boolean fin = (flags & PacketSummary.FIN) != 0;

        if ((flags & PacketSummary.RST) != 0) {
            d[b + INFO] = (info & ~STATE_MASK) | ST_RESET;
            return;
        }
        if (seq >= 0) {
            analyseSequence(b, side, info, syn, fin, seq, len, t);
        }
        if (state == ST_RESET) {
            return;
        }
        if (syn && !ackFlag) {
            if (state == ST_NONE || state == ST_SYN_SENT) {
                state = ST_SYN_SENT;
                d[b + SYN_NS] = t; // the most recent SYN, as Wireshark's ts_mru_syn
                info |= SYN_SEEN;
            }
        } else if (syn) {
            if ((state == ST_NONE || state == ST_SYN_SENT) && !fromClient) {
                state = ST_SYN_RECEIVED;
                if ((info & SYNACK_SEEN) == 0) {
                    d[b + SYNACK_NS] = t;
                    info |= SYNACK_SEEN;
                }
                d[b + SERVER_ISN] = seq;
            }
        } else if (state == ST_SYN_RECEIVED && fromClient && ackFlag
                && ack == ((d[b + SERVER_ISN] + 1) & SEQ_MASK)) {
            state = ST_ESTABLISHED;
            d[b + HS_ACK_NS] = t;
            info |= HANDSHAKE_DONE;
        } else if (state == ST_NONE || (len > 0 && (state == ST_SYN_SENT || state == ST_SYN_RECEIVED))) {
            state = ST_ESTABLISHED; // joined mid-stream, or the handshake's end was not captured
        }
        if (fin) {
            info |= fromA ? FIN_A : FIN_B;
            state = (info & (FIN_A | FIN_B)) == (FIN_A | FIN_B) ? ST_CLOSED : ST_FIN_WAIT;
        }
        d[b + INFO] = (info & ~STATE_MASK) | state;
    }

    /** Wireshark-style retransmission / out-of-order judgement; see the class comment. */
    private void analyseSequence(int b, int side, long info, boolean syn, boolean fin, long seq, int len, long t) {
        long segLen = len + (syn ? 1 : 0) + (fin ? 1 : 0);
        long next = d[side + NEXT_SEQ];
        long end = (seq + segLen) & SEQ_MASK;
        if (next >= 0 && segLen > 0 && (int) (seq - next) < 0) {
            // At nextSeq - 1: a keep-alive (≤ 1 byte) or new data after a zero-window probe byte.
            boolean oneBelow = ((seq + 1) & SEQ_MASK) == next && !syn && !fin;
            if (!oneBelow) {
                long rtt = initialRtt(b, info);
                long window = rtt > 0 ? rtt : DEFAULT_OOO_NANOS;
                if (t - d[side + NEXT_SEQ_NS] < window && end != next) {
                    d[side + OOO]++;
                } else {
                    d[side + RETRANS]++;
                }
            }
        }
        if (next < 0 || (int) (end - next) > 0) {
            d[side + NEXT_SEQ] = end;
            d[side + NEXT_SEQ_NS] = t;
        }
    }

    long initialRtt(int b, long info) {
        return (info & (SYN_SEEN | HANDSHAKE_DONE)) == (SYN_SEEN | HANDSHAKE_DONE)
                ? d[b + HS_ACK_NS] - d[b + SYN_NS] : -1;
    }

    long clientRtt(int b, long info) {
        return (info & (SYN_SEEN | SYNACK_SEEN)) == (SYN_SEEN | SYNACK_SEEN)
                ? d[b + SYNACK_NS] - d[b + SYN_NS] : -1;
    }

    private final long[] d;

    TcpTracking(long[] d) {
        this.d = d;
    }
}
