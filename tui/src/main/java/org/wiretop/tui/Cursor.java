package org.wiretop.tui;

/**
 * Position in a scrolling list whose items have absolute numbers {@code [first, end)}: the
 * selected item, the first visible one, the page height and whether it follows the newest item.
 * Absolute numbers stay put when old items leave at the front, so the selection stays on its
 * item while the list moves. Every method returns a new, normalised cursor.
 */
public record Cursor(long first, long end, long selected, long top, int page, boolean follow) {
    public static Cursor following() {
        return new Cursor(0, 0, 0, 0, 1, true);
    }

    public static Cursor atTop() {
        return new Cursor(0, 0, 0, 0, 1, false);
    }

    public Cursor withBounds(long newFirst, long newEnd) {
        return new Cursor(newFirst, Math.max(newFirst, newEnd), selected, top, page, follow).normal();
    }

    public Cursor withPage(int rows) {
        return new Cursor(first, end, selected, top, Math.max(1, rows), follow).normal();
    }

    /** Moves the selection by {@code delta} items; moving stops following the newest. */
    public Cursor move(long delta) {
        return new Cursor(first, end, selected + delta, top, page, false).normal();
    }

    public Cursor home() {
        return new Cursor(first, end, first, first, page, false).normal();
    }

    /** Jumps to the newest item and follows it from now on. */
    public Cursor last() {
        return new Cursor(first, end, end - 1, top, page, true).normal();
    }

    public long size() {
        return end - first;
    }

    /** Index of the selection in the list (0-based), or -1 when empty. */
    public int selectedIndex() {
        return end == first ? -1 : (int) (selected - first);
    }

    private Cursor normal() {
        long sel = follow ? end - 1 : selected;
        sel = Math.max(first, Math.min(sel, end - 1));
        if (end == first) {
            sel = first;
        }
        long t = follow ? end - page : top;
        if (sel < t) {
            t = sel;
        }
        if (sel >= t + page) {
            t = sel - page + 1;
        }
        t = Math.max(first, Math.min(t, Math.max(first, end - page)));
        if (sel == selected && t == top) {
            return this;
        }
        return new Cursor(first, end, sel, t, page, follow);
    }
}
