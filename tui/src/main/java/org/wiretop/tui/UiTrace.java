package org.wiretop.tui;

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Optional timing log for the responsiveness benchmark: when WIRETOP_UI_TRACE names a file,
 * every paint writes "paint EPOCH_MS TOTAL_US SNAPSHOT_US DRAW_US OUTPUT_US BYTES", every key "key EPOCH_MS LATENCY_US" (from the
 * key's arrival to the end of the paint that shows it), "warmed EPOCH_MS WHAT" as each start-up warm-up ends
 * (from its own thread) and the capture's counters at the end. Off by default; never fails the UI.
 */
public final class UiTrace implements AutoCloseable {
    private final PrintWriter out;

    private UiTrace(PrintWriter out) {
        this.out = out;
    }

    public static UiTrace fromEnvironment() {
        String path = System.getenv("WIRETOP_UI_TRACE");
        if (path == null || path.isBlank()) {
            return new UiTrace(null);
        }
        try {
            return new UiTrace(new PrintWriter(new FileWriter(path, false), true));
        } catch (IOException e) {
            return new UiTrace(null);
        }
    }

    /** One redraw: total, snapshot, drawing and terminal-output times in microseconds, and the bytes sent. */
    public void paint(long totalMicros, long snapshotMicros, long drawMicros, long outputMicros, int bytes) {
        if (out != null) {
            out.println("paint " + System.currentTimeMillis() + " " + totalMicros + " " + snapshotMicros + " "
                    + drawMicros + " " + outputMicros + " " + bytes);
        }
    }

    public void key(long latencyMicros) {
        if (out != null) {
            out.println("key " + System.currentTimeMillis() + " " + latencyMicros);
        }
    }

    /** A start-up warm-up ({@code what}: render, analysis) has ended. */
    public void warmed(String what) {
        if (out != null) {
            out.println("warmed " + System.currentTimeMillis() + " " + what);
        }
    }

    /** The capture's final counters: "end captured N received R kernel-drops D if-drops I ring-total T flows-skipped F". */
    public void end(org.wiretop.capture.CaptureStats st, long ringTotal, long flowsSkipped) {
        if (out != null) {
            out.println("end captured " + st.captured() + " received " + st.receivedByFilter() + " kernel-drops "
                    + st.droppedByKernel() + " if-drops " + st.droppedByIface() + " ring-total " + ringTotal
                    + " flows-skipped " + flowsSkipped);
        }
    }

    @Override
    public void close() {
        if (out != null) {
            out.close();
        }
    }
}
