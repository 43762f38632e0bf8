package org.wiretop.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TimestampStyle;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Steady-state CPU time of {@code read}'s per-packet work (decode and tcpdump-style text, relative
 * sequence numbers) on the first packets of a capture file, measured with the thread's CPU clock
 * rather than the wall clock, so that a shared, loaded machine disturbs it little. Uses only API
 * that older builds have too, so that two builds compare in one session:
 * <pre>java -cp OLD.jar:bench/target/classes org.wiretop.bench.ReadCpu FILE [PACKETS] [LABEL]</pre>
 * (bench/read-ab.sh runs it for both builds, interleaved). Prints the best and median ns per
 * packet over 10 passes after 4 warm-up passes.
 */
public final class ReadCpu {
    private ReadCpu() {
    }

    public static void main(String[] args) throws Exception {
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        String label = args.length > 2 ? args[2] : "";
        HeldCapture held = HeldCapture.read(args[0], limit);
        ThreadMXBean clock = ManagementFactory.getThreadMXBean();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder line = new LineBuilder(4096);
        long sink = 0;
        double[] perPacket = new double[10];
        for (int pass = -4; pass < perPacket.length; pass++) {
            TextFormatter text = new TextFormatter(TimestampStyle.localTime(false), true);
            long start = clock.getCurrentThreadCpuTime();
            for (int i = 0; i < held.size(); i++) {
                held.decode(decoder, i, s);
                line.setLength(0);
                text.format(s, held.frame(i), line);
                sink += line.length();
            }
            if (pass >= 0) {
                perPacket[pass] = (clock.getCurrentThreadCpuTime() - start) / (double) held.size();
            }
        }
        Arrays.sort(perPacket);
        System.out.printf("%s decode + text: best %.1f ns/packet CPU, median %.1f (%d packets, %d bytes)%n", label,
                perPacket[0], perPacket[perPacket.length / 2], held.size(), sink / (perPacket.length + 4));
    }
}
