package org.wiretop.monitor.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wiretop.monitor.flow.Segments.ACK;
import static org.wiretop.monitor.flow.Segments.FIN;
import static org.wiretop.monitor.flow.Segments.MS;
import static org.wiretop.monitor.flow.Segments.PSH;
import static org.wiretop.monitor.flow.Segments.SEC;
import static org.wiretop.monitor.flow.Segments.SYN;
import static org.wiretop.monitor.flow.Segments.ip4;
import static org.wiretop.monitor.flow.Segments.tcp4;
import static org.wiretop.monitor.flow.Segments.udp4;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.PacketSummary;

/**
 * When the exporter makes a record and what it holds: idle, finished, active, evicted, reused and
 * forced ends; differences since the last record (packets, IP bytes, TCP flags, retransmissions),
 * the interval's times, the opener as client, ICMP's first type each way.
 */
class FlowExporterTest {
    static final int CLIENT = ip4(10, 0, 0, 9), SERVER = ip4(10, 0, 0, 2);
    static final int CPORT = 50000, SPORT = 80;
    static final long T0 = 1_700_000_000L * SEC;

    /** Keeps a copy of each record (the exporter reuses its object). */
    static final class Kept implements FlowRecordSink {
        final List<FlowExportRecord> records = new ArrayList<>();
        int batches;

        @Override
        public void accept(FlowExportRecord r) {
            FlowExportRecord c = new FlowExportRecord();
            c.protocol = r.protocol;
            c.family = r.family;
            c.clientLo = r.clientLo;
            c.clientPort = r.clientPort;
            c.serverLo = r.serverLo;
            c.serverPort = r.serverPort;
            c.startNanos = r.startNanos;
            c.endNanos = r.endNanos;
            c.forwardPackets = r.forwardPackets;
            c.forwardOctets = r.forwardOctets;
            c.reversePackets = r.reversePackets;
            c.reverseOctets = r.reverseOctets;
            c.forwardTcpFlags = r.forwardTcpFlags;
            c.reverseTcpFlags = r.reverseTcpFlags;
            c.forwardIcmpTypeCode = r.forwardIcmpTypeCode;
            c.reverseIcmpTypeCode = r.reverseIcmpTypeCode;
            c.forwardRetransmissions = r.forwardRetransmissions;
            c.reverseRetransmissions = r.reverseRetransmissions;
            c.synToSynAckNanos = r.synToSynAckNanos;
            c.initialRttNanos = r.initialRttNanos;
            c.state = r.state;
            c.endReason = r.endReason;
            records.add(c);
        }

        @Override
        public void endOfBatch() {
            batches++;
        }

        @Override
        public void close() {
        }
    }

    final Kept kept = new Kept();
    FlowTable table = new FlowTable(FlowTableConfig.defaults(), LocalAddresses.none(), true);
    FlowExporter exporter = new FlowExporter(table, Duration.ofSeconds(60), Duration.ofSeconds(15), kept);

    /** A TCP/IPv4 segment whose IP header says 40 + payload bytes (the frame has 14 more). */
    static PacketSummary seg(long t, boolean fromClient, int flags, long seq, long ack, int len) {
        PacketSummary s = fromClient ? tcp4(t, CLIENT, CPORT, SERVER, SPORT, flags, seq, ack, len)
                : tcp4(t, SERVER, SPORT, CLIENT, CPORT, flags, seq, ack, len);
        s.ipTotalLength = 40 + len;
        return s;
    }

    void handshakeAndClose(long t) {
        table.ingest(seg(t, true, SYN, 1000, 0, 0));
        table.ingest(seg(t + MS, false, SYN | ACK, 5000, 1001, 0));
        table.ingest(seg(t + 2 * MS, true, ACK, 1001, 5001, 0));
        table.ingest(seg(t + 3 * MS, true, PSH | ACK, 1001, 5001, 100));
        table.ingest(seg(t + 4 * MS, false, FIN | ACK, 5001, 1101, 0));
        table.ingest(seg(t + 5 * MS, true, FIN | ACK, 1101, 5002, 0));
        table.ingest(seg(t + 6 * MS, false, ACK, 5002, 1102, 0));
    }

