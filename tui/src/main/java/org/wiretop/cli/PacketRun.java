package org.wiretop.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.CaptureStats;
import org.wiretop.capture.PacketHandler;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.PcapWriter;
import org.wiretop.capture.UncheckedCaptureException;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.decode.DecodeAs;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;
import org.wiretop.stats.TrafficStats;

/**
 * Runs one opened packet source to its end for {@code capture} and {@code read}: packets go to a
 * pcap file ({@code -w}) or out as text/JSON lines; Ctrl-C / SIGTERM stop it cleanly (a shutdown
 * hook stops the source and waits, bounded, until the output is flushed, the file closed and the
 * statistics printed); with {@code --flows} the conversation table follows the packets; libpcap's
 * counters are printed at the end as tcpdump prints them.
 * Text that is not packet output (banner, statistics, notes) goes to stderr, so
 * {@code -w -} keeps standard output a clean pcap stream.
 */
final class PacketRun {
    /** How long a signal waits for the capture thread to finish its output. */
    private static final long SHUTDOWN_WAIT_MILLIS = 3000;

    private final PacketSource source;
    private final boolean live;
    private final String bpfFilter;
    private final DisplayFilter display;
    private final OutputOptions output;
    private final ExportOptions export;
    private final String writePath;
    private final PrintStream err = System.err;
    private FlowTracking flows;
    /** Live flows decoded on a thread of their own when no packet line needs them inline, or null. */
    private FlowHandoff handoff;
    private DecodeAs decodeAs = DecodeAs.NONE;
    /** The --stats tables, fed on the capture thread, or null. */
    private TrafficStats stats;

    /**
     * @param bpfFilter for files: a tcpdump-syntax filter to apply here (live sources filter in
     *                  the kernel, so pass "" for them)
     * @param writePath pcap output ("-" = stdout), or null to print packets
     * @param export    flow export (IPFIX, JSON flow log); exporting prints no packet lines
     */
    PacketRun(PacketSource source, boolean live, String bpfFilter, DisplayFilter display, OutputOptions output,
              ExportOptions export, String writePath) {
        this.source = source;
        this.live = live;
        this.bpfFilter = bpfFilter == null ? "" : bpfFilter.strip();
        this.display = display;
        this.output = output;
        this.export = export;
        this.writePath = writePath;
    }

