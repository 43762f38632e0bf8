package org.wiretop.bench;

import java.util.Arrays;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/** The first packets of a capture file held in memory, for benchmarks that replay them through the decoder. */
final class HeldCapture {
    private final byte[][] frames;
    private final long[] times;
    private final int[] wire;
    private final int linkType;

    private HeldCapture(int packets, String file, String makeIt) throws Exception {
        frames = new byte[packets][];
        times = new long[packets];
        wire = new int[packets];
        int[] n = {0};
        try (PacketSource source = Sources.openFile(file)) {
            linkType = source.linkType();
            source.run((nanos, wireLength, data, captured) -> {
                frames[n[0]] = Arrays.copyOf(data, captured);
                times[n[0]] = nanos;
                wire[n[0]++] = wireLength;
            }, packets);
        }
        if (n[0] < packets) {
            throw new IllegalStateException(file + " holds " + n[0] + " packets, not " + packets + ": make it with " + makeIt);
        }
    }

    /**
     * The first {@code packets} packets of the file named by the property {@code wiretop.bench.pcap}, else
     * {@code defaultFile}; {@code makeIt} says how to make it when it holds fewer.
     */
    static HeldCapture load(int packets, String defaultFile, String makeIt) throws Exception {
        return new HeldCapture(packets, System.getProperty("wiretop.bench.pcap", defaultFile), makeIt);
    }

    /** Decodes packet {@code i} (from 0) into {@code s}, with its frame number and time. */
    void decode(Decoder decoder, int i, PacketSummary s) {
        s.frameNumber = i + 1;
        s.epochNanos = times[i];
        decoder.decode(linkType, frames[i], frames[i].length, wire[i], s);
    }

    byte[] frame(int i) {
        return frames[i];
    }
}
