package org.wiretop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowExportRecord;
import org.wiretop.monitor.flow.FlowExporter;
import org.wiretop.monitor.flow.FlowRecordSink;
import org.wiretop.monitor.flow.FlowTable;
import org.wiretop.monitor.flow.FlowTableConfig;
import org.wiretop.monitor.flow.LocalAddresses;

/**
 * Steady-state CPU time of {@code read --ipfix}'s per-packet work without the JVM's start and
 * warm-up: a capture file held in memory is decoded (one pass), then decoded and fed to an
 * exportable {@link FlowTable} with a {@link FlowExporter} on packet time, as {@code read} does
 * (another pass, a fresh table each time); the difference is the flow table's and exporter's
 * share. Thread CPU clock, so a shared machine disturbs it little. Also prints how many records
 * were exported and a hash of all their fields: two builds must agree on both. Uses only API
 * that older builds have too, so two builds compare in one session:
 * <pre>java -Xmx3g -cp OLD.jar:bench/target/classes org.wiretop.bench.FlowExportCpu FILE [PASSES]</pre>
 */
public final class FlowExportCpu {
    private FlowExportCpu() {
    }

    public static void main(String[] args) throws Exception {
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 6;
        HeldCapture held = HeldCapture.read(args[0], Long.MAX_VALUE);
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        int n = held.size();
        double[] decode = new double[passes], flows = new double[passes];
        HashingSink sink = new HashingSink();
        long check = 0;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = clock.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                held.decode(decoder, i, s);
                check += s.srcPort;
            }
            long t1 = clock.getCurrentThreadCpuTime();
            FlowTable table = new FlowTable(FlowTableConfig.defaults(), LocalAddresses.none(), true);
            FlowExporter exporter = new FlowExporter(table, Duration.ofSeconds(60), Duration.ofSeconds(15), sink);
            sink.reset();
            long t2 = clock.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                held.decode(decoder, i, s);
                table.ingest(s);
                if (exporter.tick(held.time(i))) {
                    table.expire(held.time(i)); // as the CLI keeps the table to what may still be exported
                }
            }
            exporter.finish();
            long t3 = clock.getCurrentThreadCpuTime();
            decode[pass] = (t1 - t0) / (double) n;
            flows[pass] = ((t3 - t2) - (t1 - t0)) / (double) n;
            System.out.printf(Locale.ROOT, "pass %d: decode %.0f ns/packet, flow table + export %.0f ns/packet%n",
                    pass, decode[pass], flows[pass]);
        }
        Arrays.sort(decode);
        Arrays.sort(flows);
        System.out.printf(Locale.ROOT, "%d packets: decode best %.0f median %.0f ns; flow table + export best %.0f median %.0f ns "
                + "a packet; %d records, hash %016x (%d)%n", n, decode[0], decode[passes / 2], flows[0], flows[passes / 2],
                sink.records, sink.hash, check & 1);
    }

    /** Counts the records and hashes every field, in order. */
    private static final class HashingSink implements FlowRecordSink {
        long records, hash;

        void reset() {
            records = 0;
            hash = 0;
        }

        @Override
        public void accept(FlowExportRecord r) {
            long[] fields = {r.protocol, r.family, r.clientHi, r.clientLo, r.serverHi, r.serverLo, r.clientPort,
                r.serverPort, r.clientLocal ? 1 : 0, r.serverLocal ? 1 : 0, r.startNanos, r.endNanos, r.forwardPackets,
                r.forwardOctets, r.reversePackets, r.reverseOctets, r.forwardTcpFlags, r.reverseTcpFlags,
                r.forwardIcmpTypeCode, r.reverseIcmpTypeCode, r.forwardRetransmissions, r.reverseRetransmissions,
                r.synToSynAckNanos, r.initialRttNanos, r.state.ordinal(), r.endReason};
            for (long f : fields) {
                hash = hash * 31 + f;
            }
            records++;
        }

        @Override
        public void endOfBatch() {
        }

        @Override
        public void close() {
        }
    }
}
