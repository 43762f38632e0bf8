package org.wiretop.tui;

import org.wiretop.tui.model.FollowModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Search in the Follow view ({@code /}, {@code n}, {@code N}): the line of the next or previous
 * match, and where a line's matches are to highlight them. Text lines are searched as shown; a
 * hex dump by its text column (tshark's, 16 bytes a line split 8 + 8), a match running on into
 * the next line of the same side found too, and by its hex digits as shown ("48 54 54 50").
 * Case is ignored unless the text has a capital letter (less's and vim's "smartcase").
 */
public final class FollowSearch {
    /** A jump the UI asked for. */
    public enum Seek { NONE, FIRST, NEXT, PREVIOUS }

    /** Where a hex line's text column starts, after its offset and 16 bytes: "%08X  " + 49. */
    private static final int HEX_TEXT = 10 + 16 * 3 + 1 + 1;

    private FollowSearch() {
    }

    /**
     * The line to show on top for {@code seek} from line {@code top}: the first match at or after
     * it (FIRST), after it (NEXT) or before it (PREVIOUS), wrapping around the ends; -1 when none.
     */
    public static long find(List<FollowModel.Line> lines, String text, long top, Seek seek, boolean hex) {
        int n = lines.size();
        if (text.isEmpty() || n == 0 || seek == Seek.NONE) {
            return -1;
        }
        int from = (int) Math.max(0, Math.min(top, n - 1));
        int step = seek == Seek.PREVIOUS ? -1 : 1;
        int start = seek == Seek.FIRST ? from : Math.floorMod(from + step, n);
        for (int k = 0, i = start; k < n; k++, i = Math.floorMod(i + step, n)) {
            if (matches(lines, i, text, hex)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean matches(List<FollowModel.Line> lines, int i, String text, boolean hex) {
        FollowModel.Line l = lines.get(i);
        if (indexOf(l.text(), text, 0) >= 0) {
            return true;
        }
        if (!hex || l.gap()) {
            return false;
        }
        String own = hexText(l);
        String joined = own;
        if (i + 1 < lines.size() && lines.get(i + 1).server() == l.server() && !lines.get(i + 1).gap()) {
            joined += hexText(lines.get(i + 1));
        }
        int at = indexOf(joined, text, 0);
        return at >= 0 && at < own.length();
    }

    /** The bytes of a hex line as text ('.' for what does not print), without the gap between its halves. */
    static String hexText(FollowModel.Line l) {
        int base = (l.server() ? 4 : 0) + HEX_TEXT;
        if (l.text().length() <= base) {
            return "";
        }
        String t = l.text().substring(base);
        return t.length() > 8 ? t.substring(0, 8) + t.substring(9) : t;
    }

    /**
     * The columns of {@code line} to highlight for {@code text}, as {start, length} pairs: each
     * occurrence as shown, and in a hex line each match of its text column, there and in the hex digits.
     */
    public static List<int[]> spans(FollowModel.Line line, String text, boolean hex) {
        List<int[]> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        String shown = line.text();
        for (int at = indexOf(shown, text, 0); at >= 0; at = indexOf(shown, text, at + text.length())) {
            out.add(new int[]{at, text.length()});
        }
        if (hex && !line.gap()) {
            int base = line.server() ? 4 : 0;
            String bytes = hexText(line);
            for (int at = indexOf(bytes, text, 0); at >= 0; at = indexOf(bytes, text, at + text.length())) {
                for (int k = at; k < at + text.length(); k++) {
                    int gap = k >= 8 ? 1 : 0;
                    out.add(new int[]{base + HEX_TEXT + k + gap, 1});
                    out.add(new int[]{base + 10 + k * 3 + gap, 2});
                }
            }
        }
        return out;
    }

    /** Where {@code text} occurs in {@code line} from {@code from}, by the smartcase rule; -1 if not. */
    public static int indexOf(String line, String text, int from) {
        if (text.isEmpty()) {
            return -1;
        }
        boolean ignoreCase = text.equals(text.toLowerCase(Locale.ROOT));
        for (int i = Math.max(0, from); i + text.length() <= line.length(); i++) {
            if (line.regionMatches(ignoreCase, i, text, 0, text.length())) {
                return i;
            }
        }
        return -1;
    }
}
