package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.Cursor;
import org.wiretop.tui.model.ServerRow;

import java.util.List;

/** Built-in servers with their state, the quick client's last reply and the connection log. */
public final class ServersView {
    private ServersView() {
    }

    public static void draw(Canvas c, int row0, int rows, List<ServerRow> servers, List<String> log,
                            String reply, Cursor cursor) {
        c.line(row0, " " + Canvas.pad("Server", 8) + Canvas.pad("Proto", 6) + Canvas.pad("Listening on", 22)
                + Canvas.pad("State", 10) + Canvas.padLeft("Clients", 8)
                + "   (Space: start/stop, Enter: send a line)", TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        int row = row0 + 1;
        for (int i = 0; i < servers.size() && row < row0 + 1 + rows; i++, row++) {
            ServerRow s = servers.get(i);
            String line = " " + Canvas.pad(s.name(), 8) + Canvas.pad(s.proto(), 6) + Canvas.pad(s.endpoint(), 22)
                    + Canvas.pad(s.running() ? "running" : "stopped", 10) + Canvas.padLeft(Long.toString(s.connections()), 8);
            if (i == cursor.selected()) {
                c.line(row, line, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD);
            } else {
                c.line(row, line, s.running() ? TextColor.ANSI.GREEN : null, null);
            }
        }
        if (servers.isEmpty()) {
            c.text(1, row++, "(the built-in servers are not available)", TextColor.ANSI.WHITE, null, SGR.BOLD);
        }
        row++;
        if (row < row0 + 1 + rows) {
            c.line(row++, " Quick client reply: " + (reply.isEmpty() ? "-" : reply), TextColor.ANSI.YELLOW, null);
        }
        if (row < row0 + 1 + rows) {
            c.line(row++, " Connection log", TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        }
        int room = row0 + 1 + rows - row;
        int from = Math.max(0, log.size() - room);
        for (int i = from; i < log.size() && row < row0 + 1 + rows; i++) {
            c.line(row++, " " + log.get(i), null, null);
        }
    }
}
