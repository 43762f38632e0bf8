package org.wiretop.monitor.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowExportRecord;
import org.wiretop.monitor.flow.TcpState;
import org.wiretop.monitor.socket.SocketOwner;

/**
 * The encoder's messages as real collectors' tools read them (wrapped as UDP to port 4739 by
 * text2pcap): tshark's cflow dissector decodes every element, the nProbe extensions and the
 * RFC 5103 reverse elements included, with the values given; sequence numbers count the data
 * records before each message; no message exceeds its size; templates lead the first message and
 * come again when the refresh is due; pmacct's {@code nfacctd -I} prints the records as JSON.
 */
class IpfixTsharkTest {
    static final long T0 = 1_700_000_000_000L * 1_000_000L; // 2023-11-14T22:13:20Z
    static final FlowEndpoint CURL = new FlowEndpoint(4, 0, 0x0A000009L, 50000);
    static final FlowEndpoint NGINX = new FlowEndpoint(4, 0, 0xC0000250L, 80);
    static final FlowProcesses OWNERS = (protocol, local, remote) -> protocol != 6 ? null
            : local.equals(CURL) ? new SocketOwner(4242, "curl", "root")
            : local.equals(NGINX) ? new SocketOwner(77, "nginx: worker", "www-data") : null;
    private static final DateTimeFormatter TSHARK_TIME =
            DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss.SSSSSSSSS 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static List<FlowExportRecord> records() {
        List<FlowExportRecord> list = new ArrayList<>();
        FlowExportRecord tcp = record(6, CURL, NGINX, 5, 600, 4, 3000);
        tcp.forwardTcpFlags = 0x1b;
        tcp.reverseTcpFlags = 0x13;
        tcp.forwardRetransmissions = 2;
        tcp.reverseRetransmissions = 1;
        tcp.synToSynAckNanos = 30_000_000L;
        tcp.initialRttNanos = 50_400_000L;
        tcp.state = TcpState.CLOSED;
        tcp.endReason = FlowExportRecord.END_OF_FLOW;
        list.add(tcp);
        FlowExportRecord v6 = record(17, new FlowEndpoint(6, 0x20010db800000000L, 1, 5353),
                new FlowEndpoint(6, 0x20010db800000000L, 2, 53), 1, 100, 1, 200);
        v6.endReason = FlowExportRecord.IDLE_TIMEOUT;
        list.add(v6);
        FlowExportRecord ping = record(1, new FlowEndpoint(4, 0, 0x0A000001L, 0), new FlowEndpoint(4, 0, 0x0A000002L, 0),
                3, 252, 3, 252);
        ping.forwardIcmpTypeCode = 8 << 8;
        ping.reverseIcmpTypeCode = 0;
        ping.endReason = FlowExportRecord.FORCED_END;
        list.add(ping);
        FlowExportRecord echo6 = record(58, new FlowEndpoint(6, 0x20010db800000000L, 1, 0),
                new FlowEndpoint(6, 0x20010db800000000L, 2, 0), 2, 208, 0, 0);
        echo6.forwardIcmpTypeCode = 128 << 8;
        echo6.endReason = FlowExportRecord.ACTIVE_TIMEOUT;
        list.add(echo6);
        for (int i = 0; i < 40; i++) { // enough to need several 1024-byte messages
            FlowExportRecord udp = record(17, new FlowEndpoint(4, 0, 0x0A000009L, 40000 + i), new FlowEndpoint(4, 0, 0x0A000002L, 53),
                    1, 60 + i, 1, 120 + i);
            udp.endReason = FlowExportRecord.IDLE_TIMEOUT;
            list.add(udp);
        }
        return list;
    }

    static FlowExportRecord record(int proto, FlowEndpoint client, FlowEndpoint server, long fp, long fo, long rp, long ro) {
        FlowExportRecord r = new FlowExportRecord();
        r.protocol = proto;
        r.family = client.family();
        r.clientHi = client.hi();
        r.clientLo = client.lo();
        r.clientPort = client.port();
        r.serverHi = server.hi();
        r.serverLo = server.lo();
        r.serverPort = server.port();
        r.startNanos = T0 + 1_234_567L; // ms 1, the rest dropped
        r.endNanos = T0 + 2_999_999_999L;
        r.forwardPackets = fp;
        r.forwardOctets = fo;
        r.reversePackets = rp;
        r.reverseOctets = ro;
        r.forwardIcmpTypeCode = -1;
        r.reverseIcmpTypeCode = -1;
        r.synToSynAckNanos = -1;
        r.initialRttNanos = -1;
        return r;
    }

