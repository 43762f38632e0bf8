package org.wiretop.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TextOptions;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Decode and tcpdump-style text for {@link DecoderBench}'s mix, with tcpdump's text flags off and
 * on: what {@code read} does per packet, minus I/O. With {@code -prof gc}, bytes allocated per
 * packet ({@code gc.alloc.rate.norm}, target 0 with the flags too).
 *
 * <pre>java -jar bench/target/benchmarks.jar TextFormatBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TextFormatBench {
    /** tcpdump's flags: none, -v, -e, -X, and -e -vv -X. */
    @Param({"none", "v", "e", "X", "e-vv-X"})
    public String flags;

    private final Decoder decoder = new Decoder();
    private final PacketSummary summary = new PacketSummary();
    private final LineBuilder line = new LineBuilder(4096);
    private TextFormatter text;
    private byte[][] frames;

    @Setup
    public void setup() {
        DecoderBench mix = new DecoderBench();
        mix.setup();
        frames = mix.frames;
        TextOptions options = switch (flags) {
            case "v" -> TextOptions.of(1, false, 0, 0, 0, false);
            case "e" -> TextOptions.of(0, true, 0, 0, 0, false);
            case "X" -> TextOptions.of(0, false, 0, 0, 1, false);
            case "e-vv-X" -> TextOptions.of(2, true, 0, 0, 1, false);
            default -> TextOptions.DEFAULT;
        };
        text = new TextFormatter(TimestampStyle.localTime(false), true, options);
    }

    @Benchmark
    @OperationsPerInvocation(4096)
    public int decodeAndText() {
        int sum = 0;
        long nanos = 1_700_000_000_000_000_000L;
        for (byte[] f : frames) {
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, summary);
            summary.epochNanos = nanos += 1000;
            line.setLength(0);
            text.format(summary, f, line);
            sum += line.length();
        }
        return sum;
    }
}
