package org.wiretop.monitor.flow;

/**
 * Where a {@link FlowExporter} sends its records (an IPFIX exporter, a JSON flow log). Called on
 * the capture thread, which must never wait: a sink buffers, and sends or writes without blocking.
 */
public interface FlowRecordSink extends AutoCloseable {
    /** One record; the object is reused after the call returns. */
    void accept(FlowExportRecord record);

    /**
     * After each scan for expired flows (records or not) and at the end: send what is buffered,
     * and whatever is due by the sink's own clock (IPFIX's template refresh).
     */
    void endOfBatch();

    /** Sends what is left; called once, after the last {@link #endOfBatch}. */
    @Override
    void close();
}
