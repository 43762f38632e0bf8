package org.wiretop.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.StreamBasedTerminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.InterfaceInfo;
import org.wiretop.capture.Sources;
import org.wiretop.capture.ThreadNice;
import org.wiretop.capture.LiveOptions;
import org.wiretop.capture.PcapWriter;
import org.wiretop.capture.filter.DisplayFilter;
import org.wiretop.tui.view.Palette;
import org.wiretop.tui.model.ConnRow;
import org.wiretop.tui.view.ScreenPainter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The terminal UI's main loop on the UI thread: reads keys, reduces them into the
 * {@link UiState}, takes a snapshot every {@value #TICK_MILLIS} ms (or at once after a key) and
 * paints it with the Screen layer. The terminal is restored on every way out: q, Ctrl-C (a key
 * in raw mode), end of input, SIGTERM (shutdown hook) and any exception.
 */
public final class TuiApp {
    static final long TICK_MILLIS = 200;
    /**
     * How long a frame may analyse the ring's new packets: a tick's frame at most 20 ms, one that
     * answers a key 2 ms, so the key is painted first and the analysis catches up on the next ticks.
     */
    static final long FRAME_ANALYSIS_NANOS = 20_000_000L;
    static final long KEY_ANALYSIS_NANOS = 2_000_000L;

    private final CaptureEngine engine;
    private final LiveModel model;
    private final Feeds.Servers servers;
    private final CaptureSpec initial;
    private final InputStream keys;
    private final OutputStream screenOut;
    private final Palette palette;
    private final boolean mouse;
    private final MouseClicks clicks = new MouseClicks();
    /** Work that may block (saving, servers, quick client) runs here, never on the UI thread. */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wiretop-ui-worker");
        t.setDaemon(true);
        return t;
    });
    /** Notes from the worker for the message line. */
    private final AtomicReference<String> note = new AtomicReference<>();
    private final AtomicBoolean restored = new AtomicBoolean();
    private Screen screen;
    private FrameOutput frames;
    /** The Connections rows on screen at the last paint (for {@code f} there). */
    private List<ConnRow> lastConnections = List.of();

    /**
     * @param keys      where keys come from (standard input, or the terminal itself when standard
     *                  input carries the packets)
     * @param screenOut where frames go (standard output, or the terminal itself)
     */
    public TuiApp(CaptureEngine engine, LiveModel model, Feeds.Servers servers, CaptureSpec initial,
                  InputStream keys, OutputStream screenOut) {
        this(engine, model, servers, initial, keys, screenOut, Palette.FULL, false);
    }

    /**
     * @param palette what the terminal shows of the colours ({@link ColorMode})
     * @param mouse   capture the mouse (clicks, wheel) while the UI runs
     */
    public TuiApp(CaptureEngine engine, LiveModel model, Feeds.Servers servers, CaptureSpec initial,
                  InputStream keys, OutputStream screenOut, Palette palette, boolean mouse) {
        this.palette = palette;
        this.mouse = mouse;
        this.engine = engine;
        this.model = model;
        this.servers = servers;
        this.initial = initial;
        this.keys = keys;
        this.screenOut = screenOut;
    }

    /** Opens the terminal, runs until the user quits, and restores the terminal. */
    public void run() throws IOException {
        frames = new FrameOutput(screenOut);
        DefaultTerminalFactory factory = new DefaultTerminalFactory(frames, keys, StandardCharsets.UTF_8)
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP);
        Terminal terminal = factory.createTerminal();
        if (mouse && terminal instanceof StreamBasedTerminal t) {
            t.getInputDecoder().addProfile(() -> List.of(new SgrMouse()));
        }
        screen = new DeltaScreen(terminal, frames);
        Thread hook = new Thread(this::restore, "wiretop-restore-terminal");
        Runtime.getRuntime().addShutdownHook(hook);
        try (UiTrace trace = UiTrace.fromEnvironment()) {
            screen.startScreen();
            screen.setCursorPosition(null);
            if (mouse) {
                frames.write(SgrMouse.ENABLE.getBytes(StandardCharsets.US_ASCII));
                frames.flush();
            }
            TerminalSize size = screen.getTerminalSize();
            RenderWarmup.start(size.getColumns(), size.getRows(), palette,
                    org.wiretop.tui.view.GraphGlyphs.unicode(System.getenv()), () -> trace.warmed("render"));
            AnalysisWarmup.start(() -> trace.warmed("analysis"));
            loop(trace);
            engine.close(); // the capture thread publishes its final counters as it ends
            PacketRing ring = engine.ring();
            trace.end(engine.status().stats(), ring == null ? 0 : ring.end(), model.flowSkipped());
        } finally {
            restore();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // already running: it only restores the terminal, which is done
            }
        }
    }

    private void loop(UiTrace trace) throws IOException {
        ThreadNice.set(ThreadNice.UI);
        String err = engine.start(initial);
        if (!err.isEmpty()) {
            model.setBanner(banner(err));
        }
        TerminalSize size = screen.getTerminalSize();
        UiState state = UiState.initial(initial.label(), initial.bpf(), size.getColumns(), size.getRows());
        long nextTick = 0;
        LiveModel.Result last = null;
        while (true) {
            boolean dirty = false;
            long keyTime = 0;
            KeyStroke key;
            while ((key = screen.pollInput()) != null) {
                Prompt before = state.prompt();
                Step step = key instanceof MouseAction m
                        ? MouseReducer.reduce(state, m, clicks.isDouble(m, m.getEventTime()))
                        : KeyReducer.reduce(state, key);
                state = step.state();
                if (before == null && state.prompt() != null && state.prompt().kind() == Prompt.Kind.INTERFACE) {
                    state = state.withPrompt(state.prompt().failed(interfaceChoices()));
                }
                if (step.command() instanceof Command.Quit) {
                    return;
                }
                state = execute(state, step.command());
                dirty = true;
                keyTime = key.getEventTime();
            }
            TerminalSize resized = screen.doResizeIfNecessary();
            if (resized != null) {
                state = state.withSize(resized.getColumns(), resized.getRows());
                dirty = true;
            }
            String n = note.getAndSet(null);
            if (n != null) {
                state = state.withMessage(n);
                dirty = true;
            }
            long now = System.nanoTime();
            if (now >= nextTick) {
                model.sampleRates(now);
                engine.refreshIdleStats();
                // A fixed rate (not "now + tick"), so paints do not drift below 1000/TICK_MILLIS a second.
                nextTick += TICK_MILLIS * 1_000_000;
                if (nextTick <= now) {
                    nextTick = now + TICK_MILLIS * 1_000_000; // fell behind (or first tick): start afresh
                }
                dirty = true;
            }
            if (!dirty) {
                LockSupport.parkNanos(5_000_000);
                continue;
            }
            long t0 = System.nanoTime();
            last = model.take(state, t0 + (keyTime != 0 ? KEY_ANALYSIS_NANOS : FRAME_ANALYSIS_NANOS));
            state = last.state();
            lastConnections = last.frame().connections();
            long t1 = System.nanoTime();
            ScreenPainter.paint(screen.newTextGraphics(), last.frame(), state, palette);
            long t2 = System.nanoTime();
            frames.hold();
            try {
                screen.refresh(resized != null ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
            } finally {
                frames.release();
            }
            long t3 = System.nanoTime();
            trace.paint((t3 - t0) / 1000, (t1 - t0) / 1000, (t2 - t1) / 1000, (t3 - t2) / 1000, frames.lastFrameBytes());
            if (keyTime != 0) {
                trace.key((System.currentTimeMillis() - keyTime) * 1000);
            }
        }
    }

    /** Carries out a key's command; the result (or its error) goes back into the state. */
    private UiState execute(UiState s, Command c) {
        if (c == null) {
            return s;
        }
        if (c instanceof Command.ApplyDisplayFilter f) {
            try {
                DisplayFilter filter = DisplayFilter.compile(f.text());
                model.setFilter(filter);
                return s.withDisplayFilter(filter.text()).withPackets(Cursor.following().withPage(s.listRows()))
                        .withDetail(-1, 0);
            } catch (CaptureException e) {
                return s.withPrompt(new Prompt(Prompt.Kind.DISPLAY_FILTER, f.text(), e.getMessage()));
            }
        }
        if ((c instanceof Command.RestartCapture || c instanceof Command.SwitchInterface) && engine.status().spec().isStream()) {
            return s.withMessage("the packets come from a stream on stdin: no other capture filter or interface "
                    + "(use / for a display filter)");
        }
        if (c instanceof Command.RestartCapture r) {
            return restart(s, CaptureSpec.live(s.iface(), r.bpf()), Prompt.Kind.CAPTURE_FILTER, r.bpf());
        }
        if (c instanceof Command.SwitchInterface i) {
            String dev = i.name().isEmpty() ? "any" : i.name();
            return restart(s, CaptureSpec.live(dev, s.captureFilter()), Prompt.Kind.INTERFACE, i.name());
        }
        if (c instanceof Command.SaveRing w) {
            PacketRing ring = engine.ring();
            if (ring == null) {
                return s.withMessage("nothing to save: no capture has run");
            }
            worker.execute(() -> note.set(save(ring, w.path())));
            return s.withMessage("saving to " + w.path() + "...");
        }
        if (c instanceof Command.ToggleServer t) {
            worker.execute(() -> note.set(servers.toggle(t.index())));
            return s;
        }
        if (c instanceof Command.FollowConnection) {
            return followConnection(s);
        }
        if (c instanceof Command.SendToServer m) {
            model.setClientReply("(waiting for the reply...)");
            worker.execute(() -> {
                String reply = servers.send(m.index(), m.line());
                model.setClientReply(reply);
            });
            return s;
        }
        return s;
    }

    /** {@code f} in Connections: the Follow view (over Packets) of the selected row's stream, found in the ring. */
    private UiState followConnection(UiState s) {
        List<ConnRow> shown = lastConnections;
        int at = (int) (s.connections().selected() - s.connections().top());
        if (at < 0 || at >= shown.size() || shown.get(at).proto().equals("*")) {
            return s.withMessage("f follows one connection: pick a row (not a group)");
        }
        long seq = model.newestPacketOf(shown.get(at));
        if (seq < 0) {
            return s.withMessage("no packet of " + shown.get(at).local() + " <-> " + shown.get(at).remote()
                    + " is held in the ring any more");
        }
        return s.withView(View.PACKETS).withFollow(UiState.Follow.ofPacket(seq));
    }

    /** "choose from: any lo eth0" for the interface prompt (libpcap's list; quick). */
    private static String interfaceChoices() {
        try {
            StringBuilder b = new StringBuilder("choose from:");
            for (InterfaceInfo i : Sources.interfaces()) {
                b.append(' ').append(i.name());
            }
            return b.toString();
        } catch (CaptureException | RuntimeException | LinkageError e) {
            return "";
        }
    }

    private UiState restart(UiState s, CaptureSpec spec, Prompt.Kind kind, String typed) {
        CaptureSpec before = engine.status().spec();
        String err = engine.start(spec);
        if (err.isEmpty()) {
            model.setBanner("");
            return s.withCapture(spec.label(), spec.bpf());
        }
        // A bad filter or interface keeps the capture that ran before.
        if (!before.isFile() && !before.equals(spec)) {
            engine.start(before);
        }
        return s.withPrompt(new Prompt(kind, typed, err));
    }

    /** Writes every packet the ring holds to a pcap file; returns the note for the user. */
    static String save(PacketRing ring, String path) {
        long first = ring.first();
        long end = ring.end();
        long written = 0;
        try (PcapWriter w = PcapWriter.open(path, ring.linkType(), LiveOptions.DEFAULT_SNAPLEN)) {
            PacketRing.Scratch sc = new PacketRing.Scratch();
            for (long seq = first; seq < end; seq++) {
                if (ring.readInto(seq, sc)) {
                    w.write(sc.epochNanos, sc.wireLength, sc.data, sc.length);
                    written++;
                }
            }
        } catch (CaptureException e) {
            return "not saved: " + e.getMessage();
        }
        return "saved " + written + " packets to " + path;
    }

    static String banner(String captureError) {
        return "no capture (" + captureError + ") - sockets, servers and files still work";
    }

    /** Leaves the terminal as it was (idempotent; also the SIGTERM hook). */
    private void restore() {
        if (!restored.compareAndSet(false, true)) {
            return;
        }
        try {
            if (screen != null) {
                if (mouse) {
                    frames.write(SgrMouse.DISABLE.getBytes(StandardCharsets.US_ASCII));
                }
                screen.stopScreen();
            }
        } catch (IOException | RuntimeException e) {
            // the terminal is gone; nothing left to restore
        }
        worker.shutdownNow();
        engine.close();
    }
}
