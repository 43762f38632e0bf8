package org.wiretop.tui.view;

/**
 * Column widths that fit a terminal's width: on a narrow terminal the least useful columns go
 * (width 0: not drawn, header and cells alike), in the order given, until the rest fit; what is
 * left over widens one column (the one with the longest texts) up to a limit.
 */
final class Columns {
    private Columns() {
    }

    /**
     * @param widths each column's width (changed in place and returned)
     * @param drop   the columns to hide first, in order
     * @param room   the columns there are, one blank after each column counted
     * @param grow   the column that takes what is left, up to {@code growMax}
     */
    static int[] fit(int[] widths, int[] drop, int room, int grow, int growMax) {
        int used = used(widths);
        for (int i = 0; i < drop.length && used > room; i++) {
            used -= widths[drop[i]] + 1;
            widths[drop[i]] = 0;
        }
        if (used < room && widths[grow] > 0) {
            widths[grow] = Math.max(widths[grow], Math.min(growMax, widths[grow] + room - used));
        }
        return widths;
    }

    /** Columns the shown columns take, one blank after each. */
    static int used(int[] widths) {
        int used = 0;
        for (int w : widths) {
            used += w == 0 ? 0 : w + 1;
        }
        return used;
    }
}
