package org.wiretop.tui.view;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import org.wiretop.tui.GraphChoice;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.model.Frame;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * What one redraw's drawing costs, in CPU time of the drawing thread (so a loaded machine does
 * not inflate it): the Statistics view (stacked protocols, Unicode), the Connections view with
 * sparklines, and the Packets view for comparison, painted into Lanterna's back buffer as the app
 * does. Not a test; run after {@code mvn -pl tui -am package}:
 * <pre>java -cp tui/target/wiretop.jar:tui/target/test-classes org.wiretop.tui.view.DrawCost [160 45]</pre>
 */
public final class DrawCost {
    private DrawCost() {
    }

    public static void main(String[] args) throws Exception {
        int w = args.length > 0 ? Integer.parseInt(args[0]) : 160;
        int h = args.length > 1 ? Integer.parseInt(args[1]) : 45;
        TerminalScreen screen = new TerminalScreen(new DefaultVirtualTerminal(new TerminalSize(w, h)));
        screen.startScreen();
        GraphChoice g = GraphChoice.DEFAULT;
        Frame stats = GraphScreensTest.frame(GraphScreensTest.graphs(true, g, null));
        Frame statsAscii = GraphScreensTest.frame(GraphScreensTest.graphs(false, g, null));
        Frame packets = Canned.frame(Canned.status(false, ""));
        UiState packetsState = UiState.initial("lo", "", w, h);
        packetsState = packetsState.withPackets(packetsState.packets().withBounds(40, 46));
        report("Statistics (Unicode)", screen, stats, GraphScreensTest.state(View.STATS, w, h, g));
        report("Statistics (ASCII)", screen, statsAscii, GraphScreensTest.state(View.STATS, w, h, g));
        report("Statistics, 1 h window", screen, GraphScreensTest.frame(GraphScreensTest.graphs(true,
                g.withWindow(GraphChoice.Window.HOUR), null)), GraphScreensTest.state(View.STATS, w, h,
                g.withWindow(GraphChoice.Window.HOUR)));
        report("Connections + sparklines", screen, stats, GraphScreensTest.state(View.CONNECTIONS, w, h, g));
        report("Packets (6 rows)", screen, packets, packetsState);
    }

    private static void report(String what, TerminalScreen screen, Frame f, UiState s) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3000; i++) {
            ScreenPainter.paint(screen.newTextGraphics(), f, s); // warm-up (the JIT)
        }
        long[] ns = new long[2000];
        for (int i = 0; i < ns.length; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            ScreenPainter.paint(screen.newTextGraphics(), f, s);
            ns[i] = mx.getCurrentThreadCpuTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("%-26s %dx%d: drawing CPU median %.3f ms, p95 %.3f ms a redraw%n", what, s.width(), s.height(),
                ns[ns.length / 2] / 1e6, ns[ns.length * 95 / 100] / 1e6);
    }
}
