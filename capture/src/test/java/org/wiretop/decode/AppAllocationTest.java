package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TimestampStyle;

/**
 * The application dissectors on the capture thread (design §4 rule 5): decoding, text (with
 * {@code -v}), JSON and Info of every application fixture and of hostile payloads — a 64 KiB
 * HTTP request line, a 64 KiB line with no end, 10,800 header lines, RESP nested 16,000 deep,
 * an array that claims 2^31 elements, a 64 KiB SSH version line — allocate nothing once warm,
 * and each ends with a status of its own (bounded work: every loop advances through the bytes).
 */
class AppAllocationTest {
    static List<byte[]> hostile() {
        List<byte[]> frames = new ArrayList<>();
        frames.add(AppFrames.tcp(40000, 80, "GET /" + "a".repeat(65_400) + " HTTP/1.1\r\nHost: h\r\n\r\n"));
        frames.add(AppFrames.tcp(40001, 80, "GET /" + "a".repeat(65_480)));
        frames.add(AppFrames.tcp(40002, 80, "GET / HTTP/1.1\r\n" + "a: b\r\n".repeat(10_800) + "\r\n"));
        frames.add(AppFrames.tcp(80, 40003, "HTTP/1.1 200 OK\r\n" + "\r\n".repeat(30_000)));
        frames.add(AppFrames.tcp(6379, 40004, "*1\r\n".repeat(16_000) + ":1\r\n"));
        frames.add(AppFrames.tcp(6379, 40005, "*2147483647\r\n" + ":1\r\n".repeat(16_000)));
        frames.add(AppFrames.tcp(6379, 40006, "$2147483647\r\n" + "x".repeat(60_000)));
        frames.add(AppFrames.tcp(40007, 22, "SSH-2.0-" + "x".repeat(65_000) + "\r\n"));
        frames.add(AppFrames.tcp(22, 40008, "\u0000\u0000\u0000\u000c\n\u0015".repeat(10_000)));
        return frames;
    }

    @Test
    void dissectingAndPrintingAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off in this JVM");
        // QUIC Initials decrypt with the JDK's GCM, which allocates: TlsQuicAllocationTest bounds that
        List<byte[]> frames = new ArrayList<>();
        AppFixtures.byName().forEach((name, frame) -> {
            if (!name.startsWith("quic-initial")) {
                frames.add(frame);
            }
        });
        frames.addAll(hostile());
        Decoder decoder = new Decoder(AppFixtures.DECODE_AS); // the text fixtures' port too
        PacketSummary s = new PacketSummary();
        TextFormatter text = new TextFormatter(TimestampStyle.localTime(false), false, 1);
        LineBuilder line = new LineBuilder(1 << 18);
        PacketBuf view = new PacketBuf();
        for (byte[] f : frames) {
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
            assertNotNull(s.app, "every frame reaches a dissector");
        }
        byte[][] all = frames.toArray(new byte[0][]);
        for (int i = 0; i < 300; i++) { // warm up: the line grows to its size, the code compiles
            printAll(all, decoder, s, text, line, view);
        }
        // The least of a few batches: a JIT recompiling under load may allocate once in a while (a
        // deoptimised frame re-creates the objects escape analysis had removed); anything per
        // packet would show in every batch (16 bytes at least, times 2,200 frames a batch).
        long thread = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        long bytes = 0;
        for (int batch = 0; batch < 5; batch++) {
            long before = mx.getThreadAllocatedBytes(thread);
            for (int i = 0; i < 100; i++) {
                bytes += printAll(all, decoder, s, text, line, view);
            }
            least = Math.min(least, mx.getThreadAllocatedBytes(thread) - before);
        }
        assertTrue(bytes > 500L * 40 * frames.size(), "the lines were made: " + bytes);
        System.out.printf("app allocation: %d frames x 100 rounds (decode, -v text, JSON, Info): %d bytes allocated%n",
                frames.size(), least);
        assertTrue(least < 1024, "100 rounds of " + frames.size() + " frames allocated " + least + " bytes at least");
    }

    @Test
    void hostileInputEndsWithAStatus() {
        Decoder decoder = new Decoder();
        PacketSummary s = new PacketSummary();
        List<byte[]> frames = hostile();
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
            assertEquals(Status.OK, s.status, "frame " + i + ": " + s.reasonText()); // what is left comes later
            // and cut by the capture at every 4 KiB: truncated, or whole lines only
            for (int cut = 54; cut < f.length; cut += 4096) {
                decoder.decode(Decoder.DLT_EN10MB, f, cut, f.length, s);
                assertTrue(s.status == Status.OK || s.status == Status.TRUNCATED, "frame " + i + " cut at " + cut);
            }
        }
    }

    private static long printAll(byte[][] frames, Decoder decoder, PacketSummary s, TextFormatter text,
                                 LineBuilder line, PacketBuf view) {
        long n = 0;
        for (byte[] f : frames) { // an array: a list's iterator would be the one allocation here
            decoder.decode(Decoder.DLT_EN10MB, f, f.length, f.length, s);
            line.setLength(0);
            text.format(s, f, line);
            n += line.length();
            line.setLength(0);
            JsonFormatter.append(s, line);
            n += line.length();
            line.setLength(0);
            s.app.appendInfo(s.app.view(view), line, s);
            n += line.length();
        }
        return n;
    }
}
