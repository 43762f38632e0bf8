package org.wiretop.cli;

import java.io.PrintStream;
import org.wiretop.capture.PacketHandler;
import org.wiretop.tui.FlowFeeder;
import org.wiretop.tui.PacketRing;

/**
 * Live flow tracking off the capture thread, as the UI does it (architecture.md): the capture
 * thread only copies each packet's first {@value #HEADER_BYTES} bytes (flows need the headers;
 * lengths come from the headers and the wire length) into a {@link PacketRing}, and a
 * {@link FlowFeeder} thread decodes them into the {@link FlowTracking} (its only writer from then
 * on), exports, and ticks its clock while the interface is quiet. So a capture exporting flows
 * does per packet what {@code tcpdump -w} does; when the flow thread falls a whole ring behind,
 * the packets it skips are counted and reported.
 */
final class FlowHandoff {
    static final int HEADER_BYTES = 256;
    private static final int RING_PACKETS = 1 << 18;
    private static final long RING_BYTES = 64L << 20;

    private final PacketRing ring;
    private final FlowFeeder feeder;

    /** @param names the processes to name on the flow thread (its only writer too), or null */
    FlowHandoff(int linkType, FlowTracking flows, ProcessNaming names) {
        this.ring = new PacketRing(linkType, RING_PACKETS, RING_BYTES);
        java.util.function.Consumer<org.wiretop.decode.PacketSummary> ingest = names == null ? flows::ingest : s -> {
            names.observe(s);
            flows.ingest(s);
        };
        this.feeder = new FlowFeeder(() -> ring, ingest, flows::idle).start();
    }

    /** Capture thread: one packet's headers into the ring (never waits, allocates nothing). */
    void add(long epochNanos, int wireLength, byte[] data, int capturedLength) {
        ring.add(epochNanos, wireLength, data, Math.min(capturedLength, HEADER_BYTES));
    }

    /** The capture thread's whole job when packets are neither printed nor written. */
    PacketHandler handler() {
        return this::add;
    }

    /** After the capture: the flow thread takes what is left, then stops; a note if it skipped packets. */
    void finish(PrintStream err) {
        if (!feeder.drainAndStop(10_000)) {
            err.println("wiretop: the flow thread did not catch up within 10 s; the last records may miss packets");
        }
        if (feeder.skipped() > 0) {
            err.println("wiretop: " + feeder.skipped() + " packets were captured but not counted in flows "
                    + "(the flow thread fell a ring behind)");
        }
    }
}
