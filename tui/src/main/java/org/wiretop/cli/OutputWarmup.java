package org.wiretop.cli;

import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketComments;
import org.wiretop.capture.PcapngWriter;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.ProcessTag;

/**
 * Runs the per-packet output path of a live capture that names processes (decode, then a JSON
 * line or a pcapng block with its comments) on a synthetic TCP packet a few thousand times
 * before the capture starts. Interpreted, the first packets are handled tens of milliseconds
 * late, by which time a short-lived client is gone, and a full-rate flood overflows the kernel's
 * buffer while the JIT catches up. About 50 ms, once, before "listening on".
 */
final class OutputWarmup {
    private static final int ROUNDS = 5000;

    private OutputWarmup() {
    }

    static void run(boolean json, boolean pcapng) {
        byte[] tcp = hex("000000000000000000000000080045000028000140004006000" + "0c0000201c6336401"
                + "9c4000500000000100000002501020000000" + "0000");
        Decoder d = new Decoder();
        PacketSummary s = new PacketSummary();
        LineBuilder b = new LineBuilder(512);
        ProcessTag tag = ProcessTag.of(1, "warmup");
        PacketComments comments = new PacketComments();
        try (PcapngWriter w = pcapng ? PcapngWriter.open("/dev/null", 1, 262144, "warmup") : null) {
            for (int i = 0; i < ROUNDS; i++) {
                s.frameNumber = i;
                s.epochNanos = 1_700_000_000_000_000_000L + i;
                d.decode(Decoder.DLT_EN10MB, tcp, tcp.length, tcp.length, s);
                if (json) {
                    b.setLength(0);
                    JsonFormatter.append(s, b);
                    b.append(",\"wiretop.process\":").append(tag.json(), 0, tag.json().length).append('}');
                }
                if (w != null) {
                    comments.clear();
                    comments.add(tag.commentUtf8());
                    comments.add(tag.peerCommentUtf8());
                    w.write(s.epochNanos, tcp.length, tcp, tcp.length, comments);
                }
            }
        } catch (CaptureException | RuntimeException e) {
            // only a warm-up
        }
    }

    private static byte[] hex(String h) {
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
