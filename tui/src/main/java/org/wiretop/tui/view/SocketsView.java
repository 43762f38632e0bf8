package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.Cursor;
import org.wiretop.tui.UiState;
import org.wiretop.tui.model.SocketRow;

import java.util.List;

/** The netstat-style socket table; '*' marks the listening sockets of our built-in servers. */
public final class SocketsView {
    private SocketsView() {
    }

    public static void draw(Canvas c, int row0, int rows, List<SocketRow> window, Cursor cursor, UiState s) {
        int addr = Math.max(16, Math.min(40, (c.width() - 40) / 3));
        String filter = "  [proto " + s.sockProto().name().toLowerCase() + ", state "
                + (s.sockState().isEmpty() ? "all" : s.sockState()) + "]";
        c.line(row0, " " + header(addr) + filter, TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        if (window.isEmpty()) {
            c.text(1, row0 + 1, "(no sockets match)", TextColor.ANSI.WHITE, null, SGR.BOLD);
            return;
        }
        for (int i = 0; i < window.size() && i < rows; i++) {
            SocketRow r = window.get(i);
            String line = (r.builtIn() ? "*" : " ") + line(r, addr);
            if (cursor.top() + i == cursor.selected()) {
                c.line(row0 + 1 + i, line, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD);
            } else if (r.builtIn()) {
                c.line(row0 + 1 + i, line, TextColor.ANSI.YELLOW, null, SGR.BOLD);
            } else {
                c.line(row0 + 1 + i, line, "LISTEN".equals(r.state()) ? TextColor.ANSI.GREEN : null, null);
            }
        }
    }

    static String header(int addr) {
        return Canvas.pad("Proto", 6) + Canvas.padLeft("Recv-Q", 7) + Canvas.padLeft("Send-Q", 7) + " "
                + Canvas.pad("Local Address", addr) + " " + Canvas.pad("Foreign Address", addr) + " "
                + Canvas.pad("State", 12) + "PID/Program name";
    }

    static String line(SocketRow r, int addr) {
        return Canvas.pad(r.proto(), 6) + Canvas.padLeft(Long.toString(r.recvQ()), 7)
                + Canvas.padLeft(Long.toString(r.sendQ()), 7) + " " + Canvas.pad(r.local(), addr) + " "
                + Canvas.pad(r.remote(), addr) + " " + Canvas.pad(r.state(), 12) + r.process();
    }
}
