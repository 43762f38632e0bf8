package org.wiretop.monitor.socket;

import java.util.List;

/**
 * Sockets as {@code netstat -tunap} lays them out: Proto ({@code tcp}, {@code tcp6}, …),
 * Recv-Q, Send-Q, Local Address, Foreign Address, State, then the tcp_info columns when asked
 * (RTT(ms), Cwnd, Retrans) and PID/Program name ({@code -} when unknown). Port 0 prints as
 * {@code *}. Address columns widen to the longest address so IPv6 never runs into the next.
 */
public final class SocketTextTable {
    private static final int MIN_ADDRESS_WIDTH = 23; // netstat's width

    private SocketTextTable() {
    }

    public static String render(List<SocketEntry> entries, boolean processes, boolean tcpInfo) {
        int width = MIN_ADDRESS_WIDTH;
        String[][] addresses = new String[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            SocketEntry e = entries.get(i);
            addresses[i] = new String[]{endpoint(e.localText(), e.localPort()), endpoint(e.remoteText(), e.remotePort())};
            width = Math.max(width, Math.max(addresses[i][0].length(), addresses[i][1].length()));
        }
        String rowFormat = "%-5s %6s %6s %-" + width + "s %-" + width + "s %-11s";
        StringBuilder out = new StringBuilder(128 * (entries.size() + 1));
        out.append(String.format(rowFormat, "Proto", "Recv-Q", "Send-Q", "Local Address", "Foreign Address", "State"));
        if (tcpInfo) {
            out.append(String.format(" %8s %6s %7s", "RTT(ms)", "Cwnd", "Retrans"));
        }
        if (processes) {
            out.append(" PID/Program name");
        }
        endLine(out);
        for (int i = 0; i < entries.size(); i++) {
            SocketEntry e = entries.get(i);
            String proto = e.proto().label() + (e.family() == 6 ? "6" : "");
            out.append(String.format(rowFormat, proto, e.recvQ(), e.sendQ(), addresses[i][0], addresses[i][1],
                    e.state().name()));
            if (tcpInfo) {
                TcpInfo t = e.tcpInfo();
                out.append(t == null ? String.format(" %8s %6s %7s", "-", "-", "-")
                        : String.format(" %8s %6d %7d", SocketJson.millis(t.rttMs()), t.cwnd(), t.retrans()));
            }
            if (processes) {
                SocketOwner o = e.owner();
                out.append(' ').append(o == null ? "-" : o.pid() + "/" + o.program());
            }
            endLine(out);
        }
        return out.toString();
    }

    /** Ends a line without the padding of its last column: trailing blanks help nobody. */
    private static void endLine(StringBuilder out) {
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static String endpoint(String address, int port) {
        return address + ':' + (port == 0 ? "*" : Integer.toString(port));
    }
}
