package org.wiretop.bench;

import org.wiretop.capture.format.LineBuilder;
import java.util.Random;
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
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * The decoder on a realistic mix of Ethernet frames generated in {@link #setup}: 60 % IPv4/TCP
 * (half with options, as SYNs and timestamped segments carry), 25 % IPv4/UDP, 5 % ICMP echo,
 * 10 % IPv6 (TCP and UDP). Reports packets per second (one op = one packet) and, with
 * {@code -prof gc}, bytes allocated per packet ({@code gc.alloc.rate.norm}, target 0).
 *
 * <pre>java -jar bench/target/benchmarks.jar DecoderBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBench {
    private static final int FRAMES = 4096; // a power of two; the mix is shuffled
    private final Decoder decoder = new Decoder();
    private final PacketSummary summary = new PacketSummary();
    private final LineBuilder json = new LineBuilder(512);
    byte[][] frames; // (TextFormatBench formats the same mix)

    @Setup
    public void setup() {
        Random random = new Random(1);
        frames = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            int pick = random.nextInt(100);
            frames[i] = pick < 60 ? tcp4(random) : pick < 85 ? udp4(random) : pick < 90 ? icmp4(random) : ipv6(random);
        }
    }

    /** Decodes the whole mix; JMH divides by the frame count, so the score is packets/s. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int decode() {
        int sum = 0;
        for (byte[] f : frames) {
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, summary);
            sum += summary.dstPort;
        }
        return sum;
    }

    /** Decode and format as JSON (what {@code read --format json} does per packet, minus I/O). */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public int decodeAndJson() {
        int sum = 0;
        for (byte[] f : frames) {
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, summary);
            json.setLength(0);
            JsonFormatter.append(summary, json);
            sum += json.length();
        }
        return sum;
    }

    // ---- frame generation (setup only) ----

    private static byte[] tcp4(Random r) {
        boolean options = r.nextBoolean();
        int tcpLength = options ? 32 : 20;
        int payload = r.nextInt(4) == 0 ? 0 : r.nextInt(1400);
        byte[] f = ipv4Frame(r, 6, tcpLength + payload);
        int t = 34;
        port(f, t, 1024 + r.nextInt(60000));
        port(f, t + 2, r.nextBoolean() ? 443 : 80);
        r.nextBytes(tmp8);
        System.arraycopy(tmp8, 0, f, t + 4, 8);
        f[t + 12] = (byte) ((tcpLength / 4) << 4);
        f[t + 13] = (byte) (payload == 0 ? 0x10 : 0x18);
        port(f, t + 14, 502);
        if (options) { // NOP NOP timestamps
            byte[] o = {1, 1, 8, 10, 0, 1, 2, 3, 4, 5, 6, 7};
            System.arraycopy(o, 0, f, t + 20, o.length);
        }
        return f;
    }

    private static byte[] udp4(Random r) {
        int payload = 20 + r.nextInt(500);
        byte[] f = ipv4Frame(r, 17, 8 + payload);
        port(f, 34, 1024 + r.nextInt(60000));
        port(f, 36, r.nextBoolean() ? 53 : 443);
        port(f, 38, 8 + payload);
        return f;
    }

    private static byte[] icmp4(Random r) {
        byte[] f = ipv4Frame(r, 1, 64);
        f[34] = (byte) (r.nextBoolean() ? 8 : 0);
        port(f, 38, r.nextInt(65536));
        port(f, 40, r.nextInt(65536));
        return f;
    }

    private static byte[] ipv6(Random r) {
        boolean tcp = r.nextBoolean();
        int l4 = tcp ? 20 + r.nextInt(1000) : 8 + r.nextInt(500);
        byte[] f = new byte[14 + 40 + l4];
        ethernet(r, f, 0x86dd);
        f[14] = 0x60;
        port(f, 18, l4);
        f[20] = (byte) (tcp ? 6 : 17);
        f[21] = 64;
        for (int i = 22; i < 54; i++) {
            f[i] = (byte) r.nextInt(256);
        }
        port(f, 54, 1024 + r.nextInt(60000));
        port(f, 56, 443);
        if (tcp) {
            f[54 + 12] = 0x50;
            f[54 + 13] = 0x10;
        } else {
            port(f, 58, l4);
        }
        return f;
    }

    private static final byte[] tmp8 = new byte[8];

    private static byte[] ipv4Frame(Random r, int protocol, int l4) {
        byte[] f = new byte[14 + 20 + l4];
        ethernet(r, f, 0x0800);
        f[14] = 0x45;
        port(f, 16, 20 + l4);
        port(f, 18, r.nextInt(65536));
        f[20] = 0x40;
        f[22] = 64;
        f[23] = (byte) protocol;
        for (int i = 26; i < 34; i++) {
            f[i] = (byte) r.nextInt(256);
        }
        int sum = 0;
        for (int i = 14; i < 34; i += 2) {
            sum += (f[i] & 0xff) << 8 | (f[i + 1] & 0xff);
        }
        sum = (sum & 0xffff) + (sum >>> 16);
        sum = (sum & 0xffff) + (sum >>> 16);
        port(f, 24, ~sum & 0xffff);
        return f;
    }

    private static void ethernet(Random r, byte[] f, int type) {
        for (int i = 0; i < 12; i++) {
            f[i] = (byte) r.nextInt(256);
        }
        port(f, 12, type);
    }

    private static void port(byte[] f, int off, int v) {
        f[off] = (byte) (v >>> 8);
        f[off + 1] = (byte) v;
    }
}
