package org.wiretop.tui;

import java.io.IOException;

/**
 * Wires the UI's parts (capture engine, flow feeder, monitor feeds, live model) and runs it.
 * The command line calls {@link #run}; everything after it belongs to the UI.
 */
public final class TuiLauncher {
    private TuiLauncher() {
    }

    /**
     * Runs the UI until the user quits.
     *
     * @param spec        what to capture (or the file to browse)
     * @param ringPackets ring bound in packets
     * @param ringBytes   ring bound in bytes
     * @param bufferBytes kernel capture buffer
     */
    public static void run(CaptureSpec spec, int ringPackets, long ringBytes, int bufferBytes) throws IOException {
        try (MonitorFeeds monitor = MonitorFeeds.open(!spec.isFile())) {
            CaptureEngine engine = new CaptureEngine(ringPackets, ringBytes, bufferBytes);
            monitor.feedFrom(engine::ring);
            LiveModel model = new LiveModel(engine, monitor.connections(), monitor.sockets(), monitor.servers());
            model.setFlowSkipped(monitor::flowSkipped);
            model.setProcesses(monitor::processesOf);
            // The flow table preallocates tens of MiB that live as long as the UI. Moved to the old
            // generation now, on an idle heap, they are never copied by a young collection later,
            // which would stop every thread (the capture's too) for up to a second on a busy machine.
            System.gc();
            new TuiApp(engine, model, monitor.servers(), spec).run();
        }
    }
}
