package org.wiretop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.export.FlowProcesses;
import org.wiretop.monitor.export.IpfixExporter;
import org.wiretop.monitor.flow.FlowExporter;
import org.wiretop.monitor.flow.FlowTable;
import org.wiretop.monitor.flow.FlowTableConfig;
import org.wiretop.monitor.flow.LocalAddresses;

/**
 * Flow records exported per CPU-second of the capture thread: a table of {@code FLOWS} TCP
 * conversations (both directions, 10 % IPv6), all exported at once ({@link FlowExporter#finish})
 * as IPFIX per-direction records into UDP messages to a socket on 127.0.0.1 that nobody reads
 * (the kernel drops what overflows its buffer; the sending is measured, not the collector).
 * Each round refills the table, so every record is new. The first rounds are warm-up.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.wiretop.bench.IpfixExportBench [FLOWS=100000]</pre>
 */
public final class IpfixExportBench {
    private IpfixExportBench() {
    }

    public static void main(String[] args) throws Exception {
        int flows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        FlowTable table = new FlowTable(FlowTableConfig.defaults().withMaxFlows(flows), LocalAddresses.none(), true);
        PacketSummary s = new PacketSummary();
        try (DatagramSocket sink = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             IpfixExporter ipfix = IpfixExporter.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), sink.getLocalPort()),
                     IpfixExporter.Options.defaults(), FlowProcesses.NONE, 0)) {
            FlowExporter exporter = new FlowExporter(table, Duration.ofSeconds(60), Duration.ofSeconds(15), ipfix);
            long t = 1_700_000_000_000_000_000L;
            for (int round = 0; round < 8; round++) {
                for (int i = 0; i < flows; i++) {
                    t += 1000;
                    segment(s, t, i, true);
                    table.ingest(s);
                    segment(s, t + 500, i, false);
                    table.ingest(s);
                }
                long before = exporter.records(), sent = ipfix.dataRecords();
                long t0 = cpu.getCurrentThreadCpuTime();
                exporter.finish();
                double seconds = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
                if (round >= 3) {
                    System.out.printf(Locale.ROOT, "%d flows -> %d IPFIX records (messages of at most %d bytes): "
                                    + "%.2f M records per CPU-second, %.1f ms CPU per 1,000 flows%n",
                            exporter.records() - before, ipfix.dataRecords() - sent, ipfix.maxMessageBytes(),
                            (ipfix.dataRecords() - sent) / seconds / 1e6, seconds * 1000 / ((exporter.records() - before) / 1000.0));
                }
            }
        }
    }

    /** One TCP segment of conversation {@code i}: client 10.x.y.z:40000+ to 192.0.2.1:443, or back. */
    private static void segment(PacketSummary s, long t, int i, boolean fromClient) {
        s.clear();
        s.epochNanos = t;
        boolean v6 = i % 10 == 0;
        s.layers = PacketSummary.ETH | (v6 ? PacketSummary.IP6 : PacketSummary.IP4) | PacketSummary.TCP;
        int client = 0x0A000000 | i, server = 0xC0000201;
        int cport = 40000 + (i & 0x3fff), sport = 443;
        if (v6) {
            s.ip6SrcHi = 0x20010db800000000L;
            s.ip6DstHi = 0x20010db800000000L;
            s.ip6SrcLo = fromClient ? client : server;
            s.ip6DstLo = fromClient ? server : client;
            s.ip6PayloadLength = 20 + 100;
        } else {
            s.ip4Src = fromClient ? client : server;
            s.ip4Dst = fromClient ? server : client;
            s.ipTotalLength = 40 + 100;
        }
        s.transportProtocol = 6;
        s.srcPort = fromClient ? cport : sport;
        s.dstPort = fromClient ? sport : cport;
        s.tcpFlags = PacketSummary.ACK | PacketSummary.PSH;
        s.tcpSeq = 1000;
        s.tcpAck = 2000;
        s.tcpPayloadLength = 100;
        s.wireLength = (v6 ? 74 : 54) + 100;
    }
}
