package org.wiretop.capture.format;

import static org.wiretop.decode.PacketSummary.*;

import org.wiretop.decode.PacketSummary;

/**
 * The conversation analysis as JSON members (design §5): {@code tcp.stream}, tshark's relative
 * {@code tcp.seq} / {@code tcp.ack}, each {@code tcp.analysis.*} expert flag as {@code 1} when set
 * (absent otherwise), {@code tcp.analysis.duplicate_ack_num} and {@code tcp.analysis.ack_rtt} in
 * seconds with 9 decimals, as tshark prints them. Present only when an analyzer ran.
 */
final class AnalysisJson {
    /** Flag bits and their Wireshark names, in tshark's order of fields. */
    private static final int[] BITS = {TA_RETRANSMISSION, TA_FAST_RETRANSMISSION, TA_SPURIOUS_RETRANSMISSION,
        TA_OUT_OF_ORDER, TA_LOST_SEGMENT, TA_ACK_LOST_SEGMENT, TA_DUPLICATE_ACK, TA_ZERO_WINDOW,
        TA_ZERO_WINDOW_PROBE, TA_ZERO_WINDOW_PROBE_ACK, TA_WINDOW_FULL, TA_WINDOW_UPDATE, TA_KEEP_ALIVE,
        TA_KEEP_ALIVE_ACK, TA_REUSED_PORTS};
    private static final String[] KEYS = {"retransmission", "fast_retransmission", "spurious_retransmission",
        "out_of_order", "lost_segment", "ack_lost_segment", "duplicate_ack", "zero_window",
        "zero_window_probe", "zero_window_probe_ack", "window_full", "window_update", "keep_alive",
        "keep_alive_ack", "reused_ports"};
    private static final String[] MEMBERS = members();

    private AnalysisJson() {
    }

    static void appendTcp(PacketSummary s, LineBuilder out) {
        if (s.tcpStream < 0) {
            return;
        }
        out.append(",\"tcp.stream\":").append(s.tcpStream);
        if (s.tcpRelSeq >= 0) {
            out.append(",\"tcp.seq\":").append(s.tcpRelSeq);
            out.append(",\"tcp.ack\":").append(s.tcpRelAck);
        }
        int flags = s.tcpAnalysis;
        if (flags != 0) {
            for (int i = 0; i < BITS.length; i++) {
                if ((flags & BITS[i]) != 0) {
                    out.append(MEMBERS[i]);
                }
            }
            if ((flags & TA_DUPLICATE_ACK) != 0) {
                out.append(",\"tcp.analysis.duplicate_ack_num\":").append(s.tcpDupAckNum);
            }
        }
        if (s.tcpAckRttNanos != 0) {
            appendSeconds(out.append(",\"tcp.analysis.ack_rtt\":"), s.tcpAckRttNanos);
        }
    }

    /** Seconds with 9 decimals ("0.000123000", "-0.500000000"), as tshark prints a relative time. */
    static LineBuilder appendSeconds(LineBuilder out, long nanos) {
        if (nanos < 0) {
            out.append('-');
            nanos = -nanos;
        }
        return out.append(nanos / 1_000_000_000L).append('.').appendPadded((int) (nanos % 1_000_000_000L), 9);
    }

    private static String[] members() {
        String[] m = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            m[i] = ",\"tcp.analysis." + KEYS[i] + "\":1";
        }
        return m;
    }
}
