package org.wiretop.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.capture.format.TimestampStyle;

/**
 * Once warm, TLS and QUIC packets are decoded and formatted (JSON and text) without allocating
 * (design §4 rule 4): TLS hellos and flights, QUIC long headers that are not Initials and short
 * headers looked up in the connection ID table. Decrypting an Initial is the one exception: the
 * JDK's AES-GCM allocates per packet (docs/architecture.md); the figure is printed and held to a
 * bound that catches growth (a leak, a buffer per packet), not to the JDK's exact count.
 */
class TlsQuicAllocationTest {
    private final Decoder decoder = new Decoder();
    private final PacketSummary s = new PacketSummary();
    private final LineBuilder out = new LineBuilder(4096);
    private final TextFormatter text = new TextFormatter(TimestampStyle.localTime(false, ZoneOffset.UTC), true);

    @Test
    void tlsAndQuicHeadersAllocateNothingAndAnInitialOnlyWhatTheJdksGcmDoes() {
        com.sun.management.ThreadMXBean mx = allocationCounter();
        Fixtures.Fixture[] plain = {
            AppFixtures.tcp(51000, 443, AppFixtures.TLS_CLIENT_HELLO),
            AppFixtures.tcp(443, 51000, AppFixtures.TLS13_SERVER_FLIGHT),
            AppFixtures.tcp(8443, 51001, AppFixtures.TLS12_SERVER_HELLO),
            AppFixtures.udp(40010, 443, "e0" + "00000001" + "081122334455667788" + "08aabbccddeeff0011" + "4020" + "00".repeat(32)),
            AppFixtures.udpReply(443, 40010, "40" + "aabbccddeeff0011" + "00".repeat(40)),
        };
        Fixtures.Fixture initial = AppFixtures.udp(40000, 443, QuicVectors.V1_CLIENT_INITIAL);
        run(plain, 50_000); // warm up: JIT, the flyweights' first use
        assertTrue(out.toString().endsWith("quic, protected, dcid aabbccddeeff0011"), "the short header's ID: " + out);
        run(new Fixtures.Fixture[] {initial}, 2_000);

        long thread = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(thread);
        run(plain, 50_000);
        long headers = mx.getThreadAllocatedBytes(thread) - before;
        before = mx.getThreadAllocatedBytes(thread);
        run(new Fixtures.Fixture[] {initial}, 5_000);
        long perInitial = (mx.getThreadAllocatedBytes(thread) - before) / 5_000;
        System.out.printf("allocation: 50,000 TLS/QUIC header packets %d bytes; a QUIC Initial decrypted %d bytes%n",
                headers, perInitial);
        assertEquals("example.com", sni(initial));
        // one object a packet would be 800 KB or more; a few KB is the JIT rebuilding scalar-replaced
        // objects when it deoptimizes a method under load, not the decoder's doing
        assertTrue(headers < 16 * 1024, "50,000 TLS/QUIC packets allocated " + headers + " bytes");
        assertTrue(perInitial < 4096, "a decrypted Initial allocated " + perInitial + " bytes");
    }

    private void run(Fixtures.Fixture[] frames, int count) {
        for (int i = 0; i < count; i++) {
            Fixtures.Fixture f = frames[i % frames.length];
            decoder.decode(f.linkType(), f.bytes(), f.bytes().length, f.bytes().length, s);
            out.setLength(0);
            JsonFormatter.append(s, out);
            out.setLength(0);
            text.format(s, f.bytes(), out);
        }
    }

    private String sni(Fixtures.Fixture f) {
        decoder.decode(f.linkType(), f.bytes(), f.bytes().length, f.bytes().length, s);
        out.setLength(0);
        JsonFormatter.append(s, out);
        return org.wiretop.capture.format.FlatJson.parse(out).get("tls.handshake.extensions_server_name");
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off in this JVM");
        return mx;
    }
}
