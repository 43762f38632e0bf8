package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.model.StatusInfo;

/** The bottom line: interface, filters, rates, drops, pause and clock. */
public final class StatusBar {
    private StatusBar() {
    }

    public static void draw(Canvas c, int row, StatusInfo s) {
        String text = " " + s.iface()
                + " | bpf: " + (s.captureFilter().isEmpty() ? "-" : s.captureFilter())
                + " | filter: " + (s.displayFilter().isEmpty() ? "-" : s.displayFilter())
                + " | " + Numbers.count(s.packetsPerSec()) + " pkt/s " + Numbers.bytes(s.bytesPerSec()) + "B/s"
                + " | held " + s.held()
                + " | drops kernel " + s.kernelDrops() + " ring " + s.ringDrops()
                + (s.paused() ? " | PAUSED" : "");
        String clock = s.clock() + " ";
        int room = c.width() - clock.length();
        c.line(row, Canvas.pad(text, Math.max(0, room)) + clock, TextColor.ANSI.BLACK,
                s.paused() ? TextColor.ANSI.YELLOW : TextColor.ANSI.WHITE, SGR.BOLD);
    }
}
