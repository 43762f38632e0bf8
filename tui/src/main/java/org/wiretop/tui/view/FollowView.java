package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.FollowSearch;
import org.wiretop.tui.model.FollowModel;

/**
 * The Follow view: a stream's bytes as the two sides sent them, in order, the client's in red and
 * the server's in blue as in Wireshark's "Follow Stream" (bright, to read on a dark terminal); a
 * gap the capture missed in yellow. A title line names the stream, both ends, each side's byte
 * count and what reassembly could not show.
 */
public final class FollowView {
    static final TextColor CLIENT = TextColor.ANSI.RED_BRIGHT;
    static final TextColor SERVER = TextColor.ANSI.BLUE_BRIGHT;

    private FollowView() {
    }

    public static void draw(Canvas c, int row0, int rows, FollowModel m) {
        draw(c, row0, rows, m, "");
    }

    /** As {@link #draw(Canvas, int, int, FollowModel)}, each match of {@code search} highlighted. */
    public static void draw(Canvas c, int row0, int rows, FollowModel m, String search) {
        if (m == null) {
            c.line(row0, " Follow", TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
            return;
        }
        String keys = "   (x: " + (m.hex() ? "text" : "hex") + ", /: search" + (search.isEmpty() ? "" : " n/N: " + search)
                + ", Esc: back)";
        c.line(row0, " Follow " + m.title() + keys, TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        int row = row0 + 1;
        String client = " client " + m.client() + " bytes ";
        String server = " server " + m.server() + " bytes ";
        c.line(row, "", null, null);
        c.text(0, row, client, TextColor.ANSI.BLACK, CLIENT, SGR.BOLD);
        c.text(client.length() + 1, row, server, TextColor.ANSI.WHITE_BRIGHT, SERVER, SGR.BOLD);
        String where = m.total() == 0 ? "  (no payload yet)"
                : "  lines " + (m.top() + 1) + "-" + (m.top() + m.lines().size()) + " of " + m.total();
        String note = m.note().isEmpty() ? "" : "  " + m.note();
        c.text(client.length() + server.length() + 2, row, where + note, TextColor.ANSI.YELLOW, null);
        for (int i = 0; i < m.lines().size() && i < rows - 1; i++) {
            FollowModel.Line l = m.lines().get(i);
            if (l.gap()) {
                c.line(row + 1 + i, l.text(), TextColor.ANSI.YELLOW, null, SGR.BOLD);
            } else if (l.server()) {
                c.line(row + 1 + i, l.text(), SERVER, null, SGR.BOLD); // bold: the sides apart without colour too
            } else {
                c.line(row + 1 + i, l.text(), CLIENT, null);
            }
            for (int[] span : FollowSearch.spans(l, search, m.hex())) {
                int end = Math.min(l.text().length(), span[0] + span[1]);
                c.text(span[0], row + 1 + i, l.text().substring(Math.min(span[0], end), end), TextColor.ANSI.BLACK,
                        TextColor.ANSI.YELLOW, SGR.BOLD);
            }
        }
    }
}
