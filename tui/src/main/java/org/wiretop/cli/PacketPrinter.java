package org.wiretop.cli;

import org.wiretop.capture.PacketHandler;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.stats.TrafficStats;

/**
 * The per-packet path of {@code capture} and {@code read}: optional BPF filter (files only),
 * decode into one reused summary, optional display filter, the flow tracker when asked, then one
 * text or JSON line (with {@code wiretop.process} when the flow's owner is known), or the payload's
 * bytes alone ({@code --format payload}), into a reused builder and on to {@link LineOutput}. Runs on the capture thread; allocates nothing per
 * packet. Stops the source itself once {@code limit} packets were printed when a filter here
 * decides what counts (otherwise the source's own count does).
 */
final class PacketPrinter implements PacketHandler {
    private final PacketSource source;
    private final int linkType;
    private final OfflineBpf bpf;
    private final DisplayFilter display;
    private final TextFormatter text;
    private final OutputOptions.Format format;
    private final LineOutput out;
    private final long limit;
    private final FlowTracking flows;
    private final Decoder decoder;
    private final TrafficStats stats;
    private final PacketSummary summary = new PacketSummary();
    private final LineBuilder line = new LineBuilder(512);
    private long seen;
    private long printed;

    /**
     * @param text  the text formatter (for {@code format} text)
     * @param out   where lines go, or null to print nothing (-q): packets are still counted
     * @param limit stop after this many matching packets (0 = no limit)
     * @param flows the flow tracker fed with every packet that passed the filters (and asked for
     *              JSON's {@code wiretop.process}), or null
     * @param stats the {@code --stats} tables fed with every packet that passed the filters, or null
     */
    PacketPrinter(PacketSource source, OfflineBpf bpf, DisplayFilter display, TextFormatter text,
                  OutputOptions.Format format, LineOutput out, long limit, FlowTracking flows, Decoder decoder,
                  TrafficStats stats) {
        this.decoder = decoder;
        this.stats = stats;
        this.source = source;
        this.linkType = source.linkType();
        this.bpf = bpf;
        this.display = display == null || display.matchesAll() ? null : display;
        this.text = text;
        this.format = format;
        this.out = out;
        this.limit = limit;
        this.flows = flows;
    }

    /** True when this printer, not the source, must count packets towards -c. */
    boolean countsItself() {
        return bpf != null || display != null;
    }

    @Override
    public void onPacket(long epochNanos, int wireLength, byte[] data, int capturedLength) {
        if (limit > 0 && printed >= limit) {
            return; // stop() was asked; a source may still hand over the rest of its batch
        }
        seen++;
        if (bpf != null && !bpf.matches(data, capturedLength, wireLength)) {
            return;
        }
        PacketSummary s = summary;
        if (out != null || display != null || flows != null || stats != null) {
            s.frameNumber = seen;
            s.epochNanos = epochNanos;
            decoder.decode(linkType, data, capturedLength, wireLength, s);
            if (display != null && !display.test(s)) {
                return;
            }
        }
        printed++;
        if (flows != null) {
            flows.ingest(s);
        }
        if (stats != null) {
            stats.add(s);
        }
        if (out != null) {
            LineBuilder b = line;
            b.setLength(0);
            if (format == OutputOptions.Format.text) {
                text.format(s, data, b);
                b.append('\n');
            } else if (format == OutputOptions.Format.json) {
                JsonFormatter.append(s, b);
                String process = flows == null ? null : flows.processTag(s);
                if (process != null && b.length() > 0 && b.charAt(b.length() - 1) == '}') {
                    b.setLength(b.length() - 1); // the key goes inside the object
                    b.append(process).append('}');
                }
                b.append('\n');
            } else if (TextFormatter.hasPayload(s)) {
                b.append(data, s.payloadOffset, s.payloadLength); // --format payload: the bytes alone
            }
            out.write(b);
            if (out.failed()) {
                source.stop(); // the reader went away (a closed pipe): stop as tcpdump does
            }
        }
        if (limit > 0 && printed >= limit && countsItself()) {
            source.stop();
        }
    }

    @Override
    public void onIdle() {
        flows.idle();
    }

    /** Flows age on time too: a quiet interface must still export them. */
    @Override
    public boolean wantsIdle() {
        return flows != null;
    }

    /** Packets that passed the filters (printed, or counted under -q). */
    long printed() {
        return printed;
    }
}