    @Test
    void anIdleFlowLeavesOnceAfterTheIdleTimeoutWithBothDirectionsAndIpBytes() {
        table.ingest(udp4(T0, CLIENT, 40000, SERVER, 53, 30));
        table.ingest(udp4(T0 + 5 * MS, SERVER, 53, CLIENT, 40000, 90));
        table.ingest(udp4(T0 + 2 * SEC, CLIENT, 40000, SERVER, 53, 30));
        exporter.tick(T0 + 2 * SEC);
        exporter.tick(T0 + 16 * SEC); // quiet 14 s: not yet
        assertEquals(0, kept.records.size());
        exporter.tick(T0 + 17 * SEC);
        assertEquals(1, kept.records.size());
        FlowExportRecord r = kept.records.get(0);
        assertEquals(FlowExportRecord.IDLE_TIMEOUT, r.endReason);
        assertEquals(17, r.protocol);
        assertEquals(CLIENT & 0xFFFFFFFFL, r.clientLo);
        assertEquals(40000, r.clientPort);
        assertEquals(2, r.forwardPackets);
        assertEquals(2 * (42 + 30), r.forwardOctets, "no IP length in the summary: the frame counts");
        assertEquals(1, r.reversePackets);
        assertEquals(T0, r.startNanos);
        assertEquals(T0 + 2 * SEC, r.endNanos);
        exporter.tick(T0 + 40 * SEC);
        exporter.finish();
        assertEquals(1, kept.records.size(), "nothing new since: no second record");
    }

    @Test
    void aClosedConnectionLeavesSoonAsEndOfFlowWithItsFlagsAndHandshake() {
        handshakeAndClose(T0);
        exporter.tick(T0 + SEC); // 1 s after the last ACK
        assertEquals(0, kept.records.size());
        exporter.tick(T0 + 2 * SEC + 7 * MS);
        assertEquals(1, kept.records.size());
        FlowExportRecord r = kept.records.get(0);
        assertEquals(FlowExportRecord.END_OF_FLOW, r.endReason);
        assertEquals(TcpState.CLOSED, r.state);
        assertEquals(SYN | ACK | PSH | FIN, r.forwardTcpFlags);
        assertEquals(SYN | ACK | FIN, r.reverseTcpFlags);
        assertEquals(4, r.forwardPackets);
        assertEquals(4 * 40 + 100, r.forwardOctets, "IP-layer bytes: the IP header's total length");
        assertEquals(3 * 40, r.reverseOctets);
        assertEquals(MS, r.synToSynAckNanos);
        assertEquals(2 * MS, r.initialRttNanos);
    }

    @Test
    void aLongFlowIsReportedEveryActiveTimeoutAndTheCountsAddUp() {
        long seq = 1001;
        table.ingest(seg(T0, true, SYN, 1000, 0, 0));
        for (int i = 1; i <= 130; i++) {
            table.ingest(seg(T0 + i * SEC, true, PSH | ACK, seq, 1, 10));
            seq += 10;
            exporter.tick(T0 + i * SEC);
        }
        exporter.finish();
        List<Integer> reasons = kept.records.stream().map(r -> r.endReason).toList();
        assertEquals(List.of(FlowExportRecord.ACTIVE_TIMEOUT, FlowExportRecord.ACTIVE_TIMEOUT, FlowExportRecord.FORCED_END),
                reasons);
        assertEquals(131, kept.records.stream().mapToLong(r -> r.forwardPackets).sum());
        assertEquals(T0, kept.records.get(0).startNanos);
        assertEquals(T0 + 60 * SEC, kept.records.get(0).endNanos);
        assertEquals(T0 + 61 * SEC, kept.records.get(1).startNanos, "the next interval starts at its first packet");
        assertEquals(SYN | PSH | ACK, kept.records.get(0).forwardTcpFlags);
        assertEquals(PSH | ACK, kept.records.get(1).forwardTcpFlags, "flags since the last record only");
    }

