package org.wiretop.capture.format;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.DhcpNtpSamples;
import org.wiretop.decode.DhcpNtpSamples.Sample;
import org.wiretop.decode.PacketSummary;

/**
 * Decoding DHCP and NTP and printing them (tcpdump's text at -v and -vvv, JSON with every field,
 * Info) allocates nothing per packet (design §4 rule 5): the dissectors keep offsets in
 * preallocated arrays and the printers write into a reused {@link LineBuilder}.
 */
class DhcpNtpAllocationTest {
    @Test
    void decodeAndPrintAllocateNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off in this JVM");
        List<Sample> samples = DhcpNtpSamples.valid();
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        TextFormatter verbose = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true, 1);
        TextFormatter veryVerbose = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true, 3);
        AppText app = new AppText();
        LineBuilder line = new LineBuilder(8192);
        long bytes = 0;
        for (int i = 0; i < 20_000; i++) { // warm up: the line grows to its size, the JIT settles
            bytes += round(samples.get(i % samples.size()), decoder, s, verbose, veryVerbose, app, line);
        }
        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            bytes += round(samples.get(i % samples.size()), decoder, s, verbose, veryVerbose, app, line);
        }
        long allocated = mx.getThreadAllocatedBytes(thread) - before;
        System.out.println("DHCP/NTP decode+print: " + allocated + " bytes allocated over 100,000 packets");
        assertTrue(bytes > 100_000L * 200, "printed " + bytes + " bytes");
        assertTrue(allocated < 4096, "100,000 DHCP/NTP packets decoded and printed allocated " + allocated + " bytes");
    }

    private static int round(Sample sample, Decoder decoder, PacketSummary s, TextFormatter verbose,
                             TextFormatter veryVerbose, AppText app, LineBuilder line) {
        decoder.decode(Decoder.DLT_EN10MB, sample.frame(), sample.captured(), sample.frame().length, s);
        line.setLength(0);
        verbose.format(s, sample.frame(), line);
        veryVerbose.format(s, sample.frame(), line);
        JsonFormatter.append(s, line);
        app.appendInfo(line, s);
        return line.length();
    }
}
