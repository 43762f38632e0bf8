package org.wiretop.cli;

import org.wiretop.capture.PacketComments;
import org.wiretop.capture.PacketHandler;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.capture.format.JsonFormatter;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.decode.DecodeAs;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowOwner;
import org.wiretop.monitor.flow.ProcessTag;
import org.wiretop.stats.TrafficStats;
import org.wiretop.txn.TransactionSink;
import org.wiretop.txn.Transactions;

/**
 * The per-packet path of {@code capture} and {@code read}: optional BPF filter (files only),
 * decode into one reused summary, the conversation analysis (stream numbers, TCP expert flags;
 * every decoded packet, in order, before any display filter, as tshark), optional display filter,
 * the flow tracker when asked, then one text or JSON line (or the payload's bytes alone,
 * {@code --format payload}) into a reused builder and on to {@link LineOutput}. Live, JSON lines
 * name the packet's processes ({@code wiretop.process}, {@code wiretop.peer_process}); a line whose
 * flow is still being looked up waits in {@link HeldPackets} (at most
 * {@value ProcessNaming#HOLD_MILLIS} ms; its analysis in {@link HeldAnalysis}) and goes out, in
 * order, once it is known. A file's pcapng comments are JSON's {@code frame.comment} and, with
 * {@code -v}, a line under the packet's text. Runs on the capture thread; allocates nothing per
 * packet (but for comments). Stops the source itself once {@code limit} packets were printed when
 * a filter here decides what counts (otherwise the source's own count does).
 */
final class PacketPrinter implements PacketHandler, HeldPackets.Sink {
    private final PacketSource source;
    private final int linkType;
    private final OfflineBpf bpf;
    private final DisplayFilter display;
    private final TextFormatter text;
    private final OutputOptions.Format format;
    private final boolean verbose;
    private final LineOutput out;
    private final long limit;
    private final FlowTracking flows;
    private final ProcessNaming names;
    private final HeldPackets held;
    private final Decoder decoder;
    /** The --stats tables, fed with every packet that passed the filters, or null. */
    private final TrafficStats stats;
    private final ConversationAnalyzer conversations = new ConversationAnalyzer();
    /** DNS and HTTP transactions (dns.time, http.time), run with the analysis. */
    private final Transactions transactions;
    /** {@code --transactions}: told of each transaction, or null. */
    private final TransactionSink transactionSink;
    /** Whether anything shows the analysis: JSON, a display filter, {@code --expert} text. */
    private final boolean analyse;
    private final HeldAnalysis heldAnalysis;
    private final PacketSummary summary = new PacketSummary();
    /** For held packets, decoded again when they leave (maybe on the hold's own thread). */
    private final Decoder heldDecoder;
    private final PacketSummary heldSummary = new PacketSummary();
    private final LineBuilder line = new LineBuilder(512);
    private long seen;
    private long printed;

