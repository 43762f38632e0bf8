package org.wiretop.tui;

import org.wiretop.tui.view.StatsLayout;

/**
 * The mouse on the Statistics view's tables (protocol hierarchy, top endpoints, top
 * conversations), where {@link StatsLayout} puts them: a click on a table's line picks that table
 * and selects the line; the wheel moves the selection of the table under the pointer (or of the
 * table picked last). Pure, like {@link MouseReducer}.
 */
final class StatsMouse {
    private StatsMouse() {
    }

    static UiState click(UiState s, int x, int y) {
        StatsLayout l = StatsLayout.of(s.width(), 1, s.listRows());
        for (StatsTables.Table t : StatsTables.Table.values()) {
            StatsLayout.Box b = l.box(t);
            int line = b.lineAt(x, y);
            if (line >= 0) {
                Cursor c = s.statsTables().cursor(t).withPage(b.rows());
                if (c.top() + line >= c.end()) {
                    return s; // under the table's last line
                }
                return s.withStatsTables(s.statsTables().with(t, c.move(c.top() + line - c.selected())));
            }
        }
        return s;
    }

    static UiState scroll(UiState s, int x, int y, int rows) {
        StatsLayout l = StatsLayout.of(s.width(), 1, s.listRows());
        StatsTables.Table under = null;
        for (StatsTables.Table t : StatsTables.Table.values()) {
            StatsLayout.Box b = l.box(t);
            if (b.lineAt(x, y) >= 0 || (y == b.row() && b.lineAt(x, y + 1) >= 0)) { // its lines or its title
                under = t;
            }
        }
        StatsTables.Table t = under != null ? under : s.statsTables().focus();
        if (t == null) {
            return s;
        }
        Cursor c = s.statsTables().cursor(t).withPage(Math.max(1, l.box(t).rows()));
        return s.withStatsTables(s.statsTables().with(t, c.move(rows)));
    }
}
