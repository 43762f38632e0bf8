package org.wiretop.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.wiretop.capture.ThreadNice;
import org.wiretop.tui.model.Frame;
import org.wiretop.tui.model.PacketRow;
import org.wiretop.tui.model.StatusInfo;
import org.wiretop.tui.view.Palette;
import org.wiretop.tui.view.ScreenPainter;

/**
 * Runs the redraw path (decode and format the visible packets, draw, encode the delta) over a
 * few hundred made-up frames of the Packets view, then of the Connections view (rows, their
 * sparklines, the detail pane) and of the Statistics view (the I/O graph, the tables), on a
 * virtual terminal at start-up, on a thread of its own at nice 10 (it only uses what the capture
 * and the UI leave of a core). Until the JIT has compiled that path it runs interpreted, and the
 * first burst of traffic, which changes every cell of the screen at once, made a redraw (and a
 * key waiting for it) take up to a quarter of a second; warmed up, the same redraw takes a few
 * milliseconds.
 */
final class RenderWarmup {
    static final int FRAMES = 300;
    /** The views warmed, in this order, {@link #FRAMES} frames each. */
    static final List<View> VIEWS = List.of(View.PACKETS, View.CONNECTIONS, View.STATS);

    private RenderWarmup() {
    }

    /** Starts warming up in the background, in the terminal's palette and glyphs, then runs {@code done}; never fails the UI. */
    static void start(int columns, int rows, Palette palette, boolean unicode, Runnable done) {
        Thread t = new Thread(() -> {
            ThreadNice.set(ThreadNice.BACKGROUND); // Java's thread priorities mean nothing to Linux
            try {
                run(columns, rows, FRAMES, palette, unicode, VIEWS.toArray(View[]::new));
            } catch (IOException | RuntimeException e) {
                // only a warm-up: the UI works without it
            }
            done.run();
        }, "wiretop-render-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** Paints {@code frames} frames of each of {@code views}, every row new each frame; returns the last screen. */
    static Screen run(int columns, int rows, int frames, Palette palette, boolean unicode, View... views) throws IOException {
        DeltaScreen screen = new DeltaScreen(new DefaultVirtualTerminal(new TerminalSize(columns, rows)),
                OutputStream.nullOutputStream());
        screen.startScreen();
        UiState initial = UiState.initial("lo", "", columns, rows);
        PacketRows packetRows = new PacketRows();
        byte[][] packets = {udp(), tcp(), dns()};
        for (View v : views) {
            UiState state = initial.withView(v);
            for (int f = 0; f < frames; f++) {
                Frame frame = switch (v) {
                    case CONNECTIONS -> {
                        state = state.withConnections(state.connections().withBounds(0, state.listRows()))
                                .withGraphs(GraphChoice.DEFAULT.withConnDetail(f % 4 == 3));
                        yield WarmupFrames.connections(f, state.listRows(), unicode);
                    }
                    case STATS -> {
                        state = state.withGraphs(WarmupFrames.choice(f));
                        yield WarmupFrames.statistics(f, unicode);
                    }
                    default -> packets(f, state.listRows(), packetRows, packets);
                };
                ScreenPainter.paint(screen.newTextGraphics(), frame, state, palette);
                screen.refresh(Screen.RefreshType.DELTA);
            }
        }
        return screen;
    }

    /** Frame {@code f} of the Packets view: {@code rows} packets decoded and formatted, none as in the frame before. */
    private static Frame packets(int f, int rows, PacketRows packetRows, byte[][] packets) {
        List<PacketRow> window = new ArrayList<>();
        long seq = (long) f * rows;
        for (int r = 0; r < rows; r++, seq++) {
            byte[] data = packets[(int) (seq % packets.length)];
            window.add(packetRows.row(new RawPacket(seq, 1_700_000_000_000_000_000L + seq * 1_000, data.length, 1, data)));
        }
        StatusInfo status = new StatusInfo("lo", "", "", seq, seq * 100.0, 0, 0, seq, false, "00:00:00", "");
        return new Frame(status, window, null, List.of(), List.of(), List.of(), List.of(), "");
    }

    /** Ethernet / IPv4 / UDP 127.0.0.1:40000 > 127.0.0.1:9777, 4 bytes of payload. */
    private static byte[] udp() {
        return hex("000000000000 000000000000 0800"
                + "4500 0020 0001 4000 4011 0000 7f000001 7f000001"
                + "9c40 2631 000c 0000 61626364");
    }

    /** Ethernet / IPv4 / UDP 127.0.0.1:40000 > 127.0.0.1:53, a DNS query for example.com (the application path). */
    private static byte[] dns() {
        return hex("000000000000 000000000000 0800"
                + "4500 0039 0003 4000 4011 0000 7f000001 7f000001"
                + "9c40 0035 0025 0000" + "1234 0100 0001 0000 0000 0000 076578616d706c6503636f6d00 0001 0001");
    }

    /** Ethernet / IPv4 / TCP 127.0.0.1:40000 > 127.0.0.1:80 [S.] with MSS, SACK-permitted, timestamps and window scale. */
    private static byte[] tcp() {
        return hex("000000000000 000000000000 0800"
                + "4500 003c 0002 4000 4006 0000 7f000001 7f000001"
                + "9c40 0050 00000001 00000002 a012 ffff 0000 0000"
                + "020405b4 0402 080a 00000001 00000000 01 030307");
    }

    private static byte[] hex(String text) {
        String h = text.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
