package org.wiretop.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.wiretop.monitor.export.FlowProcesses;
import org.wiretop.monitor.export.IpfixExporter;
import org.wiretop.monitor.flow.FlowExportRecord;
import org.wiretop.monitor.flow.FlowExporter;
import org.wiretop.monitor.flow.FlowRecordSink;
import org.wiretop.monitor.flow.FlowTable;

/**
 * The flow export of one {@code capture} or {@code read} run: a {@link FlowExporter} over the
 * run's flow table, feeding the IPFIX exporter and/or the JSON flow log asked for. Capture thread
 * only, as the table.
 */
final class FlowExport implements AutoCloseable {
    private final IpfixExporter ipfix;
    private final JsonFlowLog json;
    private final FlowExporter exporter;
    private boolean closed;

    private FlowExport(IpfixExporter ipfix, JsonFlowLog json, FlowTable table, ExportOptions o) {
        this.ipfix = ipfix;
        this.json = json;
        List<FlowRecordSink> sinks = new ArrayList<>(2);
        if (ipfix != null) {
            sinks.add(ipfix);
        }
        if (json != null) {
            sinks.add(json);
        }
        FlowRecordSink sink = sinks.size() == 1 ? sinks.get(0) : new Tee(sinks.toArray(FlowRecordSink[]::new));
        this.exporter = new FlowExporter(table, o.activeTimeout(), o.idleTimeout(), sink);
    }

    /** Opens the collector socket and the log; a failure is one line for the user. */
    static FlowExport open(ExportOptions o, FlowTable table, FlowProcesses processes) {
        IpfixExporter ipfix = null;
        try {
            if (o.collector() != null) {
                ipfix = IpfixExporter.open(o.collector(), o.ipfixOptions(), processes, 0);
            }
            JsonFlowLog json = o.flowsJson == null ? null : JsonFlowLog.open(o.flowsJson, processes);
            return new FlowExport(ipfix, json, table, o);
        } catch (IOException e) {
            throw UserError.runtime("cannot export to " + o.ipfix + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (ipfix != null) {
                ipfix.close();
            }
            throw e;
        }
    }

    /** Exports what timed out by {@code nowNanos} (cheap when no scan is due); true when it scanned. */
    boolean tick(long nowNanos) {
        return exporter.tick(nowNanos);
    }

    /** The end of the run: a record for every flow still open. */
    void finish() {
        exporter.finish();
    }

    /** What was exported, one line a destination, for stderr. */
    void printSummary(PrintStream err) {
        if (ipfix != null) {
            err.println(ipfix.summary());
        }
        if (json != null) {
            err.println(json.summary());
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ipfix != null) {
            ipfix.close();
        }
        if (json != null) {
            json.close();
        }
    }

    /** Hands each record to several sinks. */
    private record Tee(FlowRecordSink[] sinks) implements FlowRecordSink {
        @Override
        public void accept(FlowExportRecord record) {
            for (FlowRecordSink s : sinks) {
                s.accept(record);
            }
        }

        @Override
        public void endOfBatch() {
            for (FlowRecordSink s : sinks) {
                s.endOfBatch();
            }
        }

        @Override
        public void close() {
            for (FlowRecordSink s : sinks) {
                s.close();
            }
        }
    }
}
