package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.Cursor;
import org.wiretop.tui.model.PacketRow;

import java.util.List;

/** The live Packets list: one header line and the visible window of rows, coloured by protocol. */
public final class PacketsView {
    private PacketsView() {
    }

    /** Draws the header at {@code row0} and up to {@code rows} packets below it. */
    public static void draw(Canvas c, int row0, int rows, List<PacketRow> window, Cursor cursor) {
        int w = c.width();
        int addr = Math.max(8, Math.min(24, (w - 46) / 3));
        c.line(row0, header(addr), TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        if (window.isEmpty()) {
            c.text(1, row0 + 1, "(no packets yet)", TextColor.ANSI.WHITE, null, SGR.BOLD);
            return;
        }
        for (int i = 0; i < window.size() && i < rows; i++) {
            PacketRow r = window.get(i);
            boolean selected = cursor.top() + i == cursor.selected();
            String text = line(r, addr);
            if (selected) {
                c.line(row0 + 1 + i, text, TextColor.ANSI.BLACK, colour(r), SGR.BOLD);
            } else {
                c.line(row0 + 1 + i, text, colour(r), r.mark() == PacketRow.Mark.EXPERT ? TextColor.ANSI.BLACK : null);
            }
        }
    }

    static String header(int addr) {
        return " " + Canvas.padLeft("No.", 7) + " " + Canvas.pad("Time", 15) + " " + Canvas.pad("Source", addr) + " "
                + Canvas.pad("Destination", addr) + " " + Canvas.pad("Proto", 6) + Canvas.padLeft("Len", 6) + "  Info";
    }

    static String line(PacketRow r, int addr) {
        char mark = switch (r.mark()) {
            case OK -> ' ';
            case TRUNCATED -> '~';
            case INVALID -> '!';
            case EXPERT -> '*';
        };
        return mark + Canvas.padLeft(Long.toString(r.number()), 7) + " " + Canvas.pad(r.time(), 15) + " "
                + Canvas.pad(r.source(), addr) + " " + Canvas.pad(r.destination(), addr) + " "
                + Canvas.pad(r.protocol(), 6) + Canvas.padLeft(Integer.toString(r.length()), 6) + "  " + r.info();
    }

    /**
     * Colour of a row: by protocol (applications bright white), red for packets that decoded badly;
     * a TCP problem (an expert flag) red on black, as Wireshark's "Bad TCP" rule.
     */
    static TextColor colour(PacketRow r) {
        if (r.mark() == PacketRow.Mark.INVALID) {
            return TextColor.ANSI.RED_BRIGHT;
        }
        if (r.mark() == PacketRow.Mark.EXPERT) {
            return TextColor.ANSI.RED_BRIGHT;
        }
        if (r.mark() == PacketRow.Mark.TRUNCATED) {
            return TextColor.ANSI.RED;
        }
        return switch (r.protocol()) {
            case "TCP" -> TextColor.ANSI.CYAN;
            case "UDP" -> TextColor.ANSI.GREEN;
            case "ICMP", "ICMPv6" -> TextColor.ANSI.MAGENTA;
            case "ARP" -> TextColor.ANSI.YELLOW;
            case "IPv4", "IPv6", "ETH", "?" -> TextColor.ANSI.WHITE;
            // an application protocol (DNS, HTTP, TLS, ...), unless an undecoded link type ("DLT147")
            default -> r.protocol().startsWith("DLT") ? TextColor.ANSI.WHITE : TextColor.ANSI.WHITE_BRIGHT;
        };
    }
}
