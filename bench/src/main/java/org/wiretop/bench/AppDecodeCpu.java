package org.wiretop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * {@link AppDecoderBench}'s three measurements (decode; decode and text; decode and JSON, on the
 * {@link AppMix} mix) on the thread's CPU clock instead of the wall clock, so that a shared,
 * loaded machine disturbs them little: "per core" is what issue 11's bar (≥ 20 M packets/s)
 * asks. Prints the best and the median of 15 passes over 1 M packets after 5 warm-up passes.
 * <pre>java -cp bench/target/benchmarks.jar org.wiretop.bench.AppDecodeCpu [decode|decode+text|decode+json ...]</pre>
 * With arguments, only the loops named run (e.g. {@code decode} alone, for quicker before/after runs).
 */
public final class AppDecodeCpu {
    private static final int FRAMES = 4096;
    private static final int ROUNDS = 256; // 1 M packets a pass

    private AppDecodeCpu() {
    }

    public static void main(String[] args) {
        AppMix mix = new AppMix(1);
        byte[][] frames = new byte[FRAMES][];
        for (int i = 0; i < FRAMES; i++) {
            frames[i] = mix.next();
        }
        String[] modes = args.length > 0 ? args : new String[] {"decode", "decode+text", "decode+json"};
        for (String mode : modes) {
            measure(mode, frames);
        }
    }

    private static void measure(String mode, byte[][] frames) {
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder line = new LineBuilder(2048);
        TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true);
        long sink = 0;
        double[] mpps = new double[15];
        for (int pass = -5; pass < mpps.length; pass++) {
            long start = clock.getCurrentThreadCpuTime();
            for (int r = 0; r < ROUNDS; r++) {
                for (byte[] f : frames) {
                    decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
                    if (mode.equals("decode+text")) {
                        line.setLength(0);
                        text.format(s, f, line);
                        sink += line.length();
                    } else if (mode.equals("decode+json")) {
                        line.setLength(0);
                        JsonFormatter.append(s, line);
                        sink += line.length();
                    } else {
                        sink += s.app == null ? 0 : 1;
                    }
                }
            }
            if (pass >= 0) {
                mpps[pass] = (double) ROUNDS * FRAMES * 1000 / (clock.getCurrentThreadCpuTime() - start);
            }
        }
        Arrays.sort(mpps);
        System.out.printf("%-12s best %.2f M packets/s per core (CPU clock), median %.2f  (sink %d)%n", mode,
                mpps[mpps.length - 1], mpps[mpps.length / 2], sink % 10);
    }
}
