package org.wiretop.cli;

import java.io.PrintStream;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.CaptureStats;
import org.wiretop.capture.LiveOptions;
import org.wiretop.capture.PacketHandler;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.PacketWriter;
import org.wiretop.capture.ThreadNice;
import org.wiretop.capture.UncheckedCaptureException;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.capture.format.TextFormatter;
import org.wiretop.decode.DecodeAs;
import org.wiretop.decode.Decoder;
import org.wiretop.monitor.export.FlowProcesses;
import org.wiretop.stats.TrafficStats;

/**
 * Runs one opened packet source to its end for {@code capture} and {@code read}: packets go to a
 * pcap or pcapng file ({@code -w}) or out as text/JSON lines; live, JSON lines and pcapng
 * comments name each packet's process ({@link ProcessNaming}); Ctrl-C / SIGTERM stop it cleanly
 * (a shutdown hook stops the source and waits, bounded, until the output is flushed, the file
 * closed and the statistics printed); with {@code --flows} the conversation table follows the
 * packets, with {@code --ipfix} / {@code --flows-json} flow records are exported; libpcap's
 * counters are printed at the end as tcpdump prints them.
 * Text that is not packet output (banner, statistics, notes) goes to stderr, so
 * {@code -w -} keeps standard output a clean pcap stream.
 */
final class PacketRun {
    /** How long a signal waits for the capture thread to finish its output. */

    private final PacketSource source;
    private final boolean live;
    private final String bpfFilter;
    private final DisplayFilter display;
    private final OutputOptions output;
    private final ExportOptions export;
    private final String writePath;
    private final boolean pcapng;
    private final boolean processes;
    private final PrintStream err = System.err;
    private FlowTracking flows;
    private ProcessNaming names;
    /** Live flows decoded on a thread of their own when no packet line needs them inline, or null. */
    private FlowHandoff handoff;
    private DecodeAs decodeAs = DecodeAs.NONE;
    /** The --stats tables, fed on the capture thread, or null. */
    private TrafficStats stats;
    /** The live capture's options, for the SYN watch that starts lookups early; null for files. */
    private LiveOptions liveOptions;
    /** What runs once the root-only parts are open (-Z's drop), or nothing. */
    private Runnable whenOpened = () -> { };

    /**
     * @param bpfFilter for files: a tcpdump-syntax filter to apply here (live sources filter in
     *                  the kernel, so pass "" for them)
     * @param export    flow export (IPFIX, JSON flow log); exporting prints no packet lines
     * @param writePath pcap output ("-" = stdout), or null to print packets
     * @param pcapng    write pcapng whatever the file name
     * @param processes name processes when live ({@code --no-processes} turns it off)
     */
    PacketRun(PacketSource source, boolean live, String bpfFilter, DisplayFilter display, OutputOptions output,
              ExportOptions export, String writePath, boolean pcapng, boolean processes) {
        this.source = source;
        this.live = live;
        this.bpfFilter = bpfFilter == null ? "" : bpfFilter.strip();
        // the empty filter is no filter: it must not keep packets on the decoding path
        this.display = display == null || display.matchesAll() ? null : display;
        this.output = output;
        this.export = export;
        this.writePath = writePath;
        this.pcapng = writePath != null && (pcapng || writePath.endsWith(".pcapng"));
        this.processes = live && processes;
    }

    /**
     * Runs {@code action} once everything that needs root is open (the capture, and the process
     * naming's SYN capture, netlink sockets and first listener snapshot), before any file is:
     * where {@code -Z} drops privileges.
     */
    PacketRun whenOpened(Runnable action) {
        this.whenOpened = action;
        return this;
    }

    /** A live run: names processes from a second, immediate capture of SYNs too (see SynWatch). */
    PacketRun liveOptions(LiveOptions o) {
        this.liveOptions = o;
        return this;
    }

    /** Whether this run shows processes on its packets (a live capture to JSON lines or pcapng). */
    static boolean namesProcesses(boolean live, OutputOptions output, ExportOptions export, String writePath,
                                  boolean pcapng) {
        boolean exporting = export != null && export.active();
        boolean json = writePath == null && !output.quiet && !exporting && output.format == OutputOptions.Format.json;
        boolean ng = writePath != null && (pcapng || writePath.endsWith(".pcapng"));
        return live && (json || ng);
    }

    /** Returns the exit code; a failure the user must see is thrown as CaptureException/UserError. */
    int execute() throws CaptureException {
        return StopSignals.runStoppable(source::stop, this::executeWithHook);
    }

