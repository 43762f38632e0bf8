package org.wiretop.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.wiretop.decode.PacketSummary;
import org.wiretop.monitor.flow.FlowReport;
import org.wiretop.monitor.flow.FlowTable;
import org.wiretop.monitor.flow.FlowTableConfig;
import org.wiretop.monitor.flow.LocalAddresses;

/**
 * The flow tracker behind {@code --flows}: the capture thread feeds the {@link FlowTable} (its
 * only writer) and prints the conversations at the end, each with its process as
 * {@link ProcessNaming} found it while the capture ran (live), or none (a file has no processes
 * to ask).
 */
final class FlowTracking {
    /** A conversation report covers the whole capture: no idle eviction, only the table's cap. */
    private static final Duration KEEP = Duration.ofDays(3650);

    private final FlowTable table;

    /** @param live whether the capture is live (our addresses tell local ends apart) */
    FlowTracking(boolean live) {
        FlowTableConfig config = FlowTableConfig.defaults().withIdleTimeout(KEEP, KEEP);
        this.table = new FlowTable(config, live ? LocalAddresses.fromSystem() : LocalAddresses.none());
    }

    /** Capture thread: one decoded packet ({@code epochNanos} set). Allocates nothing for a known flow. */
    void ingest(PacketSummary s) {
        table.ingest(s);
    }

    /** Capture thread, after the run: the conversations, with processes when {@code names} is given. */
    void printReport(PrintStream out, ProcessNaming names) {
        if (names == null) {
            FlowReport.print(table.snapshot(), out);
        } else {
            FlowReport.printLabelled(table.snapshot(), names::label, out);
        }
    }
}
