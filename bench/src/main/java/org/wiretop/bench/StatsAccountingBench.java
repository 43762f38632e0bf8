package org.wiretop.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.stats.TrafficHistory;
import org.wiretop.stats.TrafficStats;

/**
 * What the UI's statistics add per packet on the thread that decodes (the flow feeder), next to
 * what that thread already does: one op = one packet of a mix of 4,096 frames (1,000 TCP
 * connections over IPv4, one frame in 8 a DNS query over UDP), 1,000 packets a second of packet
 * time. {@link #decode} is the decode alone; {@link #history} the per-second rings (graphs and
 * sparklines); {@link #tables} the {@code --stats} tables (hierarchy, endpoints, conversations);
 * {@link #decodeAndBoth} all three as the feeder runs them. Allocation must be 0 ({@code -prof gc}).
 *
 * <pre>java -jar bench/target/benchmarks.jar StatsAccountingBench -prof gc</pre>
 *
 * On a machine shared with other work, {@link #main} gives each op in nanoseconds of the measuring
 * thread's own CPU time (time it was not scheduled does not count):
 * <pre>java -cp bench/target/benchmarks.jar org.wiretop.bench.StatsAccountingBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatsAccountingBench {
    private static final int N = 4096;

    private final byte[][] frames = new byte[N][];
    private final long[] times = new long[N];
    private final PacketSummary[] decoded = new PacketSummary[N];
    private final Decoder decoder = new Decoder();
    private final PacketSummary s = new PacketSummary();
    private TrafficHistory history;
    private TrafficStats stats;
    private long epoch;

    @Setup(Level.Trial)
    public void setup() {
        history = new TrafficHistory();
        stats = new TrafficStats();
        long t0 = 1_700_000_000_000_000_000L;
        for (int i = 0; i < N; i++) {
            boolean dns = i % 8 == 7;
            frames[i] = dns ? dnsQuery(i) : tcpSegment(i % 1000, 100 + i % 1300);
            times[i] = t0 + i * 1_000_000L;
            decoded[i] = new PacketSummary();
            new Decoder().decode(Decoder.DLT_EN10MB, frames[i], frames[i].length, frames[i].length, decoded[i]);
            decoded[i].epochNanos = times[i];
        }
    }

    /** The packet times move on a window of N each round, as a capture's do. */
    private long shift() {
        epoch += (long) N * 1_000_000L;
        return epoch;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void decode() {
        for (int i = 0; i < N; i++) {
            decoder.decode(Decoder.DLT_EN10MB, frames[i], frames[i].length, frames[i].length, s);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void history() {
        long shift = shift();
        for (int i = 0; i < N; i++) {
            PacketSummary p = decoded[i];
            p.epochNanos = times[i] + shift;
            history.add(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void tables() {
        long shift = shift();
        for (int i = 0; i < N; i++) {
            PacketSummary p = decoded[i];
            p.epochNanos = times[i] + shift;
            stats.add(p);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void decodeAndBoth() {
        long shift = shift();
        for (int i = 0; i < N; i++) {
            decoder.decode(Decoder.DLT_EN10MB, frames[i], frames[i].length, frames[i].length, s);
            s.epochNanos = times[i] + shift;
            stats.add(s);
            history.add(s);
        }
    }

    public static void main(String[] args) {
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        StatsAccountingBench b = new StatsAccountingBench();
        b.setup();
        String[] kinds = {"decode", "history", "tables", "decodeAndBoth"};
        for (int round = 0; round < 8; round++) { // the first rounds are warm-up
            StringBuilder line = new StringBuilder();
            for (String kind : kinds) {
                int batches = 2000;
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < batches; i++) {
                    switch (kind) {
                        case "decode" -> b.decode();
                        case "history" -> b.history();
                        case "tables" -> b.tables();
                        default -> b.decodeAndBoth();
                    }
                }
                double ns = (cpu.getCurrentThreadCpuTime() - t0) / ((double) batches * N);
                line.append(String.format(java.util.Locale.ROOT, "%s %.1f ns  ", kind, ns));
            }
            if (round >= 3) {
                System.out.println(line.toString().strip() + "  (CPU time a packet)");
            }
        }
    }

    static byte[] tcpSegment(int flow, int payload) {
        byte[] f = new byte[14 + 20 + 20 + payload];
        ethernetIpv4(f, 6, 20 + 20 + payload, 0x0a000001, 0x0a000100 + flow % 200);
        int t = 34;
        put16(f, t, 40000 + flow);
        put16(f, t + 2, 5001);
        put32(f, t + 4, 1000 + flow);
        put32(f, t + 8, 1);
        f[t + 12] = 0x50;
        f[t + 13] = 0x18; // PSH ACK
        put16(f, t + 14, 65535);
        return f;
    }

    static byte[] dnsQuery(int id) {
        byte[] q = {0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1};
        put16(q, 0, id);
        byte[] f = new byte[14 + 20 + 8 + q.length];
        ethernetIpv4(f, 17, 20 + 8 + q.length, 0x0a000001, 0x0a000035);
        put16(f, 34, 30000 + id % 1000);
        put16(f, 36, 53);
        put16(f, 38, 8 + q.length);
        System.arraycopy(q, 0, f, 42, q.length);
        return f;
    }

    private static void ethernetIpv4(byte[] f, int proto, int ipLength, int src, int dst) {
        f[5] = 2;
        f[11] = 1;
        f[12] = 0x08;
        f[14] = 0x45;
        put16(f, 16, ipLength);
        f[22] = 64;
        f[23] = (byte) proto;
        put32(f, 26, src);
        put32(f, 30, dst);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }
}
