package org.wiretop.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    private HeldCapture(String file, long limit) throws Exception {
        List<byte[]> data = new ArrayList<>();
        List<long[]> meta = new ArrayList<>();
        try (PacketSource source = Sources.openFile(file)) {
            linkType = source.linkType();
            source.run((nanos, wireLength, bytes, captured) -> {
                data.add(Arrays.copyOf(bytes, captured));
                meta.add(new long[] {nanos, wireLength});
            }, limit);
        }
        frames = data.toArray(new byte[0][]);
        times = new long[frames.length];
        wire = new int[frames.length];
        for (int i = 0; i < frames.length; i++) {
            times[i] = meta.get(i)[0];
            wire[i] = (int) meta.get(i)[1];
        }
    }

    /** Up to {@code limit} packets of {@code file} (all of them with {@link Long#MAX_VALUE}). */
    static HeldCapture read(String file, long limit) throws Exception {
        return new HeldCapture(file, limit);
    }

    /**
     * The first {@code packets} packets of the file named by the property {@code wiretop.bench.pcap}, else
     * {@code defaultFile}; {@code makeIt} says how to make it when it holds fewer.
     */
    static HeldCapture load(int packets, String defaultFile, String makeIt) throws Exception {
        String file = System.getProperty("wiretop.bench.pcap", defaultFile);
        HeldCapture held = new HeldCapture(file, packets);
        if (held.size() < packets) {
            throw new IllegalStateException(file + " holds " + held.size() + " packets, not " + packets + ": make it with " + makeIt);
        }
        return held;
    }

    int size() {
        return frames.length;
    }

    long time(int i) {
        return times[i];
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
