package org.wiretop.cli;

import java.io.PrintStream;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.PacketHandler;
import org.wiretop.capture.PacketSource;
import org.wiretop.conv.ConversationAnalyzer;
import org.wiretop.conv.Endpoint;
import org.wiretop.conv.HeldBytes;
import org.wiretop.conv.TcpFollow;
import org.wiretop.conv.UdpFollow;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * Runs {@code follow} over one source: every packet is decoded and analysed in order (so stream
 * numbers are tshark's), the followed stream's segments go to a {@link TcpFollow} or
 * {@link UdpFollow} and its chunks out through {@link FollowOutput} as they come. Live, the run
 * ends when the stream does (a RST, or a FIN from each side), after {@code -c} of its packets, or
 * on Ctrl-C / SIGTERM (the output is flushed and closed first). What reassembly could not show
 * (bytes held after a gap that never filled, gaps forced by the memory bound) is said on stderr.
 */
final class FollowRun implements PacketHandler {
    record Settings(long stream, boolean udp, FollowOutput.Format format, FollowOutput.Side side, long count,
                    int heldBytes) {
    }


    private final PacketSource source;
    private final boolean live;
    private final String bpfFilter;
    private final Settings settings;
    private final PrintStream err = System.err;
    private final Decoder decoder = new Decoder();
    private final ConversationAnalyzer conversations = new ConversationAnalyzer();
    private final PacketSummary summary = new PacketSummary();
    private LineOutput out;
    private FollowOutput output;
    private TcpFollow tcp;
    private UdpFollow udp;
    private OfflineBpf bpf;
    private int linkType;
    private long frames, followed;
    private int finSides;

    FollowRun(PacketSource source, boolean live, String bpfFilter, Settings settings) {
        this.source = source;
        this.live = live;
        this.bpfFilter = bpfFilter == null ? "" : bpfFilter.strip();
        this.settings = settings;
    }

    int execute() throws CaptureException {
        return StopSignals.runStoppable(source::stop, this::run);
    }

    private int run() throws CaptureException {
        linkType = source.linkType();
        if (!Decoder.supports(linkType)) {
            throw UserError.runtime(source.description() + ": link-type " + LinkTypeNames.describe(linkType)
                    + " is not one wiretop decodes");
        }
        out = new LineOutput(System.out, live || "-".equals(source.description()) ? 100 : 0);
        String protocol = settings.udp() ? "udp" : "tcp";
        output = new FollowOutput(out, settings.format(), settings.side(), protocol, settings.stream());
        if (settings.udp()) {
            udp = new UdpFollow(output);
        } else {
            tcp = new TcpFollow(output, settings.heldBytes(), new HeldBytes(settings.heldBytes() * 2L));
        }
        CaptureException failure = null;
        try (OfflineBpf filter = bpfFilter.isEmpty() ? null : OfflineBpf.compile(bpfFilter, linkType, source.snaplen())) {
            bpf = filter;
            if (live) { // last before the read, as capture's (traffic may start on it)
                err.println("listening on " + source.description() + ", following the " + (settings.udp() ? "udp" : "tcp")
                        + " stream " + settings.stream() + " seen");
                err.flush();
            }
            source.run(this, 0);
        } catch (CaptureException e) {
            failure = e;
        } finally {
            output.header(client(), server());
            output.footer();
            out.close();
        }
        if (failure != null) {
            throw failure;
        }
        report();
        String note = source.endNote();
        if (note != null) {
            err.println("wiretop: " + note);
            return 1;
        }
        return 0;
    }

    @Override
    public void onPacket(long epochNanos, int wireLength, byte[] data, int capturedLength) {
        frames++;
        if (bpf != null && !bpf.matches(data, capturedLength, wireLength)) {
            return;
        }
        PacketSummary s = summary;
        s.frameNumber = frames;
        s.epochNanos = epochNanos;
        decoder.decode(linkType, data, capturedLength, wireLength, s);
        if (elsewhere(s)) {
            return;
        }
        conversations.analyze(s);
        if (udp != null) {
            if (s.udpStream == settings.stream() && UdpFollow.follows(s)) {
                output.header(Endpoint.of(s, true), Endpoint.of(s, false)); // first datagram: client first
                udp.datagram(s, data);
                counted();
            }
        } else if (s.tcpStream == settings.stream() && s.has(PacketSummary.TCP)) {
            if (TcpFollow.follows(s)) {
                output.header(Endpoint.of(s, true), Endpoint.of(s, false)); // first packet: client first
                tcp.segment(s, data);
            }
            ended(s);
            counted();
        }
        if (out.failed()) {
            source.stop(); // the reader went away
        }
    }

    /**
     * True for a TCP or UDP packet outside the followed stream's address and port pair once that
     * stream has begun: it cannot be part of the stream, and leaving it out of the analysis keeps
     * the numbers right (conversations are analysed apart; a later stream on the same pair, which
     * is still analysed, gets a number above the followed one either way). This turns the rest of
     * a long file into decoding alone.
     */
    private boolean elsewhere(PacketSummary s) {
        Endpoint a = client(), b = server();
        return a != null && b != null && (s.has(PacketSummary.TCP) || s.has(PacketSummary.UDP))
                && !Endpoint.between(a, b, s);
    }

    /** Live, a RST or a FIN from each side ends the followed TCP stream. */
    private void ended(PacketSummary s) {
        if ((s.tcpFlags & PacketSummary.RST) != 0) {
            finSides = 3;
        } else if ((s.tcpFlags & PacketSummary.FIN) != 0) {
            finSides |= tcp.client() != null && tcp.client().isSourceOf(s) ? 1 : 2;
        }
        if (live && finSides == 3) {
            source.stop();
        }
    }

    private void counted() {
        followed++;
        if (settings.count() > 0 && followed >= settings.count()) {
            source.stop();
        }
    }

    private Endpoint client() {
        return tcp != null ? tcp.client() : udp.client();
    }

    private Endpoint server() {
        return tcp != null ? tcp.server() : udp.server();
    }

    private void report() {
        if (tcp == null) {
            return;
        }
        if (tcp.heldBytes() > 0) {
            err.println("wiretop: " + tcp.heldBytes() + " bytes came after a gap that never filled and were"
                    + " not shown (as tshark leaves them out)");
        }
        if (tcp.forcedGaps() > 0 || tcp.droppedBytes() > 0) {
            err.println("wiretop: the memory bound (--held-mb) reported " + tcp.forcedGaps() + " gaps early and dropped "
                    + tcp.droppedBytes() + " bytes");
        }
        if (conversations.evicted() > 0) {
            err.println("wiretop: " + conversations.evicted() + " conversations were forgotten to stay in memory:"
                    + " stream numbers after them may differ from tshark's");
        }
    }
}
