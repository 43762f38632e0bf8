package org.wiretop.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.export.EndpointProcesses;
import org.wiretop.monitor.export.FlowProcesses;
import org.wiretop.monitor.flow.FlowProcessMemo;
import org.wiretop.monitor.flow.FlowReport;
import org.wiretop.monitor.flow.FlowSnapshot;
import org.wiretop.monitor.flow.FlowTable;
import org.wiretop.monitor.flow.FlowTableConfig;
import org.wiretop.monitor.flow.LocalAddresses;
import org.wiretop.monitor.socket.SocketTable;
import org.wiretop.monitor.socket.SocketTableSampler;

/**
 * The flow tracker behind {@code --flows} and JSON's {@code wiretop.process}: the capture thread
 * feeds the {@link FlowTable} (its only writer) and, live, publishes snapshots by packet time; a
 * joiner thread about once a second joins the latest snapshot with the socket table
 * ({@link SocketTableSampler}) into a {@link FlowProcessMemo}, so the report still names a
 * process after its socket closed, and rebuilds the {@link ProcessTags} JSON lines look up.
 * A file has no processes to join: only the table is kept, on the file's own time.
 * With {@code --ipfix} / {@code --flows-json} a {@link FlowExport} turns the table into flow
 * records on the same thread and clock (packet time; live, the wall clock too when no packet
 * comes), and the joiner also remembers the process at each local end for the records.
 */
final class FlowTracking implements AutoCloseable {
    private static final long JOIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A conversation report covers the whole capture: no idle eviction, only the table's cap. */
    private static final Duration KEEP = Duration.ofDays(3650);

    private final FlowTable table;
    private final FlowProcessMemo memo;
    private final boolean tagJson;
    private final EndpointProcesses processes;
    private final FlowExport export;
    private final boolean report;
    private final boolean live;
    /** Joins flows with the socket table when something shows processes (report, JSON, IPFIX extensions), else null. */
    private final Thread joiner;
    private volatile boolean running = true;
    private volatile ProcessTags tags = ProcessTags.EMPTY;
    private SocketTableSampler sampler; // joiner thread, then the capture thread after close of the joiner

    /**
     * @param live    join flows with processes (a live capture on this host)
     * @param report  keep every flow to the end for the {@code --flows} report
     * @param tagJson keep {@link #processTag} answers current for JSON lines
     * @param exportOptions flow export to run (IPFIX, JSON log), or null
     */
    FlowTracking(boolean live, boolean report, boolean tagJson, ExportOptions exportOptions) {
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
        // Processes cost a socket-table scan a second: only when something will name them.
        boolean exportNamesProcesses = exporting && (exportOptions.extensions || exportOptions.flowsJson != null);
        boolean joining = live && (report || tagJson || exportNamesProcesses);
        this.memo = joining ? new FlowProcessMemo(config.maxFlows()) : null;
        this.processes = joining && exportNamesProcesses ? new EndpointProcesses(config.maxFlows()) : null;
        this.export = exporting
                ? FlowExport.open(exportOptions, table, processes == null ? FlowProcesses.NONE : processes) : null;
        this.tagJson = tagJson && live;
        if (joining) {
            joiner = new Thread(this::joinLoop, "wiretop-flow-join");
            joiner.setDaemon(true);
            joiner.start();
        } else {
            joiner = null;
        }
    }

    /** Capture thread: one decoded packet ({@code epochNanos} set). Allocates nothing for a known flow. */
    void ingest(PacketSummary s) {
        table.ingest(s);
        advance(s.epochNanos);
    }

    /** Capture thread, live, when no packet came within the read timeout: time still passes. */
    void idle() {
        if (live) {
            advance(System.currentTimeMillis() * 1_000_000L);
        } // a file or a stream: its own packet time is the only clock
    }

    private void advance(long now) {
        if (joiner != null) {
            table.publishIfDue(now); // snapshots for the joiner; evicts what expired
        }
        if (export != null && export.tick(now) && joiner == null && !report) {
            table.expire(now); // keep the table to what may still be exported
        }
    }

    /** Capture thread, after the run: the last records (every flow still open), then what was exported. */
    void finishExport(PrintStream err) {
        if (export != null) {
            export.finish();
            export.close();
            export.printSummary(err);
        }
    }

    /** Capture thread: the JSON fragment naming this packet's process, or null when not known yet. */
    String processTag(PacketSummary s) {
        return tags.tagOf(s);
    }

    /** Capture thread, after the run: stops the joiner, joins a last time, prints the conversations. */
    void printReport(PrintStream out) {
        stopJoiner();
        FlowSnapshot last = table.snapshot();
        if (memo == null) {
            FlowReport.print(last, out);
            return;
        }
        join(last); // connections still open at the end (e.g. -c) get their owner now
        FlowReport.print(last, memo, out);
    }

    private void joinLoop() {
        while (running) {
            LockSupport.parkNanos(this, JOIN_INTERVAL_NANOS);
            if (running) {
                join(table.published().get());
            }
        }
    }

    private void join(FlowSnapshot flows) {
        if (flows.flows().isEmpty()) {
            return;
        }
        try {
            if (sampler == null) {
                sampler = SocketTableSampler.open();
            }
            SocketTable sockets = sampler.refresh();
            memo.update(flows, sockets);
            if (processes != null) {
                processes.update(flows, sockets);
            }
            if (tagJson) {
                tags = ProcessTags.build(flows, memo);
            }
        } catch (Exception | LinkageError e) {
            // no socket table this time (refused, or a process vanished mid-scan): owners stay unknown
        }
    }

    private void stopJoiner() {
        running = false;
        if (joiner != null) {
            LockSupport.unpark(joiner);
            try {
                joiner.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stopJoiner();
        if (export != null) {
            export.close();
        }
        if (sampler != null && (joiner == null || !joiner.isAlive())) {
            sampler.close();
        }
    }
}