    /** Returns the exit code; a failure the user must see is thrown as CaptureException/UserError. */
    int execute() throws CaptureException {
        // The hook goes in first, so a signal at any moment from here on ends the run cleanly:
        // it stops the source (run() returns at once, even before it started) and waits until
        // the output is flushed and the statistics printed.
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            source.stop();
            try {
                done.await(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wiretop-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (StopSignals signals = new StopSignals(source::stop)) {
            return executeWithHook();
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // a signal is ending the JVM: the hook is running and was waiting for 'done'
            }
        }
    }

    private int executeWithHook() throws CaptureException {
        int linkType = source.linkType();
        boolean exporting = export.active();
        boolean printing = writePath == null && !output.quiet && !exporting;
        if ((printing || display != null || output.flows || exporting || output.stats) && !Decoder.supports(linkType)) {
            throw UserError.runtime(source.description() + ": link-type " + LinkTypeNames.describe(linkType)
                    + " is not one wiretop decodes; copy it with 'wiretop capture -r FILE -w OUT' or open it in tshark");
        }
        err.println((live ? "listening on " + source.description() : "reading from file " + source.description())
                + ", link-type " + LinkTypeNames.describe(linkType) + ", snapshot length " + source.snaplen()
                + (live ? " bytes" : ""));
        err.flush();
        long count = output.count();
        decodeAs = output.decodeAs();
        // Live JSON names each packet's process (design §5 wiretop.process); --flows reports conversations.
        boolean tagJson = live && printing && output.format == OutputOptions.Format.json;
        try (OfflineBpf bpf = bpfFilter.isEmpty() ? null : OfflineBpf.compile(bpfFilter, linkType, source.snaplen());
             FlowTracking flows = output.flows || tagJson || exporting
                     ? new FlowTracking(live, output.flows, tagJson, export) : null) {
            this.flows = flows;
            this.stats = output.stats ? new TrafficStats() : null;
            // --stats decodes every packet on the capture thread anyway: the flows follow it there
            this.handoff = live && flows != null && !printing && display == null && stats == null
                    ? new FlowHandoff(linkType, flows) : null;
            if (writePath != null) {
                return writeFile(bpf, count);
            }
            return print(bpf, count);
        }
    }

    private int print(OfflineBpf bpf, long count) throws CaptureException {
        boolean timely = live || "-".equals(source.description());
        if (handoff != null) {
            return runToEnd(handoff.handler(), count, () -> { });
        }
        LineOutput out = output.quiet || export.active() ? null : new LineOutput(System.out, timely ? 100 : 0);
        TextFormatter text = output.format == OutputOptions.Format.text
                ? new TextFormatter(output.timestampStyle(), !output.absoluteSeq, output.textOptions()) : null;
        PacketPrinter printer = new PacketPrinter(source, bpf, display, text, output.format, out, count, flows,
                new Decoder(decodeAs), stats);
        return runToEnd(printer, printer.countsItself() ? 0 : count, () -> {
            if (out != null) {
                out.close();
            }
        });
    }

    private int writeFile(OfflineBpf bpf, long count) throws CaptureException {
        PcapWriter writer = PcapWriter.open(writePath, source.linkType(), source.snaplen());
        long[] written = new long[1];
        Decoder decoder = (flows == null || handoff != null) && stats == null ? null : new Decoder(decodeAs);
        PacketSummary summary = new PacketSummary();
        int linkType = source.linkType();
        PacketHandler handler = (nanos, wireLength, data, capturedLength) -> {
            if (count > 0 && written[0] >= count) {
                return;
            }
            if (bpf != null && !bpf.matches(data, capturedLength, wireLength)) {
                return;
            }
            try {
                writer.write(nanos, wireLength, data, capturedLength);
            } catch (CaptureException e) {
                throw new UncheckedCaptureException(e);
            }
            if (handoff != null) {
                handoff.add(nanos, wireLength, data, capturedLength);
            } else if (decoder != null) {
                summary.frameNumber = written[0] + 1;
                summary.epochNanos = nanos;
                decoder.decode(linkType, data, capturedLength, wireLength, summary);
                if (flows != null) {
                    flows.ingest(summary);
                }
                if (stats != null) {
                    stats.add(summary);
                }
            }
            if (++written[0] == count && bpf != null) {
                source.stop();
            }
        };
        boolean inline = flows != null && handoff == null;
        return runToEnd(inline ? withIdle(handler, flows::idle) : handler, bpf != null ? 0 : count, writer::close);
    }

    /** {@code packets}, and {@code idle} when a live source had nothing within its read timeout. */
    private static PacketHandler withIdle(PacketHandler packets, Runnable idle) {
        return new PacketHandler() {
            @Override
            public void onPacket(long epochNanos, int wireLength, byte[] data, int capturedLength) {
                packets.onPacket(epochNanos, wireLength, data, capturedLength);
            }

            @Override
            public void onIdle() {
                idle.run();
            }

            @Override
            public boolean wantsIdle() {
                return true;
            }
        };
    }

    /** A step that flushes or closes the output after the run (may fail like a write). */
    private interface Finish {
        void run() throws CaptureException;
    }

    private int runToEnd(PacketHandler handler, long max, Finish finish) throws CaptureException {
        CaptureException failure = null;
        try {
            source.run(handler, max);
        } catch (CaptureException e) {
            failure = e;
        } finally {
            try {
                finish.run();
            } catch (CaptureException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (handoff != null) {
            handoff.finish(err); // the flow thread takes the last packets; then this thread owns the flows
        }
        if (flows != null) {
            flows.finishExport(err); // the records of flows still open, even after a failure
        }
        if (flows != null && output.flows && failure == null) {
            // after the packets, as tshark -z prints; stderr when stdout carries the pcap stream
            flows.printReport("-".equals(writePath) ? err : System.out);
        }
        if (stats != null && failure == null) {
            PrintStream out = "-".equals(writePath) ? err : System.out;
            out.print(stats.text());
            out.flush();
        }
        if (live) {
            printStats(source.stats());
        }
        err.flush();
        if (failure != null) {
            throw failure;
        }
        String note = source.endNote();
        if (note != null) {
            err.println("wiretop: " + note);
            err.flush();
            return 1;
        }
        return 0;
    }

    private void printStats(CaptureStats st) {
        err.println(st.captured() + " packets captured");
        err.println(st.receivedByFilter() + " packets received by filter");
        err.println(st.droppedByKernel() + " packets dropped by kernel");
        if (st.droppedByIface() > 0) {
            err.println(st.droppedByIface() + " packets dropped by interface");
        }
    }
}
