package org.wiretop.tui;

import java.nio.ByteBuffer;
import org.wiretop.capture.ThreadNice;

/**
 * Runs the ring's analysis (decode, stream numbers, TCP expert analysis, DNS transactions) over a
 * small ring of made-up packets at start-up, on a thread of its own at nice 10, as
 * {@link RenderWarmup} does for drawing. Until the JIT has compiled that path a frame analyses
 * interpreted, and the first second of a burst of traffic saw redraws (and the keys waiting for
 * them) of 40-170 ms on two busy cores; compiled, the same frames take a few milliseconds.
 */
final class AnalysisWarmup {
    static final int ROUNDS = 40;
    static final int PACKETS = 4_096;
    private static final int ETHERNET = 1;

    private AnalysisWarmup() {
    }

    /** Starts warming up in the background, then runs {@code done}; never fails the UI. */
    static void start(Runnable done) {
        Thread t = new Thread(() -> {
            ThreadNice.set(ThreadNice.BACKGROUND); // Java's thread priorities mean nothing to Linux
            try {
                run(ROUNDS);
            } catch (RuntimeException e) {
                // only a warm-up: the UI works without it
            }
            done.run();
        }, "wiretop-analysis-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** Analyses {@code rounds} ring-fulls of made-up traffic; returns the analysis (tests look at it). */
    static RingAnalysis run(int rounds) {
        PacketRing ring = new PacketRing(ETHERNET, PACKETS, PACKETS * 128L);
        RingAnalysis analysis = new RingAnalysis(ring, DecodeChoices.none());
        byte[] frame = new byte[128];
        long seq = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < PACKETS; i++, seq++) {
                int length = packet(frame, seq);
                ring.add(1_700_000_000_000_000_000L + seq * 1_000, length, frame, length);
            }
            analysis.advance();
        }
        return analysis;
    }

    /**
     * Packet {@code n} of a mix over 64 conversations on 127.0.0.1: TCP segments of a growing
     * stream and their ACKs (every 50th one sent again, a retransmission), UDP datagrams, and
     * DNS queries and responses for example.com.
     */
    static int packet(byte[] f, long n) {
        ByteBuffer b = ByteBuffer.wrap(f);
        b.put(new byte[12]).putShort((short) 0x0800);
        int conv = (int) (n % 64), kind = (int) (n / 64 % 4);
        int sport = 40_000 + conv, dport = kind == 3 ? 53 : 9_000 + conv;
        boolean reply = (n / 256) % 2 == 1;
        int payload = kind == 3 ? 29 : kind == 2 ? 4 : kind == 1 ? 0 : 16;
        boolean tcp = kind < 2;
        int l4 = tcp ? 20 : 8;
        b.putShort((short) 0x4500).putShort((short) (20 + l4 + payload)).putShort((short) n).putShort((short) 0x4000)
                .put((byte) 64).put((byte) (tcp ? 6 : 17)).putShort((short) 0).putInt(0x7f000001).putInt(0x7f000001);
        int src = reply ? dport : sport, dst = reply ? sport : dport;
        b.putShort((short) src).putShort((short) dst);
        if (tcp) {
            long round = n / 256 - (n % 50 == 0 ? 1 : 0); // every 50th segment repeats an old one
            b.putInt((int) (1_000 + round * 16)).putInt((int) (5_000 + round)).putShort((short) 0x5018)
                    .putShort((short) 0xffff).putInt(0);
            b.put(new byte[payload]);
        } else {
            b.putShort((short) (8 + payload)).putShort((short) 0);
            if (kind == 3) { // DNS: id, flags (a query, or its response), one question "example.com A IN"
                b.putShort((short) conv).putShort((short) (reply ? 0x8180 : 0x0100)).putShort((short) 1)
                        .putShort((short) 0).putInt(0)
                        .put(new byte[] {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0})
                        .putShort((short) 1).putShort((short) 1);
            } else {
                b.put(new byte[payload]);
            }
        }
        return b.position();
    }
}
