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
import org.wiretop.conv.FollowSink;
import org.wiretop.conv.HeldBytes;
import org.wiretop.conv.TcpFollow;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Issue 12's "reassembly + expert analysis on the 1 M-packet mix": the first 1,000,000 packets of
 * a capture file (default {@code bench/out/read-speed-1000000.pcap}, made by
 * {@code bench/read-speed.sh}; another with {@code -jvmArgsAppend -Dwiretop.bench.pcap=FILE}),
 * held in memory, go through the decoder alone, then the decoder and the conversation analysis
 * (stream numbers, tshark's expert flags, ACK RTT, relative sequence numbers) with stream 1
 * reassembled as {@code wiretop follow} does. One operation is one packet; each pass starts
 * with a fresh analyzer, so its tables' growth is counted in {@code gc.alloc.rate.norm}.
 * {@link #steadyState} keeps one analyzer over all passes (the file again and again: its
 * segments come back as retransmissions), which shows the allocation once the tables are grown.
 * <pre>java -jar bench/target/benchmarks.jar ConversationBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class ConversationBench {
    private static final int PACKETS = 1_000_000;
    private final Decoder decoder = new Decoder();
    private final PacketSummary summary = new PacketSummary();
    private HeldCapture held;
    private ConversationAnalyzer analyzer;
    /** One analyzer for the whole trial: from the second pass on its tables no longer grow. */
    private final ConversationAnalyzer steady = new ConversationAnalyzer();
    private TcpFollow follow;
    private long followedBytes;

    @Setup(Level.Trial)
    public void load() throws Exception {
        held = HeldCapture.load(PACKETS, "bench/out/read-speed-1000000.pcap", "bench/read-speed.sh 1000000 1");
    }

    @Setup(Level.Invocation)
    public void freshAnalyzer() {
        analyzer = new ConversationAnalyzer();
        FollowSink sink = (server, data, offset, length, gap) -> followedBytes += length;
        follow = new TcpFollow(sink, 16 << 20, new HeldBytes(32 << 20));
    }

    /** The baseline: decoding alone. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decode() {
        long sum = 0;
        PacketSummary s = summary;
        for (int i = 0; i < PACKETS; i++) {
            held.decode(decoder, i, s);
            sum += s.dstPort;
        }
        return sum;
    }

    /** Decoding, the conversation analysis of every packet and the reassembly of stream 1. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long decodeAnalyseReassemble() {
        return pass(analyzer, follow) + followedBytes;
    }

    /** Decoding and the analysis with one analyzer for the whole trial: the steady state. */
    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long steadyState() {
        return pass(steady, null);
    }

    private long pass(ConversationAnalyzer conversations, TcpFollow reassembly) {
        long sum = 0;
        PacketSummary s = summary;
        for (int i = 0; i < PACKETS; i++) {
            held.decode(decoder, i, s);
            conversations.analyze(s);
            if (reassembly != null && s.tcpStream == 1 && TcpFollow.follows(s)) {
                reassembly.segment(s, held.frame(i));
            }
            sum += s.tcpAnalysis;
        }
        return sum;
    }
}