    @Test
    void retransmissionsAreCountedPerRecord() {
        table.ingest(seg(T0, true, SYN, 1000, 0, 0));
        table.ingest(seg(T0 + MS, false, SYN | ACK, 5000, 1001, 0));
        table.ingest(seg(T0 + 2 * MS, true, ACK, 1001, 5001, 0));
        table.ingest(seg(T0 + 3 * MS, true, PSH | ACK, 1001, 5001, 100));
        table.ingest(seg(T0 + SEC, true, PSH | ACK, 1001, 5001, 100)); // the same bytes again, 1 s later
        exporter.tick(T0 + 20 * SEC);
        table.ingest(seg(T0 + 21 * SEC, true, PSH | ACK, 1101, 5001, 100));
        exporter.finish();
        assertEquals(2, kept.records.size());
        assertEquals(1, kept.records.get(0).forwardRetransmissions);
        assertEquals(0, kept.records.get(1).forwardRetransmissions);
        assertEquals(T0 + 21 * SEC, kept.records.get(1).startNanos);
    }

    @Test
    void aReusedPortPairReportsTheOldConnectionFirst() {
        handshakeAndClose(T0);
        handshakeAndClose(T0 + 500 * MS); // before the finished flow's quiet time: a new SYN on CLOSED
        assertEquals(1, kept.records.size());
        assertEquals(FlowExportRecord.END_OF_FLOW, kept.records.get(0).endReason);
        assertEquals(T0, kept.records.get(0).startNanos);
        exporter.finish();
        assertEquals(2, kept.records.size());
        assertEquals(T0 + 500 * MS, kept.records.get(1).startNanos);
        assertEquals(4, kept.records.get(1).forwardPackets);
    }

    @Test
    void aFlowEvictedForSpaceLeavesAsLackOfResources() {
        table = new FlowTable(FlowTableConfig.defaults().withMaxFlows(2), LocalAddresses.none(), true);
        exporter = new FlowExporter(table, Duration.ofSeconds(60), Duration.ofSeconds(15), kept);
        for (int i = 0; i < 3; i++) {
            table.ingest(udp4(T0 + i * MS, CLIENT, 40000 + i, SERVER, 53, 30));
        }
        assertEquals(1, kept.records.size());
        assertEquals(FlowExportRecord.LACK_OF_RESOURCES, kept.records.get(0).endReason);
        assertEquals(40000, kept.records.get(0).clientPort, "the least recently seen went");
    }

    @Test
    void theTablesOwnIdleEvictionExportsFirst() {
        table = new FlowTable(FlowTableConfig.defaults().withIdleTimeout(Duration.ofSeconds(5), Duration.ofSeconds(5)),
                LocalAddresses.none(), true);
        exporter = new FlowExporter(table, Duration.ofSeconds(60), Duration.ofSeconds(15), kept);
        table.ingest(udp4(T0, CLIENT, 40000, SERVER, 53, 30));
        table.expire(T0 + 6 * SEC);
        assertEquals(1, kept.records.size());
        assertEquals(FlowExportRecord.IDLE_TIMEOUT, kept.records.get(0).endReason);
        assertEquals(0, table.size());
    }

    @Test
    void icmpCarriesTheFirstTypeOfEachDirection() {
        table.ingest(icmp4(T0, CLIENT, SERVER, 8));
        table.ingest(icmp4(T0 + MS, SERVER, CLIENT, 0));
        table.ingest(icmp4(T0 + 2 * MS, CLIENT, SERVER, 13));
        exporter.finish();
        FlowExportRecord r = kept.records.get(0);
        assertEquals(8 << 8, r.forwardIcmpTypeCode);
        assertEquals(0, r.reverseIcmpTypeCode);
        assertEquals(0, r.forwardTcpFlags);
        assertEquals(FlowExportRecord.FORCED_END, r.endReason);
    }

    @Test
    void aTableWithoutExportStateRefusesAnExporter() {
        FlowTable plain = new FlowTable(FlowTableConfig.defaults(), LocalAddresses.none());
        assertThrows(IllegalStateException.class,
                () -> new FlowExporter(plain, Duration.ofSeconds(60), Duration.ofSeconds(15), kept));
        assertTrue(kept.records.isEmpty());
    }

    static PacketSummary icmp4(long t, int src, int dst, int type) {
        PacketSummary s = new PacketSummary();
        s.epochNanos = t;
        s.layers = PacketSummary.ETH | PacketSummary.IP4;
        s.ip4Src = src;
        s.ip4Dst = dst;
        s.ipProto = 1;
        s.transportProtocol = 1;
        s.icmpType = type;
        s.icmpCode = 0;
        s.ipTotalLength = 84;
        s.wireLength = 98;
        return s;
    }
}