    private int executeWithHook() throws CaptureException {
        int linkType = source.linkType();
        boolean exporting = export.active();
        boolean printing = writePath == null && !output.quiet && !exporting;
        if ((printing || display != null || output.flows || exporting || output.stats) && !Decoder.supports(linkType)) {
            throw UserError.runtime(source.description() + ": link-type " + LinkTypeNames.describe(linkType)
                    + " is not one wiretop decodes; copy it with 'wiretop capture -r FILE -w OUT' or open it in tshark");
        }
        long count = output.count();
        decodeAs = output.decodeAs();
        // Live JSON and pcapng name each packet's process (design §9); --flows names each
        // conversation's, an export with process fields each record's. The naming is ready
        // (listeners known) before "listening on": packets wait in the kernel meanwhile.
        boolean naming = processes && namesProcesses(live, output, export, writePath, pcapng);
        boolean flowsNeedNames = processes && (output.flows || export.namesProcesses());
        try (ProcessNaming names = naming || flowsNeedNames ? new ProcessNaming(naming, flowsNeedNames, liveOptions) : null) {
            if (live) {
                // Before -Z drops root, which may raise a priority; the threads this one starts from
                // here (disk writer, flow feeder, output) inherit it, and they must keep up too.
                ThreadNice.set(ThreadNice.CAPTURE);
            }
            whenOpened.run();
            if (naming) {
                OutputWarmup.run(writePath == null, writePath != null);
            }
            FlowProcesses owners = names == null ? FlowProcesses.NONE : names.flowProcesses();
            try (OfflineBpf bpf = bpfFilter.isEmpty() ? null : OfflineBpf.compile(bpfFilter, linkType, source.snaplen());
                 FlowTracking flows = output.flows || exporting ? new FlowTracking(live, output.flows, export, owners) : null) {
                this.flows = flows;
                this.names = names;
                this.stats = output.stats ? new TrafficStats() : null;
                // --stats decodes every packet on the capture thread anyway: the flows follow it there
                this.handoff = live && flows != null && !printing && display == null && !naming && stats == null
                        && !output.transactions
                        ? new FlowHandoff(linkType, flows, names) : null;
                if (writePath != null) {
                    if (output.transactions) {
                        throw UserError.usage("--transactions prints lines: drop -w (or read the file back with -r FILE --transactions)");
                    }
                    return writeFile(bpf, count);
                }
                return print(bpf, count);
            }
        }
    }

    private int print(OfflineBpf bpf, long count) throws CaptureException {
        if (handoff != null) {
            return runToEnd(handoff.handler(), count, () -> { });
        }
        boolean timely = live || "-".equals(source.description());
        LineOutput out = output.quiet || export.active() ? null : new LineOutput(System.out, timely ? 100 : 0);
        TextFormatter text = output.format == OutputOptions.Format.text
                ? new TextFormatter(output.timestampStyle(), !output.absoluteSeq, output.textOptions()) : null;
        TransactionOutput transactions = output.transactions ? new TransactionOutput(out, output.timestampStyle()) : null;
        PacketPrinter printer = new PacketPrinter(source, bpf, display, text, output.format, output.verbose(),
                transactions != null ? null : out, count, flows, names, decodeAs, stats, transactions);
        return runToEnd(printer, printer.countsItself() ? 0 : count, () -> {
            printer.finish();
            if (out != null) {
                out.close();
            }
            if (transactions != null) {
                System.out.print(transactions.summary().text(printer.transactions().unanswered(),
                        printer.transactions().evicted()));
                System.out.flush();
            }
        });
    }

    private int writeFile(OfflineBpf bpf, long count) throws CaptureException {
        PacketWriter writer = PacketWriter.open(writePath, pcapng, source.linkType(), source.snaplen(),
                live ? source.description() : null);
        PacketCopier copier = new PacketCopier(source, writer, bpf, count, flows, handoff, names, decodeAs, stats);
        return runToEnd(copier, bpf != null ? 0 : count, () -> {
            try {
                copier.finish();
            } catch (UncheckedCaptureException e) {
                throw e.getCause();
            } finally {
                writer.close();
            }
        });
    }

    /** A step that flushes or closes the output after the run (may fail like a write). */
    private interface Finish {
        void run() throws CaptureException;
    }

    private int runToEnd(PacketHandler handler, long max, Finish finish) throws CaptureException {
        // As tcpdump, the banner comes when everything is set up and the next step reads: a live
        // capture buffers what arrives before, and setting up flows, exports and output takes
        // long enough at full rate to overflow the kernel's buffer (what comes after the banner
        // must not wait).
        err.println((live ? "listening on " + source.description() : "reading from file " + source.description())
                + ", link-type " + LinkTypeNames.describe(source.linkType()) + ", snapshot length " + source.snaplen()
                + (live ? " bytes" : ""));
        err.flush();
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
            flows.printReport("-".equals(writePath) ? err : System.out, names);
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
