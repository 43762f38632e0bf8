package org.wiretop.tui;

/**
 * The Statistics view's tables (protocol hierarchy, top endpoints, top conversations) as lists
 * a user moves in: a cursor each, and the table the keys and the mouse last picked (none until
 * then: no row is highlighted while the user only watches the graph).
 *
 * @param focus   the table picked, or null
 * @param cursors each table's cursor, in {@link Table} order
 */
public record StatsTables(Table focus, java.util.List<Cursor> cursors) {
    /** The tables, in the order ← and → go through them. */
    public enum Table { HIERARCHY, ENDPOINTS, CONVERSATIONS }

    public static final StatsTables NONE = new StatsTables(null,
            java.util.List.of(Cursor.atTop(), Cursor.atTop(), Cursor.atTop()));

    public Cursor cursor(Table t) {
        return cursors.get(t.ordinal());
    }

    /** Table {@code t} picked, with cursor {@code c}. */
    public StatsTables with(Table t, Cursor c) {
        Cursor[] all = cursors.toArray(new Cursor[0]);
        all[t.ordinal()] = c;
        return new StatsTables(t, java.util.List.of(all));
    }

    /** The picked table, or the first when none is yet. */
    public Table focusOrFirst() {
        return focus == null ? Table.HIERARCHY : focus;
    }

    /** The next table ({@code step} 1) or the one before (-1), picked. */
    public StatsTables turned(int step) {
        Table[] t = Table.values();
        Table next = focus == null ? t[0] : t[Math.floorMod(focus.ordinal() + step, t.length)];
        return new StatsTables(next, cursors);
    }

    /** The tables' lengths and the rows each shows (same order as {@link Table}). */
    public StatsTables fitted(int[] sizes, int[] pages) {
        Cursor[] all = new Cursor[sizes.length];
        boolean same = true;
        for (int i = 0; i < all.length; i++) {
            all[i] = cursors.get(i).withBounds(0, sizes[i]).withPage(pages[i]);
            same &= all[i].equals(cursors.get(i));
        }
        return same ? this : new StatsTables(focus, java.util.List.of(all));
    }
}
