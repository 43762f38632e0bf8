package org.wiretop.tui.view;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import org.wiretop.tui.model.DetailModel;

import java.util.ArrayList;
import java.util.List;

/**
 * One packet in depth: the layer tree (the selected layer opened, its fields listed) above a
 * hex + ASCII dump in which the selected layer's bytes are highlighted.
 */
public final class DetailView {
    private DetailView() {
    }

    public static void draw(Canvas c, int row0, int rows, DetailModel d, int selectedLayer) {
        if (d == null) {
            c.line(row0, " Packet detail", TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
            c.text(1, row0 + 1, "(the packet is no longer held in the ring)");
            return;
        }
        int sel = Math.max(0, Math.min(selectedLayer, d.layers().size() - 1));
        c.line(row0, " " + d.title() + "   (Up/Down: layer, Esc: back)", TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        int hexLines = (d.data().length + 15) / 16;
        int treeRows = Math.max(3, Math.min(rows - Math.min(hexLines, rows / 2) - 1, treeLines(d, sel).size()));
        List<String[]> tree = treeLines(d, sel);
        // Keep the selected layer's title in sight when the tree is taller than its area.
        int selLine = 0;
        for (int i = 0; i < tree.size(); i++) {
            if (tree.get(i)[0].equals("T" + sel)) {
                selLine = i;
            }
        }
        int first = Math.max(0, Math.min(selLine, tree.size() - treeRows));
        for (int i = 0; i < treeRows && first + i < tree.size(); i++) {
            String[] t = tree.get(first + i);
            boolean title = t[0].startsWith("T");
            if (t[0].equals("T" + sel)) {
                c.line(row0 + 1 + i, t[1], TextColor.ANSI.BLACK, TextColor.ANSI.CYAN, SGR.BOLD);
            } else {
                c.line(row0 + 1 + i, t[1], title ? TextColor.ANSI.CYAN : null, null);
            }
        }
        int hexRow = row0 + 1 + treeRows;
        c.line(hexRow, "", TextColor.ANSI.BLACK, TextColor.ANSI.WHITE);
        DetailModel.Layer layer = d.layers().isEmpty() ? null : d.layers().get(sel);
        int from = layer == null ? 0 : layer.from();
        int to = layer == null ? 0 : layer.to();
        int firstHex = Math.max(0, Math.min(from / 16, hexLines - (rows - treeRows - 1)));
        for (int line = 0; hexRow + 1 + line < row0 + 1 + rows && firstHex + line < hexLines; line++) {
            hexLine(c, hexRow + 1 + line, d.data(), (firstHex + line) * 16, from, to);
        }
    }

    /** Lines of the tree: {"T<i>", title} for layer i, {"F", field} for the selected layer's fields. */
    static List<String[]> treeLines(DetailModel d, int sel) {
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < d.layers().size(); i++) {
            DetailModel.Layer l = d.layers().get(i);
            out.add(new String[]{"T" + i, (i == sel ? " v " : " > ") + l.title()});
            if (i == sel) {
                for (String f : l.fields()) {
                    out.add(new String[]{"F", "     " + f});
                }
            }
        }
        return out;
    }

    private static void hexLine(Canvas c, int row, byte[] data, int off, int from, int to) {
        c.text(0, row, String.format(" %04x  ", off), TextColor.ANSI.WHITE, null);
        for (int i = 0; i < 16 && off + i < data.length; i++) {
            int b = data[off + i] & 0xff;
            boolean hi = off + i >= from && off + i < to;
            int col = 7 + i * 3 + (i >= 8 ? 1 : 0);
            TextColor fg = hi ? TextColor.ANSI.BLACK : null;
            TextColor bg = hi ? TextColor.ANSI.CYAN : null;
            c.text(col, row, String.format("%02x", b), fg, bg);
            char ch = b >= 0x20 && b < 0x7f ? (char) b : '.';
            c.text(7 + 16 * 3 + 2 + i, row, String.valueOf(ch), fg, bg);
        }
    }
}
