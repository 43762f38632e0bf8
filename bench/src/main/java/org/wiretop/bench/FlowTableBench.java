package org.wiretop.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowTable;
import org.wiretop.monitor.flow.FlowTableConfig;
import org.wiretop.monitor.flow.LocalAddresses;

/**
 * Flow-table ingest on the capture thread, one op = one decoder summary.
 *
 * <ul>
 *   <li>{@link #knownFlows}: {@code flows} established TCP conversations (IPv4, 10 % IPv6), each
 *       repeating client request (100 B) → two server segments (1,400 B) → client ACK, with
 *       sequence and ack numbers advancing as a real in-order stream does; flows interleaved in
 *       a shuffled order. As the decoder does, the fields are written into one reused
 *       {@link PacketSummary} before each ingest (that copy is part of the score). Allocation per packet must be 0
 *       ({@code gc.alloc.rate.norm} with {@code -prof gc}).</li>
 *   <li>{@link #synFloodAtCap}: every packet a new flow (SYNs from ever-changing ports) into a
 *       full table (cap 65,536): the eviction path; also allocation-free.</li>
 * </ul>
 *
 * <pre>java -jar bench/target/benchmarks.jar FlowTableBench -prof gc</pre>
 *
 * On a machine shared with other work, {@link #main} gives the same figure per CPU-second of the
 * measuring thread (time it was not scheduled does not count):
 * <pre>java -cp bench/target/benchmarks.jar org.wiretop.bench.FlowTableBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlowTableBench {
    private static final int BATCH = 4096;
    private static final long MASK32 = 0xFFFFFFFFL;

    /** Number of concurrent known flows (1,000 fits in cache; 50,000 does not). */
    @Param({"1000", "50000"})
    public int flows;

    // The packet mix as parallel arrays (what a decoder would write), one slot per packet.
    private int[] family, src4, dst4, sport, dport, flags, payload;
    private long[] src6lo, dst6lo, seq, ack, seqStep, ackStep;
    private int cursor;
    private long now = 1_700_000_000_000_000_000L;

    private final PacketSummary s = new PacketSummary();
    private FlowTable table;

    private FlowTable flood;
    private int floodCounter;

    @Setup(Level.Trial)
    public void setup() {
        table = new FlowTable(FlowTableConfig.defaults(), LocalAddresses.none());
        int n = flows * 4;
        family = new int[n];
        src4 = new int[n];
        dst4 = new int[n];
        sport = new int[n];
        dport = new int[n];
        flags = new int[n];
        payload = new int[n];
        src6lo = new long[n];
        dst6lo = new long[n];
        seq = new long[n];
        ack = new long[n];
        seqStep = new long[n];
        ackStep = new long[n];
        Random r = new Random(7);
        List<Integer> order = new ArrayList<>();
        for (int f = 0; f < flows; f++) {
            order.add(f);
        }
        Collections.shuffle(order, r);
        long[] cIsn = new long[flows], sIsn = new long[flows];
        for (int f = 0; f < flows; f++) {
            cIsn[f] = r.nextInt() & MASK32;
            sIsn[f] = r.nextInt() & MASK32;
        }
        int slot = 0;
        for (int step = 0; step < 4; step++) { // each step over all flows keeps every flow in order
            for (int f : order) {
                int client = 0x0A000000 | f, server = 0xC0A80001 + (f % 16);
                int cport = 20_000 + (f % 40_000), sp = 443;
                long cs = cIsn[f], ss = sIsn[f];
                boolean fromClient = step == 0 || step == 3;
                int len = step == 0 ? 100 : step == 3 ? 0 : 1400;
                long sq = switch (step) {
                    case 0 -> cs;
                    case 1 -> ss;
                    case 2 -> ss + 1400;
                    default -> cs + 100;
                };
                long ak = switch (step) {
                    case 0 -> ss;
                    case 1, 2 -> cs + 100;
                    default -> ss + 2800;
                };
                family[slot] = f % 10 == 0 ? 6 : 4;
                src4[slot] = fromClient ? client : server;
                dst4[slot] = fromClient ? server : client;
                src6lo[slot] = fromClient ? client : server;
                dst6lo[slot] = fromClient ? server : client;
                sport[slot] = fromClient ? cport : sp;
                dport[slot] = fromClient ? sp : cport;
                flags[slot] = len > 0 ? PacketSummary.ACK | PacketSummary.PSH : PacketSummary.ACK;
                payload[slot] = len;
                seq[slot] = sq & MASK32;
                ack[slot] = ak & MASK32;
                seqStep[slot] = fromClient ? 100 : 2800; // what this side sends per round
                ackStep[slot] = fromClient ? 2800 : 100;
                slot++;
            }
        }
        // Warm the table so every flow is known before measurement.
        for (int i = 0; i < n; i++) {
            ingestNext();
        }

        flood = new FlowTable(FlowTableConfig.defaults().withMaxFlows(65_536), LocalAddresses.none());
    }

    private void ingestNext() {
        int i = cursor;
        PacketSummary p = s;
        // The fields a decoder writes for a TCP packet (the decoder's own cost, clear() included,
        // is DecoderBench's business, not this benchmark's).
        p.epochNanos = now += 100;
        p.transportProtocol = 6;
        p.srcPort = sport[i];
        p.dstPort = dport[i];
        p.tcpFlags = flags[i];
        p.tcpSeq = seq[i];
        p.tcpAck = ack[i];
        p.tcpPayloadLength = payload[i];
        if (family[i] == 4) {
            p.layers = PacketSummary.ETH | PacketSummary.IP4 | PacketSummary.TCP;
            p.ip4Src = src4[i];
            p.ip4Dst = dst4[i];
            p.wireLength = 54 + payload[i];
        } else {
            p.layers = PacketSummary.ETH | PacketSummary.IP6 | PacketSummary.TCP;
            p.ip6SrcHi = 0x20010DB800000000L;
            p.ip6DstHi = 0x20010DB800000000L;
            p.ip6SrcLo = src6lo[i];
            p.ip6DstLo = dst6lo[i];
            p.wireLength = 74 + payload[i];
        }
        table.ingest(p);
        // Next round of this flow continues the stream in order.
        seq[i] = (seq[i] + seqStep[i]) & MASK32;
        ack[i] = (ack[i] + ackStep[i]) & MASK32;
        cursor = i + 1 == seq.length ? 0 : i + 1;
    }

    /** Summaries of known flows; score = summaries/s. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int knownFlows() {
        for (int k = 0; k < BATCH; k++) {
            ingestNext();
        }
        return table.size();
    }

    /** A SYN flood into a full table: each summary a new flow, each evicting one. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long synFloodAtCap() {
        PacketSummary p = s;
        for (int k = 0; k < BATCH; k++) {
            int c = floodCounter++;
            p.epochNanos = now += 100;
            p.layers = PacketSummary.ETH | PacketSummary.IP4 | PacketSummary.TCP;
            p.transportProtocol = 6;
            p.ip4Src = 0xAC100000 + (c >>> 10);
            p.ip4Dst = 0x0A000001;
            p.srcPort = 1024 + (c & 1023);
            p.dstPort = 80;
            p.tcpFlags = PacketSummary.SYN;
            p.tcpSeq = c & MASK32;
            p.tcpAck = 0;
            p.tcpPayloadLength = 0;
            p.wireLength = 74;
            flood.ingest(p);
        }
        return flood.evictedForSpace();
    }

    /** Summaries per CPU-second of this thread, for known flows and for the SYN flood. */
    public static void main(String[] args) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int n : new int[] {1000, 50_000}) {
            FlowTableBench b = new FlowTableBench();
            b.flows = n;
            b.setup();
            for (String kind : new String[] {"knownFlows", "synFloodAtCap"}) {
                boolean known = kind.equals("knownFlows");
                for (int round = 0; round < 8; round++) { // the first rounds are warm-up
                    int batches = 10_000;
                    long t0 = cpu.getCurrentThreadCpuTime();
                    for (int i = 0; i < batches; i++) {
                        if (known) {
                            b.knownFlows();
                        } else {
                            b.synFloodAtCap();
                        }
                    }
                    double seconds = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
                    if (round >= 3) {
                        System.out.printf(java.util.Locale.ROOT, "%s flows=%d: %.1f M summaries per CPU-second%n",
                                kind, n, batches * (double) BATCH / seconds / 1e6);
                    }
                }
            }
        }
    }
}
