package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import org.wiretop.tui.UiState;
import org.wiretop.tui.View;
import org.wiretop.tui.model.Frame;

/**
 * Draws a whole screen from (frame, UI state): tab bar, the current view, the input/message
 * line and the status bar. A pure function of its arguments; the app calls it on every redraw.
 */
public final class ScreenPainter {
    private ScreenPainter() {
    }

    public static void paint(TextGraphics g, Frame f, UiState s) {
        paint(g, f, s, Palette.FULL);
    }

    /** As {@link #paint(TextGraphics, Frame, UiState)}, in what {@code palette} shows of the colours. */
    public static void paint(TextGraphics g, Frame f, UiState s, Palette palette) {
        Canvas c = new Canvas(g, palette, f.graphs() != null && !f.graphs().unicode());
        int h = c.height();
        c.line(0, "", null, null);
        c.line(0, "", TextColor.ANSI.WHITE, TextColor.ANSI.BLUE);
        int col = 1;
        for (View v : View.values()) {
            String tab = " " + v.key() + " " + v.title() + " ";
            if (v == s.view()) {
                c.text(col, 0, tab, TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD);
            } else {
                c.text(col, 0, tab, TextColor.ANSI.WHITE, TextColor.ANSI.BLUE);
            }
            col += tab.length() + 1;
        }
        String name = "wiretop  ? help ";
        if (col + name.length() <= c.width()) { // whole or not at all (a narrow terminal keeps the tabs)
            c.text(c.width() - name.length(), 0, name, TextColor.ANSI.WHITE, TextColor.ANSI.BLUE, SGR.BOLD);
        }

        int rows = s.listRows();
        for (int r = 1; r < h - 2; r++) {
            c.line(r, "", null, null);
        }
        switch (s.view()) {
            case PACKETS -> {
                if (s.followOpen()) {
                    FollowView.draw(c, 1, rows, f.follow(), s.follow().search());
                } else if (s.detailOpen()) {
                    DetailView.draw(c, 1, rows, f.detail(), s.detailLayer());
                } else {
                    PacketsView.draw(c, 1, rows, f.packets(), s.packets());
                }
            }
            case CONNECTIONS -> {
                if (s.graphs().connDetail() && f.graphs().detail() != null) {
                    ConnGraphs.detail(c, 1, rows, f.graphs().detail(), f.graphs().unicode());
                } else {
                    ConnectionsView.draw(c, 1, rows, f.connections(), s.connections(), s);
                    if (s.connGroup() == UiState.ConnGroup.NONE) {
                        ConnGraphs.sparklines(c, 1, rows, f.connections(), s.connections(), f.graphs(),
                                s.connSort().ordinal());
                    }
                }
            }
            case STATS -> StatsView.draw(c, 1, rows, f.graphs(), s.graphs(), s.statsTables());
            case SOCKETS -> SocketsView.draw(c, 1, rows, f.sockets(), s.sockets(), s);
            case SERVERS -> ServersView.draw(c, 1, rows, f.servers(), f.serverLog(), f.clientReply(), s.servers());
            case TRANSACTIONS -> TransactionsView.draw(c, 1, rows, f.transactions(), s);
        }
        if (s.help()) {
            HelpView.draw(c, 2, rows);
        }
        bottomLine(c, h - 2, f, s);
        StatusBar.draw(c, h - 1, f.status());
        ConnGraphs.statusSparkline(c, h - 1, f.graphs());
    }

    /** The input line when a prompt is open, else the last message, else the banner, else hints. */
    private static void bottomLine(Canvas c, int row, Frame f, UiState s) {
        if (s.prompt() != null) {
            String text = " " + s.prompt().kind().label() + ": " + s.prompt().text();
            c.line(row, text + "_", TextColor.ANSI.WHITE, null, SGR.BOLD);
            if (!s.prompt().error().isEmpty()) {
                int at = Math.min(c.width() - 1, text.length() + 3);
                c.text(at, row, "<- " + s.prompt().error(), TextColor.ANSI.RED_BRIGHT, null, SGR.BOLD);
            }
        } else if (!s.message().isEmpty()) {
            c.line(row, " " + s.message(), TextColor.ANSI.YELLOW, null, SGR.BOLD);
        } else if (!f.status().banner().isEmpty()) {
            c.line(row, " " + f.status().banner(), TextColor.ANSI.BLACK, TextColor.ANSI.YELLOW, SGR.BOLD);
        } else {
            c.line(row, " / filter  c capture filter  i interface  w save  Space pause  Enter detail  f follow  ? help  q quit",
                    TextColor.ANSI.WHITE, null);
        }
    }
}
