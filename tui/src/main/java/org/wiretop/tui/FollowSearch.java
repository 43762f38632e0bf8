package org.wiretop.tui;

import org.wiretop.tui.model.FollowModel;

import java.util.List;

/**
 * Search in the Follow view ({@code /}, {@code n}, {@code N}): the line of the next or previous
 * match, over the lines as shown (text, or the hex dump whose right-hand text is searched too).
 * Case is ignored unless the text has a capital letter (as less's and vim's "smartcase").
 */
public final class FollowSearch {
    /** A jump the UI asked for. */
    public enum Seek { NONE, FIRST, NEXT, PREVIOUS }

    private FollowSearch() {
    }

    /**
     * The line to show on top for {@code seek} from line {@code top}: the first match at or after
     * it (FIRST), after it (NEXT) or before it (PREVIOUS), wrapping around the ends; -1 when none.
     */
    public static long find(List<FollowModel.Line> lines, String text, long top, Seek seek) {
        int n = lines.size();
        if (text.isEmpty() || n == 0 || seek == Seek.NONE) {
            return -1;
        }
        int from = (int) Math.max(0, Math.min(top, n - 1));
        int step = seek == Seek.PREVIOUS ? -1 : 1;
        int start = seek == Seek.FIRST ? from : Math.floorMod(from + step, n);
        for (int k = 0, i = start; k < n; k++, i = Math.floorMod(i + step, n)) {
            if (indexOf(lines.get(i).text(), text, 0) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where {@code text} occurs in {@code line} from {@code from}, by the smartcase rule; -1 if not. */
    public static int indexOf(String line, String text, int from) {
        if (text.isEmpty()) {
            return -1;
        }
        boolean ignoreCase = text.equals(text.toLowerCase(java.util.Locale.ROOT));
        for (int i = Math.max(0, from); i + text.length() <= line.length(); i++) {
            if (line.regionMatches(ignoreCase, i, text, 0, text.length())) {
                return i;
            }
        }
        return -1;
    }
}
