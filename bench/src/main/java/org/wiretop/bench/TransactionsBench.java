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
    private HeldCapture held;
    private ConversationAnalyzer analyzer;
    private Transactions transactions;

    @Setup(Level.Trial)
    public void load() throws Exception {
        held = HeldCapture.load(PACKETS, "bench/out/app-mix-1000000.pcap", "bench/read-speed-app.sh 1000000 1");
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
            held.decode(decoder, i, s);
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
            held.decode(decoder, i, s);
            analyzer.analyze(s);
            transactions.analyze(s);
            sum += s.txnTimeNanos;
        }
        return sum + transactions.matched();
    }
}
