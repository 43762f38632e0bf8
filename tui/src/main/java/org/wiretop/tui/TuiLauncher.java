package org.wiretop.tui;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;

/**
 * Wires the UI's parts (capture engine, flow feeder, monitor feeds, live model) and runs it.
 * The command line calls {@link #run}; everything after it belongs to the UI.
 */
public final class TuiLauncher {
    /** The controlling terminal, for keys and frames when standard input is a pcap stream. */
    public static final String TTY = "/dev/tty";

    private TuiLauncher() {
    }

    /** Whether this process has a terminal to draw on and read keys from ({@value #TTY} opens). */
    public static boolean hasTerminal() {
        try (FileInputStream in = new FileInputStream(TTY)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs the UI until the user quits.
     *
     * @param spec        what to capture (or the file to browse)
     * @param ringPackets ring bound in packets
     * @param ringBytes   ring bound in bytes
     * @param bufferBytes kernel capture buffer
     * @param choices     what ports are dissected as ({@code --decode-as})
     */
    public static void run(CaptureSpec spec, int ringPackets, long ringBytes, int bufferBytes, DecodeChoices choices)
            throws IOException {
        run(spec, ringPackets, ringBytes, bufferBytes, choices, org.wiretop.tui.view.Palette.FULL, false);
    }

    /**
     * As {@link #run(CaptureSpec, int, long, int, DecodeChoices)}, painting with {@code palette}
     * ({@link ColorMode#palette()}) and capturing the mouse when {@code mouse}.
     */
    public static void run(CaptureSpec spec, int ringPackets, long ringBytes, int bufferBytes, DecodeChoices choices,
                           org.wiretop.tui.view.Palette palette, boolean mouse) throws IOException {
        try (MonitorFeeds monitor = MonitorFeeds.open(choices, !spec.isFile() && !spec.isStream())) {
            monitor.setClock(spec.isStream() ? MonitorFeeds.Clock.STREAM
                    : spec.isFile() ? MonitorFeeds.Clock.PACKETS : MonitorFeeds.Clock.WALL);
            CaptureEngine engine = new CaptureEngine(ringPackets, ringBytes, bufferBytes);
            monitor.feedFrom(engine::ring);
            engine.onStart(monitor::captureStarted);
            LiveModel model = new LiveModel(engine, monitor.connections(), monitor.sockets(), monitor.servers(), choices);
            model.setFlowSkipped(monitor::flowSkipped);
            model.setProcesses(monitor::processesOf);
            model.setStats(monitor.stats(), org.wiretop.tui.view.GraphGlyphs.unicode(System.getenv()));
            // The flow table preallocates tens of MiB that live as long as the UI. Moved to the old
            // generation now, on an idle heap, they are never copied by a young collection later,
            // which would stop every thread (the capture's too) for up to a second on a busy machine.
            System.gc();
            if (spec.isStream()) {
                // Standard input carries the packets: keys and frames go through the terminal itself.
                try (FileInputStream keys = new FileInputStream(TTY); FileOutputStream screen = new FileOutputStream(TTY)) {
                    new TuiApp(engine, model, monitor.servers(), spec, keys, screen, palette, mouse).run();
                }
            } else {
                new TuiApp(engine, model, monitor.servers(), spec, System.in, new FileOutputStream(FileDescriptor.out), palette,
                        mouse).run();
            }
        }
    }
}