    /**
     * @param text    the text formatter (for {@code format} text)
     * @param format  text, JSON or the payload alone
     * @param verbose print each packet's comments under its text line ({@code -v})
     * @param out     where lines go, or null to print nothing (-q): packets are still counted
     * @param limit   stop after this many matching packets (0 = no limit)
     * @param flows   the flow tracker fed with every packet that passed the filters, or null
     * @param names   live process naming, or null
     * @param decodeAs the decoder's port-to-protocol choices (--decode-as)
     * @param stats   the {@code --stats} tables fed with every packet that passed the filters, or null
     * @param transactionSink {@code --transactions}: each transaction goes there, or null
     */
    PacketPrinter(PacketSource source, OfflineBpf bpf, DisplayFilter display, TextFormatter text,
                  OutputOptions.Format format, boolean verbose,
                  LineOutput out, long limit, FlowTracking flows, ProcessNaming names, DecodeAs decodeAs,
                  TrafficStats stats, TransactionSink transactionSink) {
        this.stats = stats;
        this.transactionSink = transactionSink;
        this.decoder = new Decoder(decodeAs);
        this.heldDecoder = new Decoder(decodeAs);
        this.source = source;
        this.linkType = source.linkType();
        this.bpf = bpf;
        this.display = display == null || display.matchesAll() ? null : display;
        this.text = text;
        this.format = format;
        this.verbose = verbose;
        this.out = out;
        this.limit = limit;
        this.flows = flows;
        this.names = names;
        this.held = names == null || out == null || text != null ? null : names.hold(this);
        this.analyse = format == OutputOptions.Format.json || this.display != null
                || (text != null && text.options().expert()) || transactionSink != null;
        this.transactions = analyse ? new Transactions(transactionSink) : null;
        this.heldAnalysis = held == null ? null : new HeldAnalysis(ProcessNaming.HELD_PACKETS);
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
        if (out != null || display != null || flows != null || names != null || stats != null
                || transactionSink != null) {
            decode(decoder, s, epochNanos, wireLength, data, capturedLength, seen);
            if (analyse) {
                conversations.analyze(s);
                transactions.analyze(s);
            }
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
        FlowOwner owner = null;
        boolean fromA = false;
        if (names != null) {
            owner = names.observe(s);
            fromA = names.lastFromA();
        }
        if (held != null) {
            heldAnalysis.push(s);
            held.offer(epochNanos, wireLength, data, capturedLength, seen, owner, fromA);
        } else if (out != null) {
            print(s, data, owner, fromA, source.comments());
        }
        stopAtLimit();
    }

    /** After the run: whatever still waits for a name goes out as it is. */
    void finish() {
        if (held != null) {
            held.close();
        }
    }

    @Override
    public void emitCurrent(byte[] data, int capturedLength, FlowOwner owner, boolean fromA) {
        heldAnalysis.pop(null); // the current summary has its own
        print(summary, data, owner, fromA, null);
    }

    /** A held packet leaves: decoded again (the capture thread's summary has moved on) and printed. */
    @Override
    public void emitHeld(long epochNanos, int wireLength, byte[] data, int capturedLength, long frame, FlowOwner owner,
                         boolean fromA) {
        decode(heldDecoder, heldSummary, epochNanos, wireLength, data, capturedLength, frame);
        heldAnalysis.pop(heldSummary);
        print(heldSummary, data, owner, fromA, null);
    }

    private void decode(Decoder d, PacketSummary into, long epochNanos, int wireLength, byte[] data, int capturedLength,
                        long frame) {
        into.frameNumber = frame;
        into.epochNanos = epochNanos;
        d.decode(linkType, data, capturedLength, wireLength, into);
    }

    private void stopAtLimit() {
        if (limit > 0 && printed >= limit && countsItself()) {
            source.stop();
        }
    }

    private void print(PacketSummary summary, byte[] data, FlowOwner owner, boolean fromA, PacketComments comments) {
        LineBuilder b = line;
        b.setLength(0);
        boolean commented = comments != null && comments.count() > 0;
        if (format == OutputOptions.Format.json) {
            JsonFormatter.append(summary, b);
            if (b.length() > 0 && b.charAt(b.length() - 1) == '}') {
                b.setLength(b.length() - 1); // our keys go inside the object
                if (commented) {
                    appendComments(b, comments);
                }
                ProcessTag main = ProcessNaming.main(owner, fromA);
                if (main != null) {
                    b.append(",\"wiretop.process\":").append(main.json(), 0, main.json().length);
                    ProcessTag peer = ProcessNaming.peer(owner, fromA);
                    if (peer != null) {
                        b.append(",\"wiretop.peer_process\":").append(peer.json(), 0, peer.json().length);
                    }
                }
                b.append('}');
            }
            b.append('\n');
        } else if (format == OutputOptions.Format.text) {
            text.format(summary, data, b);
            if (verbose && commented) {
                for (int i = 0; i < comments.count(); i++) {
                    b.append("\n    comment: ").append(comments.text(i));
                }
            }
            b.append('\n');
        } else if (TextFormatter.hasPayload(summary)) {
            b.append(data, summary.payloadOffset, summary.payloadLength); // --format payload: the bytes alone
        }
        out.write(b);
        if (out.failed()) {
            source.stop(); // the reader went away (a closed pipe): stop as tcpdump does
        }
    }

    /** {@code ,"frame.comment":"..."}, an array when there are several (as tshark's -T json). */
    private static void appendComments(LineBuilder b, PacketComments comments) {
        int n = comments.count();
        b.append(",\"frame.comment\":");
        if (n > 1) {
            b.append('[');
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(',');
            }
            appendString(b, comments.text(i));
        }
        if (n > 1) {
            b.append(']');
        }
    }

    private static void appendString(LineBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append("\\u00").appendHex2(c);
            } else if (c < 0x80) {
                b.append(c);
            } else {
                int end = i + 1; // a run of non-ASCII text, so surrogate pairs stay together
                while (end < s.length() && s.charAt(end) >= 0x80) {
                    end++;
                }
                b.append(s.substring(i, end));
                i = end - 1;
            }
        }
        b.append('"');
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

    /** The transactions' matcher (its unanswered and forgotten counts), or null when no analysis ran. */
    Transactions transactions() {
        return transactions;
    }

    /** Packets that passed the filters (printed, or counted under -q). */
    long printed() {
        return printed;
    }
}
