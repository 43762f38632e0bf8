package org.wiretop.tui;

import com.googlecode.lanterna.input.MouseAction;
import com.googlecode.lanterna.input.MouseActionType;

/**
 * The mouse as a pure function, as {@link KeyReducer} is for keys: a left click on the tab bar
 * opens that view, on a table's row selects it (the Statistics view's tables: {@link StatsMouse});
 * the wheel scrolls the list (the Follow view's lines, the detail's layers) by {@value #WHEEL_ROWS}
 * rows; a double click opens the packet's detail from the Packets list and the Follow view from
 * the detail. Rows are as ScreenPainter
 * lays them out: the tab bar on row 0, a view's header on row 1, its rows from row 2.
 */
public final class MouseReducer {
    /** Rows one notch of the wheel moves. */
    static final int WHEEL_ROWS = 3;
    /** The screen row of a table's first row. */
    static final int FIRST_ROW = 2;

    private MouseReducer() {
    }

    public static Step reduce(UiState state, MouseAction m, boolean doubleClick) {
        UiState s = state.message().isEmpty() ? state : state.withMessage("");
        if (s.prompt() != null) {
            return Step.of(state); // an input line keeps the keyboard's attention
        }
        MouseActionType type = m.getActionType();
        boolean wheel = type == MouseActionType.SCROLL_UP || type == MouseActionType.SCROLL_DOWN;
        if (!wheel && !(type == MouseActionType.CLICK_DOWN && m.getButton() == 1)) {
            return Step.of(state);
        }
        if (s.help()) {
            return Step.of(s.withHelp(false)); // as any key
        }
        int x = m.getPosition().getColumn();
        int y = m.getPosition().getRow();
        if (wheel && s.view() == View.STATS) {
            return Step.of(StatsMouse.scroll(s, x, y, type == MouseActionType.SCROLL_UP ? -WHEEL_ROWS : WHEEL_ROWS));
        }
        if (wheel) {
            return Step.of(scroll(s, type == MouseActionType.SCROLL_UP ? -WHEEL_ROWS : WHEEL_ROWS));
        }
        if (y == 0) {
            View v = tabAt(x);
            return Step.of(v == null || v == s.view() ? s : s.withView(v));
        }
        if (s.view() == View.STATS) {
            return Step.of(StatsMouse.click(s, x, y));
        }
        int row = y - FIRST_ROW;
        if (row < 0 || row >= s.listRows()) {
            return Step.of(s);
        }
        if (s.view() == View.PACKETS && s.followOpen()) {
            return Step.of(s);
        }
        if (s.view() == View.PACKETS && s.detailOpen()) {
            return Step.of(doubleClick ? s.withFollow(UiState.Follow.of(s.detailPos())) : s);
        }
        Cursor c = cursor(s);
        // below a list's page (Transactions' summary line, the Servers' log) or its last row: nothing
        if (c == null || row >= c.page() || c.top() + row >= c.end()) {
            return Step.of(s);
        }
        UiState picked = withCursor(s, c.move(c.top() + row - c.selected()));
        if (doubleClick && s.view() == View.PACKETS) {
            return Step.of(picked.withDetail(picked.packets().selected(), 0));
        }
        return Step.of(picked);
    }

    /** The view whose tab is at column {@code x} of the tab bar (as ScreenPainter draws it), or null. */
    static View tabAt(int x) {
        int col = 1;
        for (View v : View.values()) {
            int width = (" " + (v.ordinal() + 1) + " " + v.title() + " ").length();
            if (x >= col && x < col + width) {
                return v;
            }
            col += width + 1;
        }
        return null;
    }

    private static UiState scroll(UiState s, int rows) {
        if (s.view() == View.PACKETS && s.followOpen()) {
            UiState.Follow f = s.follow();
            return s.withFollow(f.scrolled(f.top() + rows, false));
        }
        if (s.view() == View.PACKETS && s.detailOpen()) {
            return s.withDetail(s.detailPos(), s.detailLayer() + Integer.signum(rows));
        }
        Cursor c = cursor(s);
        return c == null ? s : withCursor(s, c.move(rows));
    }

    /** The cursor of the table on screen, or null for a view without one. */
    private static Cursor cursor(UiState s) {
        return switch (s.view().name()) {
            case "PACKETS" -> s.packets();
            case "CONNECTIONS" -> s.connections();
            case "SOCKETS" -> s.sockets();
            case "SERVERS" -> s.servers();
            case "TRANSACTIONS" -> s.txn().cursor();
            default -> null;
        };
    }

    private static UiState withCursor(UiState s, Cursor c) {
        return switch (s.view().name()) {
            case "PACKETS" -> s.withPackets(c);
            case "CONNECTIONS" -> s.withConnections(c);
            case "SOCKETS" -> s.withSockets(c);
            case "SERVERS" -> s.withServers(c);
            case "TRANSACTIONS" -> s.withTxn(c, s.txn().sort(), s.txn().descending());
            default -> s;
        };
    }
}
