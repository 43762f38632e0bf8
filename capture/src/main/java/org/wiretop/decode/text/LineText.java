package org.wiretop.decode.text;

import org.wiretop.capture.format.LineBuilder;
import org.wiretop.decode.AppDissector;
import org.wiretop.decode.AppField;
import org.wiretop.decode.PacketBuf;
import org.wiretop.decode.PacketSummary;

/**
 * Line-based text: a payload read as lines ended by LF (a CR before it dropped), as exchanged by
 * the built-in echo, hello, time and upper servers and by many a home-made protocol. It has no
 * port and no heuristic (any payload could be text); it is chosen only by
 * {@code --decode-as PORT=text}, and by the UI for the built-in servers it started.
 *
 * <pre>
 * +---------------------+----+----+---------------------+----+-- ...
 * | line 1 (any bytes)  | CR | LF | line 2              | LF |
 * +---------------------+----+----+---------------------+----+-- ...
 *                         (optional)
 * </pre>
 * The first {@value #KEPT} lines are kept as {@code text.line} (bytes as they are); Info and the
 * text line show the first one quoted, non-printable bytes as '.', cut at {@value #SHOWN}
 * characters. tcpdump has no such printer, so its line is kept and ours follows it.
 */
public final class LineText extends AppDissector {
    /** Lines kept per packet (a filter, JSON or the detail view sees at most this many). */
    static final int KEPT = 16;
    /** Characters of the first line shown in Info and in the text line. */
    static final int SHOWN = 120;

    private final int[] lineStart = new int[KEPT];
    private final int[] lineEnd = new int[KEPT];
    private int lines;
    /** The bytes after the last LF (for Info when no whole line was captured). */
    private int partialStart, partialEnd;

    private static final AppField[] FIELDS = {
            AppField.text("text.line", "Line", LineText.class, d -> d.lines,
                    (d, i, out) -> out.append(d.data(), d.lineStart[i], d.lineEnd[i] - d.lineStart[i])),
    };

    @Override
    public String name() {
        return "text";
    }

    @Override
    public String label() {
        return "TEXT";
    }

    @Override
    public String tcpdumpName() {
        return "text";
    }

    @Override
    public AppField[] fields() {
        return FIELDS;
    }

    @Override
    protected void decode(PacketBuf b, PacketSummary s) {
        lines = 0;
        int from = start();
        int end = end();
        for (int i = from; i < end && lines < KEPT; i++) {
            if (b.u8(i) == '\n') {
                keep(from, i > from && b.u8(i - 1) == '\r' ? i - 1 : i);
                from = i + 1;
            }
        }
        partialStart = from;
        partialEnd = from < end && b.u8(end - 1) == '\r' ? end - 1 : end;
        if (from < end && lines < KEPT && end >= start() + length()) {
            keep(partialStart, partialEnd); // a last line without its LF; one cut by the capture is no value
        }
    }

    private void keep(int from, int to) {
        lineStart[lines] = from;
        lineEnd[lines] = to;
        lines++;
    }

    /** tcpdump-style: {@code : TEXT "first line"} after TCP's length, {@code TEXT "..."} after UDP's. */
    @Override
    public void appendText(PacketBuf in, LineBuilder out, PacketSummary s, int verbose) {
        out.append(overTcp() ? ": TEXT " : "TEXT ");
        appendFirstLine(in, out);
    }

    /** The first line, quoted. */
    @Override
    public void appendInfo(PacketBuf in, LineBuilder out, PacketSummary s) {
        appendFirstLine(in, out);
    }

    private void appendFirstLine(PacketBuf in, LineBuilder out) {
        int from = lines > 0 ? lineStart[0] : partialStart;
        int end = lines > 0 ? lineEnd[0] : partialEnd;
        int to = Math.min(end, from + SHOWN);
        out.append('"');
        for (int i = from; i < to; i++) {
            int c = in.u8(i);
            out.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        out.append(to < end ? "...\"" : "\"");
    }
}
