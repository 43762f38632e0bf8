package org.wiretop.monitor.export;

import org.wiretop.capture.format.Addresses;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowExportRecord;
import org.wiretop.monitor.socket.SocketOwner;

/**
 * One flow record as one JSON object (the {@code --flows-json} log, for Filebeat, Vector or Fluent
 * Bit into Elasticsearch, OpenSearch or Kafka). Keys are Elastic Common Schema names where ECS
 * has the field ({@code event.start}, {@code source.ip}, {@code network.transport}, ...), written
 * flat with dots as our packet JSON is (Elasticsearch reads dotted keys as objects), and
 * {@code wiretop.*} for the rest; docs/json.md lists them. The source is the side that opened the
 * conversation; bytes are IP-layer bytes, as in the IPFIX records.
 */
public final class FlowJson {
    private FlowJson() {
    }

    /** Appends the record's object (no newline) to {@code b}. */
    public static void append(FlowExportRecord r, FlowProcesses processes, LineBuilder b) {
        b.append("{\"event.start\":\"");
        isoMillis(b, Math.floorDiv(r.startNanos, 1_000_000L));
        b.append("\",\"event.end\":\"");
        isoMillis(b, Math.floorDiv(r.endNanos, 1_000_000L));
        b.append("\",\"event.duration\":").append(Math.max(0, r.endNanos - r.startNanos));
        b.append(",\"network.type\":\"").append(r.family == 6 ? "ipv6" : "ipv4").append('"');
        String transport = transport(r.protocol);
        if (transport != null) {
            b.append(",\"network.transport\":\"").append(transport).append('"');
        }
        b.append(",\"network.iana_number\":\"").append(r.protocol).append('"');
        boolean ports = r.protocol == 6 || r.protocol == 17 || r.protocol == 132;
        side(b, "source", r.family, r.clientHi, r.clientLo, ports ? r.clientPort : -1, r.forwardPackets, r.forwardOctets);
        side(b, "destination", r.family, r.serverHi, r.serverLo, ports ? r.serverPort : -1, r.reversePackets,
                r.reverseOctets);
        b.append(",\"network.packets\":").append(r.forwardPackets + r.reversePackets);
        b.append(",\"network.bytes\":").append(r.forwardOctets + r.reverseOctets);
        b.append(",\"wiretop.flow.end_reason\":\"").append(FlowExportRecord.reasonName(r.endReason)).append('"');
        if (r.protocol == 6) {
            b.append(",\"wiretop.flow.tcp_state\":\"").append(r.state.name()).append('"');
            if (r.initialRttNanos >= 0) {
                b.append(",\"wiretop.flow.initial_rtt\":");
                seconds(b, r.initialRttNanos);
            }
            b.append(",\"wiretop.source.tcp_flags\":").append(r.forwardTcpFlags);
            b.append(",\"wiretop.destination.tcp_flags\":").append(r.reverseTcpFlags);
            b.append(",\"wiretop.source.retransmissions\":").append(r.forwardRetransmissions);
            b.append(",\"wiretop.destination.retransmissions\":").append(r.reverseRetransmissions);
        }
        icmp(b, "source", r.forwardIcmpTypeCode);
        icmp(b, "destination", r.reverseIcmpTypeCode);
        if (processes != FlowProcesses.NONE) {
            FlowEndpoint client = r.client(), server = r.server();
            process(b, "source", processes.owner(r.protocol, client, server));
            process(b, "destination", processes.owner(r.protocol, server, client));
        }
        b.append('}');
    }

    private static void side(LineBuilder b, String name, int family, long hi, long lo, int port, long packets, long bytes) {
        b.append(",\"").append(name).append(".ip\":\"");
        if (family == 4) {
            Addresses.appendIpv4(b, (int) lo);
        } else {
            Addresses.appendIpv6(b, hi, lo);
        }
        b.append('"');
        if (port >= 0) {
            b.append(",\"").append(name).append(".port\":").append(port);
        }
        b.append(",\"").append(name).append(".packets\":").append(packets);
        b.append(",\"").append(name).append(".bytes\":").append(bytes);
    }

    private static void icmp(LineBuilder b, String side, int typeCode) {
        if (typeCode >= 0) {
            b.append(",\"wiretop.").append(side).append(".icmp_type\":").append(typeCode >> 8);
            b.append(",\"wiretop.").append(side).append(".icmp_code\":").append(typeCode & 0xff);
        }
    }

    private static void process(LineBuilder b, String side, SocketOwner owner) {
        if (owner == null) {
            return;
        }
        b.append(",\"wiretop.").append(side).append(".process\":{\"pid\":").append(owner.pid()).append(",\"name\":\"");
        String name = owner.program() == null ? "" : owner.program();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append("\\u00").appendHex2(c);
            } else {
                b.append(c);
            }
        }
        b.append("\"}");
    }

    /** ECS's network.transport: the IANA protocol keyword in lower case, for the common ones. */
    static String transport(int protocol) {
        return switch (protocol) {
            case 1 -> "icmp";
            case 6 -> "tcp";
            case 17 -> "udp";
            case 47 -> "gre";
            case 50 -> "esp";
            case 51 -> "ah";
            case 58 -> "ipv6-icmp";
            case 132 -> "sctp";
            default -> null;
        };
    }

    /** Seconds with nine decimals, as tshark prints tcp.analysis.initial_rtt. */
    private static void seconds(LineBuilder b, long nanos) {
        b.append(nanos / 1_000_000_000L).append('.').appendPadded((int) (nanos % 1_000_000_000L), 9);
    }

    /** {@code 2023-11-14T22:13:20.053Z}: UTC, milliseconds, without allocating. */
    static void isoMillis(LineBuilder b, long epochMillis) {
        long days = Math.floorDiv(epochMillis, 86_400_000L);
        long ms = Math.floorMod(epochMillis, 86_400_000L);
        // civil_from_days (H. Hinnant): the proleptic Gregorian date of a day count from 1970-01-01.
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        b.appendPadded((int) year, 4).append('-').appendPadded(month, 2).append('-').appendPadded(day, 2).append('T');
        b.appendPadded((int) (ms / 3_600_000), 2).append(':').appendPadded((int) (ms / 60_000 % 60), 2).append(':')
                .appendPadded((int) (ms / 1000 % 60), 2).append('.').appendPadded((int) (ms % 1000), 3).append('Z');
    }
}
