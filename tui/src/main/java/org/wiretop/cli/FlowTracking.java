package org.wiretop.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.export.FlowProcesses;
import org.wiretop.monitor.flow.FlowReport;
import org.wiretop.monitor.flow.FlowTable;
import org.wiretop.monitor.flow.FlowTableConfig;
import org.wiretop.monitor.flow.LocalAddresses;

/**
 * The flow tracker behind {@code --flows}, {@code --ipfix} and {@code --flows-json}: one thread
 * feeds the {@link FlowTable} (its only writer: the capture thread, or the flow thread of a
 * {@link FlowHandoff}) and prints the conversations at the end, each with its process as
 * {@link ProcessNaming} found it while the capture ran (live), or none (a file has no processes
 * to ask). With an export a {@link FlowExport} turns the table into flow records on the same
 * thread and clock (packet time; live, the wall clock too when no packet comes), the processes
 * of their local ends named by the same attribution.
 */
final class FlowTracking implements AutoCloseable {
    /** A conversation report covers the whole capture: no idle eviction, only the table's cap. */
    private static final Duration KEEP = Duration.ofDays(3650);

    private final FlowTable table;
    private final FlowExport export;
    private final boolean report;
    private final boolean live;

    /**
     * @param live          the capture is live (our addresses tell local ends apart; time passes on the wall clock)
     * @param report        keep every flow to the end for the {@code --flows} report
     * @param exportOptions flow export to run (IPFIX, JSON log), or null
     * @param processes     the processes at flow ends, for the exported records
     */
    FlowTracking(boolean live, boolean report, ExportOptions exportOptions, FlowProcesses processes) {
        boolean exporting = exportOptions != null && exportOptions.active();
        FlowTableConfig config = FlowTableConfig.defaults();
        if (report) {
            config = config.withIdleTimeout(KEEP, KEEP);
        } else if (exporting && exportOptions.idleTimeout().toNanos() > config.idleTimeoutNanos()) {
            config = config.withIdleTimeout(exportOptions.idleTimeout(), Duration.ofNanos(config.finishedTimeoutNanos()));
        }
        this.report = report;
        this.live = live;
        this.table = new FlowTable(config, live ? LocalAddresses.fromSystem() : LocalAddresses.none(), exporting);
        this.export = exporting ? FlowExport.open(exportOptions, table, processes) : null;
    }

    /** One decoded packet ({@code epochNanos} set). Allocates nothing for a known flow. */
    void ingest(PacketSummary s) {
        table.ingest(s);
        advance(s.epochNanos);
    }

    /** Live, when no packet came within the read timeout: time still passes. */
    void idle() {
        if (live) {
            advance(System.currentTimeMillis() * 1_000_000L);
        } // a file or a stream: its own packet time is the only clock
    }

    private void advance(long now) {
        if (export != null && export.tick(now) && !report) {
            table.expire(now); // keep the table to what may still be exported
        }
    }

    /** After the run: the last records (every flow still open), then what was exported. */
    void finishExport(PrintStream err) {
        if (export != null) {
            export.finish();
            export.close();
            export.printSummary(err);
        }
    }

    /** After the run: the conversations, with processes when {@code names} is given. */
    void printReport(PrintStream out, ProcessNaming names) {
        if (names == null) {
            FlowReport.print(table.snapshot(), out);
        } else {
            FlowReport.printLabelled(table.snapshot(), names::label, out);
        }
    }

    @Override
    public void close() {
        if (export != null) {
            export.close();
        }
    }
}
