package org.wiretop.tui;

import java.util.ArrayList;
import java.util.List;
import org.wiretop.conv.FollowSink;
import org.wiretop.tui.model.FollowModel.Line;

/**
 * A followed stream's chunks, kept (up to {@value #MAX_BYTES} bytes, the rest counted) and laid
 * out as lines for the Follow view: as text (non-printing bytes as '.', a line break at each LF
 * and at the screen's width, a chunk going on with its side's unfinished line as Wireshark shows
 * it) or as tshark's follow hex dump (16 bytes a
 * line, the offset counted per side, the server's lines indented). Lines are laid out once and
 * extended as chunks arrive; a new width or format lays them out again. UI thread only.
 */
public final class FollowLines implements FollowSink {
    /** Most stream bytes kept for the view. */
    static final int MAX_BYTES = 16 << 20;

    /** One chunk as the reassembly gave it. */
    public record Chunk(boolean server, boolean gap, byte[] data) {
    }

    private final List<Chunk> chunks = new ArrayList<>();
    private final long[] sent = new long[2];
    private long kept, notKept;
    private final List<Line> lines = new ArrayList<>();
    private int laidOut;
    private boolean laidHex;
    private int laidWidth = -1;
    /** The last text line did not end with a LF (the next chunk of its side goes on with it). */
    private boolean open;
    private final long[] hexOffset = new long[2];

    @Override
    public void chunk(boolean server, byte[] data, int offset, int length, boolean gap) {
        if (!gap) {
            sent[server ? 1 : 0] += length;
        }
        if (kept + length > MAX_BYTES) {
            notKept += length;
            return;
        }
        kept += length;
        chunks.add(new Chunk(server, gap, java.util.Arrays.copyOfRange(data, offset, offset + length)));
    }

    public List<Chunk> chunks() {
        return chunks;
    }

    /** Bytes a side sent (0 client, 1 server), gaps left out. */
    public long sent(boolean server) {
        return sent[server ? 1 : 0];
    }

    /** Bytes not kept for the view (beyond {@link #MAX_BYTES}). */
    public long notKept() {
        return notKept;
    }

    /** The lines of every chunk so far, as text or hex, for a screen {@code width} columns wide. */
    public List<Line> lines(boolean hex, int width) {
        int w = Math.max(16, width);
        if (hex != laidHex || (!hex && w != laidWidth)) {
            lines.clear();
            laidOut = 0;
            hexOffset[0] = 0;
            hexOffset[1] = 0;
            laidHex = hex;
            laidWidth = w;
            open = false;
        }
        for (; laidOut < chunks.size(); laidOut++) {
            Chunk c = chunks.get(laidOut);
            if (c.gap()) {
                lines.add(new Line(c.server(), true, gapText(c.data())));
                open = false;
            } else if (hex) {
                hex(c);
            } else {
                text(c, w);
            }
        }
        return lines;
    }

    /** tshark's gap chunk is its text and a NUL. */
    private static String gapText(byte[] data) {
        int n = data.length;
        while (n > 0 && data[n - 1] == 0) {
            n--;
        }
        return new String(data, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void text(Chunk c, int width) {
        StringBuilder b = new StringBuilder();
        Line last = lines.isEmpty() ? null : lines.get(lines.size() - 1);
        if (open && last.server() == c.server()) {
            b.append(last.text());
            lines.remove(lines.size() - 1);
        }
        byte[] d = c.data();
        for (int i = 0; i < d.length; i++) {
            int v = d[i] & 0xff;
            if (v == '\n') {
                lines.add(new Line(c.server(), false, b.toString()));
                b.setLength(0);
                continue;
            }
            if (v == '\r' && i + 1 < d.length && d[i + 1] == '\n') {
                continue;
            }
            b.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
            if (b.length() == width) {
                lines.add(new Line(c.server(), false, b.toString()));
                b.setLength(0);
            }
        }
        open = b.length() > 0;
        if (open) {
            lines.add(new Line(c.server(), false, b.toString()));
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** tshark's follow hex line: "%08X", two spaces, 16 bytes in two groups of 8, their text. */
    private void hex(Chunk c) {
        byte[] d = c.data();
        int side = c.server() ? 1 : 0;
        for (int at = 0; at < d.length; at += 16) {
            StringBuilder b = new StringBuilder(c.server() ? "    " : "");
            b.append(String.format("%08X  ", hexOffset[side] + at));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                if (at + i < d.length) {
                    int v = d[at + i] & 0xff;
                    b.append(HEX[v >>> 4]).append(HEX[v & 0xf]).append(' ');
                    text.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
                } else {
                    b.append("   ");
                }
                if (i == 7) {
                    b.append(' ');
                    if (at + i < d.length) {
                        text.append(' ');
                    }
                }
            }
            lines.add(new Line(c.server(), false, b.append(' ').append(text.toString().stripTrailing()).toString()));
        }
        hexOffset[side] += d.length;
    }
}
