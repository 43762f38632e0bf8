package org.wiretop.capture.format;

import static org.wiretop.decode.PacketSummary.*;

import org.wiretop.decode.PacketSummary;

/**
 * The TCP expert flags as a short suffix after tcpdump's line, which stays intact before it:
 * {@code " [retransmission]"}, {@code " [dup ack #2]"}, {@code " [zero window]"}, one bracket a
 * flag, in tshark's words made lower case (its Info column's {@code [TCP Dup ACK 9#2]} is
 * {@code [dup ack #2]}). A fast or spurious retransmission is named as such, not twice.
 */
public final class AnalysisText {
    private AnalysisText() {
    }

    /** Appends the packet's flags, each as {@code " [words]"}; nothing when it has none. */
    public static void append(PacketSummary s, LineBuilder out) {
        int f = s.tcpAnalysis;
        if (f == 0) {
            return;
        }
        word(out, f, TA_REUSED_PORTS, "port numbers reused");
        if ((f & TA_FAST_RETRANSMISSION) != 0) {
            out.append(" [fast retransmission]");
        } else if ((f & TA_SPURIOUS_RETRANSMISSION) != 0) {
            out.append(" [spurious retransmission]");
        } else {
            word(out, f, TA_RETRANSMISSION, "retransmission");
        }
        word(out, f, TA_OUT_OF_ORDER, "out-of-order");
        word(out, f, TA_LOST_SEGMENT, "previous segment not captured");
        word(out, f, TA_ACK_LOST_SEGMENT, "acked unseen segment");
        word(out, f, TA_WINDOW_UPDATE, "window update");
        word(out, f, TA_WINDOW_FULL, "window full");
        word(out, f, TA_KEEP_ALIVE, "keep-alive");
        word(out, f, TA_KEEP_ALIVE_ACK, "keep-alive ack");
        if ((f & TA_DUPLICATE_ACK) != 0) {
            out.append(" [dup ack #").append(s.tcpDupAckNum).append(']');
        }
        word(out, f, TA_ZERO_WINDOW_PROBE, "zero window probe");
        word(out, f, TA_ZERO_WINDOW, "zero window");
        word(out, f, TA_ZERO_WINDOW_PROBE_ACK, "zero window probe ack");
    }

    private static void word(LineBuilder out, int flags, int bit, String text) {
        if ((flags & bit) != 0) {
            out.append(" [").append(text).append(']');
        }
    }
}
