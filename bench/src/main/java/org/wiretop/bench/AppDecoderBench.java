package org.wiretop.bench;

import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The decoder with its application layer on the {@link AppMix} mix (20 % DNS, 10 % HTTP,
 * 10 % TLS handshakes, 60 % plain transport): packets per second (one op = one packet) and,
 * with {@code -prof gc}, bytes allocated per packet (target 0). Issue 11's bar: decode
 * ≥ 20 M packets/s per core, 0 B/packet.
 *
 * <pre>java -jar bench/target/benchmarks.jar AppDecoderBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AppDecoderBench {
    private static final int FRAMES = 4096;
    private final Decoder decoder = new Decoder();
    private final PacketSummary summary = new PacketSummary();
    private final LineBuilder line = new LineBuilder(2048);
    private final TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true);
    private byte[][] frames;

    @Setup
    public void setup() {
        AppMix mix = new AppMix(1);
        frames = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = mix.next();
        }
    }

    /** Decodes the mix, application layer included. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int decode() {
        int sum = 0;
        for (byte[] f : frames) {
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, summary);
            sum += summary.app == null ? 0 : 1;
        }
        return sum;
    }

    /** Decode and JSON, application keys included. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int decodeAndJson() {
        int sum = 0;
        for (byte[] f : frames) {
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, summary);
            line.setLength(0);
            JsonFormatter.append(summary, line);
            sum += line.length();
        }
        return sum;
    }

    /** Decode and tcpdump-style text, application text included. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int decodeAndText() {
        int sum = 0;
        for (byte[] f : frames) {
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, summary);
            line.setLength(0);
            text.format(summary, f, line);
            sum += line.length();
        }
        return sum;
    }
}