    static List<Pdml.Message> decode(Messages m, Path dir) throws Exception {
        Path pcap = dir.resolve("ipfix.pcap");
        m.writePcap(pcap);
        return Pdml.parse(Messages.run(List.of("tshark", "-r", pcap.toString(), "-T", "pdml")));
    }

    @Test
    void tsharkDecodesEveryElementOfPerDirectionRecordsWithExtensions(@TempDir Path dir) throws Exception {
        assumeTrue(Messages.onPath("tshark", "text2pcap"), "tshark/text2pcap not installed");
        Messages m = new Messages();
        IpfixEncoder e = new IpfixEncoder(1024, 7, false, true, Long.MAX_VALUE, OWNERS, m);
        records().forEach(e::accept);
        e.endOfBatch();
        List<Pdml.Message> msgs = decode(m, dir);
        assertTrue(msgs.size() > 3, "several messages: " + msgs.size());

        long before = 0;
        List<Map<String, List<String>>> flows = new ArrayList<>();
        for (int i = 0; i < msgs.size(); i++) {
            Pdml.Message msg = msgs.get(i);
            assertEquals("10", msg.first("cflow.version"));
            assertEquals("7", msg.first("cflow.od_id"));
            assertEquals(Long.toString(before), msg.first("cflow.sequence"), "message " + i + " counts the records before it");
            assertTrue(Integer.parseInt(msg.first("cflow.len")) <= 1024, "message " + i + " within its size");
            if (i == 0) {
                assertEquals(List.of("256", "257"), msg.header().get("cflow.template_id"), "templates lead the first message");
            } else {
                assertNull(msg.header().get("cflow.template_id"), "no refresh due: no templates in message " + i);
            }
            before += msg.flows().size();
            flows.addAll(msg.flows());
        }
        assertEquals(4 + 3 + 2 * 40, flows.size(), "one record per direction that carried packets");
        assertEquals(before, e.dataRecords());

        Map<String, List<String>> out = flows.get(0), back = flows.get(1);
        assertFlow(out, "cflow.srcaddr", "10.0.0.9", "cflow.dstaddr", "192.0.2.80", "cflow.srcport", "50000",
                "cflow.dstport", "80", "cflow.protocol", "6", "cflow.ip_version", "4", "cflow.octets", "600",
                "cflow.packets", "5", "cflow.tcpflags", "0x1b", "cflow.flow_end_reason", "3",
                "cflow.abstimestart", time(T0 + 1_000_000L), "cflow.abstimeend", time(T0 + 2_999_000_000L),
                "cflow.pie.ntop.client_nw_latency_ms", "10", "cflow.pie.server_nw_latency_ms", "15",
                "cflow.pie.ntop.retransmitted_in_pkts", "2", "cflow.pie.ntop.src_proc_id", "4242",
                "cflow.pie.ntop.src_proc_name", "curl", "cflow.pie.ntop.dst_proc_pid", "77",
                "cflow.pie.ntop.dst_proc_name", "nginx: worker");
        assertFlow(back, "cflow.srcaddr", "192.0.2.80", "cflow.dstaddr", "10.0.0.9", "cflow.srcport", "80",
                "cflow.dstport", "50000", "cflow.octets", "3000", "cflow.packets", "4", "cflow.tcpflags", "0x13",
                "cflow.pie.ntop.retransmitted_in_pkts", "1", "cflow.pie.ntop.src_proc_id", "77",
                "cflow.pie.ntop.src_proc_name", "nginx: worker", "cflow.pie.ntop.dst_proc_name", "curl");
        assertFlow(flows.get(2), "cflow.srcaddrv6", "2001:db8::1", "cflow.dstaddrv6", "2001:db8::2", "cflow.srcport",
                "5353", "cflow.ip_version", "6", "cflow.protocol", "17", "cflow.octets", "100", "cflow.flow_end_reason", "1",
                "cflow.pie.ntop.src_proc_id", "0");
        assertFlow(flows.get(4), "cflow.protocol", "1", "cflow.icmp_type_code_ipv4", "0x0800", "cflow.dstport", "2048",
                "cflow.flow_end_reason", "4");
        assertFlow(flows.get(5), "cflow.protocol", "1", "cflow.icmp_type_code_ipv4", "0x0000", "cflow.srcaddr", "10.0.0.2");
        assertFlow(flows.get(6), "cflow.protocol", "58", "cflow.icmp_ipv6_type", "128", "cflow.icmp_ipv6_code", "0",
                "cflow.flow_end_reason", "2", "cflow.packets", "2");
        assertFlow(flows.get(7), "cflow.protocol", "17", "cflow.srcport", "40000", "cflow.octets", "60");
    }

