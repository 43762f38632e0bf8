package org.wiretop.bench;

import java.util.Arrays;
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
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.txn.Transactions;

/**
 * What matching DNS and HTTP transactions ({@code dns.time}, {@code http.time}) adds to the
 * conversation analysis: the first 1,000,000 packets of the AppMix file (default
 * {@code bench/out/app-mix-1000000.pcap}, made by {@code bench/read-speed-app.sh}: 20 % DNS, 10 %
 * HTTP; another with {@code -jvmArgsAppend -Dwiretop.bench.pcap=FILE}), held in memory, through
 * the decoder and the analysis, then the same and the transactions. One operation is one packet;
 * each pass starts with fresh tables, so their allocation (once) is in {@code gc.alloc.rate.norm}.
 * <pre>java -jar bench/target/benchmarks.jar TransactionsBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class TransactionsBench {
    private static final int PACKETS = 1_000_000;
    private final Decoder decoder = new Decoder();
    private final PacketSummary summary = new PacketSummary();
    private byte[][] frames;
    private long[] times;
    private int[] wire;
    private int linkType;
    private ConversationAnalyzer analyzer;
    private Transactions transactions;

    @Setup(Level.Trial)
    public void load() throws Exception {
        String file = System.getProperty("wiretop.bench.pcap", "bench/out/app-mix-1000000.pcap");
        frames = new byte[PACKETS][];
        times = new long[PACKETS];
        wire = new int[PACKETS];
        int[] n = {0};
        try (PacketSource source = Sources.openFile(file)) {
            linkType = source.linkType();
            source.run((nanos, wireLength, data, captured) -> {
                frames[n[0]] = Arrays.copyOf(data, captured);
                times[n[0]] = nanos;
                wire[n[0]++] = wireLength;
            }, PACKETS);
        }
        if (n[0] < PACKETS) {
            throw new IllegalStateException(file + " holds " + n[0] + " packets, not " + PACKETS
                    + ": make it with bench/read-speed-app.sh 1000000 1");
        }
    }

    @Setup(Level.Invocation)
    public void fresh() {
        analyzer = new ConversationAnalyzer();
        transactions = new Transactions(null);
    }

    /** The baseline: decoding and the conversation analysis. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decodeAnalyse() {
        long sum = 0;
        PacketSummary s = summary;
        for (int i = 0; i < PACKETS; i++) {
            s.frameNumber = i + 1;
            s.epochNanos = times[i];
            decoder.decode(linkType, frames[i], frames[i].length, wire[i], s);
            analyzer.analyze(s);
            sum += s.tcpAnalysis;
        }
        return sum;
    }

    /** The same, then the transactions. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decodeAnalyseTransactions() {
        long sum = 0;
        PacketSummary s = summary;
        for (int i = 0; i < PACKETS; i++) {
            s.frameNumber = i + 1;
            s.epochNanos = times[i];
            decoder.decode(linkType, frames[i], frames[i].length, wire[i], s);
            analyzer.analyze(s);
            transactions.analyze(s);
            sum += s.txnTimeNanos;
        }
        return sum + transactions.matched();
    }
}
