package org.wiretop.monitor.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowExportRecord;
import org.wiretop.monitor.flow.TcpState;
import org.wiretop.monitor.socket.SocketOwner;

/** The JSON flow record's text: its keys and values, and dates equal to java.time's at any instant. */
class FlowJsonTest {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void datesAreJavaTimesAtEveryMillisecondTried() {
        SplittableRandom r = new SplittableRandom(14);
        LineBuilder b = new LineBuilder();
        long[] edges = {0, 951_782_400_000L, 4_107_542_399_999L, 253_402_300_799_999L}; // 1970, 2000-02-29, 2100-02-28, 9999
        for (long ms : edges) {
            b.setLength(0);
            FlowJson.isoMillis(b, ms);
            assertEquals(ISO.format(Instant.ofEpochMilli(ms)), b.toString());
        }
        for (int i = 0; i < 100_000; i++) {
            long ms = r.nextLong(253_402_300_800_000L);
            b.setLength(0);
            FlowJson.isoMillis(b, ms);
            assertEquals(ISO.format(Instant.ofEpochMilli(ms)), b.toString(), "at " + ms);
        }
    }

    @Test
    void aTcpRecordWithProcesses() {
        FlowExportRecord tcp = IpfixTsharkTest.record(6, IpfixTsharkTest.CURL, IpfixTsharkTest.NGINX, 5, 600, 4, 3000);
        tcp.forwardTcpFlags = 0x1b;
        tcp.reverseTcpFlags = 0x13;
        tcp.forwardRetransmissions = 2;
        tcp.initialRttNanos = 50_400_000L;
        tcp.state = TcpState.CLOSED;
        tcp.endReason = FlowExportRecord.END_OF_FLOW;
        FlowProcesses owners = (p, local, remote) -> local.equals(IpfixTsharkTest.CURL)
                ? new SocketOwner(4242, "cu\"rl\\", "root") : null;
        LineBuilder b = new LineBuilder();
        FlowJson.append(tcp, owners, b);
        assertEquals("{\"event.start\":\"2023-11-14T22:13:20.001Z\",\"event.end\":\"2023-11-14T22:13:22.999Z\","
                + "\"event.duration\":2998765432,\"network.type\":\"ipv4\",\"network.transport\":\"tcp\","
                + "\"network.iana_number\":\"6\",\"source.ip\":\"10.0.0.9\",\"source.port\":50000,\"source.packets\":5,"
                + "\"source.bytes\":600,\"destination.ip\":\"192.0.2.80\",\"destination.port\":80,"
                + "\"destination.packets\":4,\"destination.bytes\":3000,\"network.packets\":9,\"network.bytes\":3600,"
                + "\"wiretop.flow.end_reason\":\"endOfFlow\",\"wiretop.flow.tcp_state\":\"CLOSED\","
                + "\"wiretop.flow.initial_rtt\":0.050400000,\"wiretop.source.tcp_flags\":27,"
                + "\"wiretop.destination.tcp_flags\":19,\"wiretop.source.retransmissions\":2,"
                + "\"wiretop.destination.retransmissions\":0,"
                + "\"wiretop.source.process\":{\"pid\":4242,\"name\":\"cu\\\"rl\\\\\"}}", b.toString());
    }

    @Test
    void anIcmpv6RecordHasTypesAndNoPorts() {
        FlowExportRecord ping = IpfixTsharkTest.record(58, new FlowEndpoint(6, 0x20010db800000000L, 1, 0),
                new FlowEndpoint(6, 0x20010db800000000L, 2, 0), 1, 104, 1, 104);
        ping.forwardIcmpTypeCode = 128 << 8;
        ping.reverseIcmpTypeCode = 129 << 8;
        ping.endReason = FlowExportRecord.IDLE_TIMEOUT;
        LineBuilder b = new LineBuilder();
        FlowJson.append(ping, FlowProcesses.NONE, b);
        String s = b.toString();
        assertEquals(true, s.contains("\"network.type\":\"ipv6\",\"network.transport\":\"ipv6-icmp\",\"network.iana_number\":\"58\","
                + "\"source.ip\":\"2001:db8::1\",\"source.packets\":1"), s);
        assertEquals(true, s.endsWith("\"wiretop.flow.end_reason\":\"idleTimeout\",\"wiretop.source.icmp_type\":128,"
                + "\"wiretop.source.icmp_code\":0,\"wiretop.destination.icmp_type\":129,\"wiretop.destination.icmp_code\":0}"), s);
    }
}