    @Test
    void biflowsCarryTheReverseElementsUnderPen29305(@TempDir Path dir) throws Exception {
        assumeTrue(Messages.onPath("tshark", "text2pcap"), "tshark/text2pcap not installed");
        Messages m = new Messages();
        IpfixEncoder e = new IpfixEncoder(1400, 1, true, true, 0, OWNERS, m);
        records().forEach(e::accept);
        e.endOfBatch();
        List<Pdml.Message> msgs = decode(m, dir);
        List<Map<String, List<String>>> flows = new ArrayList<>();
        for (Pdml.Message msg : msgs) {
            assertNotNull(msg.header().get("cflow.template_id"), "refresh 0: templates in every message");
            flows.addAll(msg.flows());
        }
        assertEquals(records().size(), flows.size(), "one record per conversation");
        Map<String, List<String>> tcp = flows.get(0);
        assertEquals(List.of("600", "3000"), tcp.get("cflow.octets"), "forward, then reverse octets");
        assertEquals(List.of("5", "4"), tcp.get("cflow.packets"));
        assertEquals(List.of("0x1b", "0x13"), tcp.get("cflow.tcpflags"));
        assertFlow(tcp, "cflow.biflow_direction", "1", "cflow.pie.ntop.retransmitted_in_pkts", "2",
                "cflow.pie.ntop.retransmitted_out_pkts", "1", "cflow.srcaddr", "10.0.0.9");
        assertEquals(List.of("0x0800", "0x0000"), flows.get(2).get("cflow.icmp_type_code_ipv4"));
        assertEquals(List.of("208", "0"), flows.get(3).get("cflow.octets"), "a one-way biflow has zero reverse counts");
    }

    @Test
    void nfacctdPrintsTheRecordsAsJson(@TempDir Path dir) throws Exception {
        assumeTrue(Messages.onPath("nfacctd", "text2pcap"), "pmacct's nfacctd or text2pcap not installed");
        Messages m = new Messages();
        IpfixEncoder e = new IpfixEncoder(1472, 1, false, true, Long.MAX_VALUE, OWNERS, m);
        records().forEach(e::accept);
        e.endOfBatch();
        Path pcap = dir.resolve("ipfix.pcap");
        m.writePcap(pcap);
        String json = Messages.run(List.of(nfacctd(), "-I", pcap.toString(), "-P", "print", "-O", "json", "-r", "1",
                "-c", "src_host,dst_host,src_port,dst_port,proto,tcpflags,timestamp_start,timestamp_end"));
        List<String> lines = json.lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(4 + 3 + 2 * 40, lines.size(), json);
        String tcpOut = lines.stream().filter(l -> l.contains("\"ip_src\": \"10.0.0.9\"") && l.contains("\"port_src\": 50000"))
                .findFirst().orElseThrow();
        assertEquals("192.0.2.80", value(tcpOut, "ip_dst"));
        assertEquals("80", value(tcpOut, "port_dst"));
        assertEquals("tcp", value(tcpOut, "ip_proto"));
        assertEquals("27", value(tcpOut, "tcp_flags"));
        assertEquals("5", value(tcpOut, "packets"));
        assertEquals("600", value(tcpOut, "bytes"));
        assertEquals("2023-11-14 22:13:20.001000", value(tcpOut, "timestamp_start"));
        assertEquals("2023-11-14 22:13:22.999000", value(tcpOut, "timestamp_end"));
        String v6 = lines.stream().filter(l -> l.contains("\"ip_src\": \"2001:db8::1\"") && l.contains("udp")).findFirst()
                .orElseThrow();
        assertEquals("100", value(v6, "bytes"));
    }

    private static String nfacctd() {
        return Path.of("/usr/sbin/nfacctd").toFile().canExecute() ? "/usr/sbin/nfacctd" : "nfacctd";
    }

    private static String value(String jsonLine, String key) {
        Matcher mt = Pattern.compile("\"" + key + "\": \"?([^\",}]*)\"?").matcher(jsonLine);
        return mt.find() ? mt.group(1) : null;
    }

    static String time(long nanos) {
        return TSHARK_TIME.format(Instant.ofEpochSecond(0, nanos));
    }

    static void assertFlow(Map<String, List<String>> flow, String... fieldsAndValues) {
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            List<String> v = flow.get(fieldsAndValues[i]);
            assertNotNull(v, fieldsAndValues[i] + " missing from " + flow.keySet());
            assertEquals(fieldsAndValues[i + 1], v.get(0), fieldsAndValues[i] + " in " + flow);
        }
    }
}
