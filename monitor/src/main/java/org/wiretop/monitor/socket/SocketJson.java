package org.wiretop.monitor.socket;

import java.math.BigDecimal;

/**
 * One socket as one JSON object (design §5, "Sockets JSON"): {@code proto family state recv_q
 * send_q local_addr local_port remote_addr remote_port inode uid}, then {@code pid program user}
 * when the owner is known, and {@code rtt_ms rttvar_ms cwnd retrans} (plus {@code bytes_acked
 * bytes_received} where the kernel gives them) when asked for and present.
 */
public final class SocketJson {
    private SocketJson() {
    }

    public static String toJson(SocketEntry e, boolean withTcpInfo) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"proto\":\"").append(e.proto().label()).append('"')
                .append(",\"family\":").append(e.family())
                .append(",\"state\":\"").append(e.state().name()).append('"')
                .append(",\"recv_q\":").append(e.recvQ())
                .append(",\"send_q\":").append(e.sendQ())
                .append(",\"local_addr\":\"").append(e.localText()).append('"')
                .append(",\"local_port\":").append(e.localPort())
                .append(",\"remote_addr\":\"").append(e.remoteText()).append('"')
                .append(",\"remote_port\":").append(e.remotePort())
                .append(",\"inode\":").append(e.inode())
                .append(",\"uid\":").append(Integer.toUnsignedLong(e.uid()));
        SocketOwner o = e.owner();
        if (o != null) {
            out.append(",\"pid\":").append(o.pid()).append(",\"program\":");
            string(out, o.program());
            out.append(",\"user\":");
            string(out, o.user());
        }
        TcpInfo t = e.tcpInfo();
        if (withTcpInfo && t != null) {
            out.append(",\"rtt_ms\":").append(millis(t.rttMs()))
                    .append(",\"rttvar_ms\":").append(millis(t.rttvarMs()))
                    .append(",\"cwnd\":").append(t.cwnd())
                    .append(",\"retrans\":").append(t.retrans());
            if (t.bytesAcked() >= 0) {
                out.append(",\"bytes_acked\":").append(t.bytesAcked());
            }
            if (t.bytesReceived() >= 0) {
                out.append(",\"bytes_received\":").append(t.bytesReceived());
            }
        }
        return out.append('}').toString();
    }

    /** Milliseconds with the kernel's microsecond precision and no exponent ({@code 0.058}). */
    static String millis(double ms) {
        return BigDecimal.valueOf(Math.round(ms * 1000), 3).stripTrailingZeros().toPlainString();
    }

    /** A JSON string; a program name is whatever the process set, so escape everything needed. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
