package org.wiretop.cli;

import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketComments;
import org.wiretop.capture.PacketHandler;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.PacketWriter;
import org.wiretop.capture.UncheckedCaptureException;
import org.wiretop.decode.DecodeAs;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowOwner;
import org.wiretop.stats.TrafficStats;

/**
 * The per-packet path of {@code -w}: optional BPF filter (files only), then the packet into the
 * {@link PacketWriter}. Packets are decoded only when something needs their fields: the
 * {@code --flows} report, {@code --stats}, or live process naming for pcapng comments, where a packet whose flow
 * is still being looked up waits in {@link HeldPackets} (at most
 * {@value ProcessNaming#HOLD_MILLIS} ms) so that even a handshake carries its comment. A pcapng
 * copied to pcapng keeps its comments. Capture thread; a failed write (a full disk) ends the run.
 */
final class PacketCopier implements PacketHandler, HeldPackets.Sink {
    private final PacketSource source;
    private final PacketWriter writer;
    private final OfflineBpf bpf;
    private final long limit;
    private final FlowTracking flows;
    private final FlowHandoff handoff;
    private final ProcessNaming names;
    private final HeldPackets held;
    private final int linkType;
    private final Decoder decoder;
    /** The --stats tables, or null. */
    private final TrafficStats stats;
    private final PacketSummary summary = new PacketSummary();
    private long accepted;
    // The packet being offered to the hold (capture thread, read back under the hold's lock).
    private long currentNanos;
    private int currentWire;

    PacketCopier(PacketSource source, PacketWriter writer, OfflineBpf bpf, long limit, FlowTracking flows,
                 FlowHandoff handoff, ProcessNaming names, DecodeAs decodeAs, TrafficStats stats) {
        this.stats = stats;
        this.source = source;
        this.writer = writer;
        this.bpf = bpf;
        this.limit = limit;
        this.flows = handoff != null ? null : flows; // with a handoff, the flow thread ingests
        this.handoff = handoff;
        this.names = writer.keepsComments() || flows != null ? names : null;
        this.held = this.names != null && writer.keepsComments() ? this.names.hold(this) : null;
        this.linkType = source.linkType();
        this.decoder = this.flows != null || this.names != null || stats != null ? new Decoder(decodeAs) : null;
    }

    @Override
    public void onPacket(long epochNanos, int wireLength, byte[] data, int capturedLength) {
        if (limit > 0 && accepted >= limit) {
            return;
        }
        if (bpf != null && !bpf.matches(data, capturedLength, wireLength)) {
            return;
        }
        accepted++;
        if (handoff != null) {
            handoff.add(epochNanos, wireLength, data, capturedLength);
        }
        FlowOwner owner = null;
        boolean fromA = false;
        if (decoder != null) {
            summary.frameNumber = accepted;
            summary.epochNanos = epochNanos;
            decoder.decode(linkType, data, capturedLength, wireLength, summary);
            if (flows != null) {
                flows.ingest(summary);
            }
            if (stats != null) {
                stats.add(summary);
            }
            if (names != null) {
                owner = names.observe(summary);
                fromA = names.lastFromA();
            }
        }
        if (held != null) {
            currentNanos = epochNanos;
            currentWire = wireLength;
            held.offer(epochNanos, wireLength, data, capturedLength, accepted, owner, fromA);
        } else {
            write(epochNanos, wireLength, data, capturedLength, writer.keepsComments() ? source.comments() : null);
        }
        stopAtLimit();
    }

    /** Flows age on time too: a quiet interface must still export them. */
    @Override
    public void onIdle() {
        flows.idle();
    }

    @Override
    public boolean wantsIdle() {
        return flows != null;
    }

    /** After the run: whatever still waits for a name is written as it is. */
    void finish() {
        if (held != null) {
            held.close();
        }
    }

    @Override
    public void emitCurrent(byte[] data, int capturedLength, FlowOwner owner, boolean fromA) {
        write(currentNanos, currentWire, data, capturedLength, names.commentsFor(owner, fromA));
    }

    @Override
    public void emitHeld(long epochNanos, int wireLength, byte[] data, int capturedLength, long frame, FlowOwner owner,
                         boolean fromA) {
        write(epochNanos, wireLength, data, capturedLength, names.commentsFor(owner, fromA));
    }

    private void write(long epochNanos, int wireLength, byte[] data, int capturedLength, PacketComments comments) {
        try {
            writer.write(epochNanos, wireLength, data, capturedLength, comments);
        } catch (CaptureException e) {
            throw new UncheckedCaptureException(e);
        }
    }

    private void stopAtLimit() {
        if (accepted == limit && bpf != null) {
            source.stop();
        }
    }
}
