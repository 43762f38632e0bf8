package org.wiretop.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.wiretop.capture.format.LineBuilder;
import org.wiretop.monitor.export.FlowJson;
import org.wiretop.monitor.export.FlowProcesses;
import org.wiretop.monitor.flow.FlowExportRecord;
import org.wiretop.monitor.flow.FlowRecordSink;

/**
 * {@code --flows-json FILE|-}: one {@link FlowJson} line per exported flow record, through a
 * {@link LineOutput} (one large buffer, flushed after each export scan, so a shipper tailing the
 * file sees records within a second of their export).
 */
final class JsonFlowLog implements FlowRecordSink {
    private final OutputStream stream;
    private final boolean ownStream;
    private final LineOutput out;
    private final LineBuilder line = new LineBuilder(512);
    private final FlowProcesses processes;
    private final String path;
    private long records;

    private JsonFlowLog(String path, OutputStream stream, boolean ownStream, FlowProcesses processes) {
        this.path = path;
        this.stream = stream;
        this.ownStream = ownStream;
        this.out = new LineOutput(stream, 0);
        this.processes = processes;
    }

    /** Opens {@code path} ("-" = standard output), truncating a file. */
    static JsonFlowLog open(String path, FlowProcesses processes) {
        if (path.equals("-")) {
            return new JsonFlowLog(path, new FileOutputStream(FileDescriptor.out), false, processes);
        }
        try {
            return new JsonFlowLog(path, new FileOutputStream(path), true, processes);
        } catch (IOException e) {
            throw UserError.runtime("cannot write the flow log " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void accept(FlowExportRecord record) {
        line.setLength(0);
        FlowJson.append(record, processes, line);
        line.append('\n');
        out.write(line);
        records++;
    }

    @Override
    public void endOfBatch() {
        out.flush();
    }

    /** True once a write failed (a full disk, a closed pipe). */
    boolean failed() {
        return out.failed();
    }

    @Override
    public void close() {
        out.close();
        if (ownStream) {
            try {
                stream.close();
            } catch (IOException e) {
                // flushed above; nothing more to do
            }
        }
    }

    /** One line for the end of the run. */
    String summary() {
        return records + " flow records written to " + (path.equals("-") ? "standard output" : path)
                + (failed() ? " (a write failed: the log is incomplete)" : "");
    }
}
