package org.wiretop.capture.filter;

import static org.wiretop.decode.PacketSummary.*;

import java.util.Map;
import org.wiretop.capture.filter.FieldDef.Kind;

/**
 * The conversation analysis's fields (design §5 and §8), with Wireshark's names: the stream
 * numbers, the relative sequence numbers, {@code tcp.analysis.flags} (any expert flag), each
 * flag alone (present when set, as Wireshark's), {@code tcp.analysis.duplicate_ack_num},
 * {@code tcp.analysis.ack_rtt} (a time: {@code tcp.analysis.ack_rtt > 0.1}), and the transactions'
 * {@code dns.time}, {@code dns.response_to}, {@code http.time}, {@code http.request_in}. Absent when no
 * analyzer ran, so a filter on them matches nothing there.
 */
final class ConversationFields {
    private static final long U32 = 0xffffffffL;

    private ConversationFields() {
    }

    static void add(Map<String, FieldDef> m) {
        Fields.num(m, "tcp.stream", U32, s -> s.tcpStream);
        Fields.num(m, "udp.stream", U32, s -> s.udpStream);
        Fields.num(m, "tcp.seq", U32, s -> s.tcpRelSeq);
        Fields.num(m, "tcp.ack", U32, s -> s.tcpRelAck);
        Fields.bool(m, "tcp.analysis.flags", s -> s.tcpAnalysis != 0 ? 1 : -1);
        flag(m, "retransmission", TA_RETRANSMISSION);
        flag(m, "fast_retransmission", TA_FAST_RETRANSMISSION);
        flag(m, "spurious_retransmission", TA_SPURIOUS_RETRANSMISSION);
        flag(m, "out_of_order", TA_OUT_OF_ORDER);
        flag(m, "lost_segment", TA_LOST_SEGMENT);
        flag(m, "ack_lost_segment", TA_ACK_LOST_SEGMENT);
        flag(m, "duplicate_ack", TA_DUPLICATE_ACK);
        flag(m, "zero_window", TA_ZERO_WINDOW);
        flag(m, "zero_window_probe", TA_ZERO_WINDOW_PROBE);
        flag(m, "zero_window_probe_ack", TA_ZERO_WINDOW_PROBE_ACK);
        flag(m, "window_full", TA_WINDOW_FULL);
        flag(m, "window_update", TA_WINDOW_UPDATE);
        flag(m, "keep_alive", TA_KEEP_ALIVE);
        flag(m, "keep_alive_ack", TA_KEEP_ALIVE_ACK);
        flag(m, "reused_ports", TA_REUSED_PORTS);
        Fields.num(m, "tcp.analysis.duplicate_ack_num", U32, s -> s.tcpDupAckNum > 0 ? s.tcpDupAckNum : -1);
        m.put("tcp.analysis.ack_rtt", FieldDef.longs("tcp.analysis.ack_rtt", Kind.TIME, Long.MAX_VALUE,
                s -> s.tcpAckRttNanos > 0 ? s.tcpAckRttNanos : -1));
        transaction(m, "dns", TXN_DNS, "dns.response_to");
        transaction(m, "http", TXN_HTTP, "http.request_in");
    }

    /** {@code dns.time} / {@code http.time} (a time: {@code dns.time > 0.1}) and the request's frame, on a matched response. */
    private static void transaction(Map<String, FieldDef> m, String protocol, int kind, String requestFrame) {
        m.put(protocol + ".time", FieldDef.longs(protocol + ".time", Kind.TIME, Long.MAX_VALUE,
                s -> s.txnKind == kind ? Math.max(0, s.txnTimeNanos) : -1));
        Fields.num(m, requestFrame, U32, s -> s.txnKind == kind ? s.txnRequestFrame : -1);
    }

    private static void flag(Map<String, FieldDef> m, String name, int bit) {
        Fields.bool(m, "tcp.analysis." + name, s -> (s.tcpAnalysis & bit) != 0 ? 1 : -1);
    }
}
