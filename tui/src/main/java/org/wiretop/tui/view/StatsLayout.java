package org.wiretop.tui.view;

/**
 * Where the Statistics view puts its graph and its tables on the screen: the I/O graph on top (on
 * the left from 160 columns), below it (beside it) the protocol hierarchy, then the top endpoints
 * and conversations (beside the hierarchy from 120 columns). One place for the view that draws
 * them and the mouse that clicks them.
 *
 * @param graphWidth    the graph's columns
 * @param graphRows     the graph's rows, its title and legend counted
 * @param hierarchy     the protocol hierarchy's box
 * @param endpoints     the top endpoints' box
 * @param conversations the top conversations' box
 */
public record StatsLayout(int graphWidth, int graphRows, Box hierarchy, Box endpoints, Box conversations) {
    /**
     * A table's place: its title on {@code row}, its {@code rows} lines of data below it.
     *
     * @param col   the first column
     * @param row   the title's row
     * @param width columns
     * @param rows  rows of data (0: the table is not shown)
     */
    public record Box(int col, int row, int width, int rows) {
        static final Box NONE = new Box(0, 0, 0, 0);

        /** The line of data at screen cell (x, y) counted from the box's first, or -1 outside its data. */
        public int lineAt(int x, int y) {
            boolean inside = x >= col && x < col + width && y > row && y <= row + rows;
            return inside ? y - row - 1 : -1;
        }
    }

    /** The layout on a screen {@code width} columns wide, the view's {@code rows} rows from {@code row0}. */
    public static StatsLayout of(int width, int row0, int rows) {
        boolean side = width >= 160;
        int graphW = side ? width * 3 / 5 : width;
        int graphH = side ? rows : Math.max(6, rows / 2 + 1);
        if (side) {
            return tables(graphW, graphH, graphW + 1, row0, width - graphW - 1, rows, true);
        }
        if (rows - graphH > 1) {
            return tables(graphW, graphH, 0, row0 + graphH, width, rows - graphH, width < 120);
        }
        return new StatsLayout(graphW, graphH, Box.NONE, Box.NONE, Box.NONE);
    }

    /** The protocol hierarchy, then endpoints and conversations; beside each other unless {@code stacked}. */
    private static StatsLayout tables(int graphW, int graphH, int col0, int row0, int width, int rows, boolean stacked) {
        int phsW = stacked ? width : width / 2;
        int phsRows = stacked ? Math.max(2, rows / 2) : rows;
        Box phs = new Box(col0, row0, phsW - 1, phsRows - 1);
        int tc = stacked ? col0 : col0 + phsW;
        int tr = stacked ? row0 + phsRows : row0;
        int trows = stacked ? rows - phsRows : rows;
        int tw = stacked ? width : width - phsW;
        if (trows < 2) {
            return new StatsLayout(graphW, graphH, phs, Box.NONE, Box.NONE);
        }
        int half = Math.max(1, (trows - 2) / 2);
        Box endpoints = new Box(tc, tr, tw, half);
        Box conversations = trows - half - 1 < 1 ? Box.NONE : new Box(tc, tr + half + 1, tw, trows - half - 2);
        return new StatsLayout(graphW, graphH, phs, endpoints, conversations);
    }

    /** The box of table {@code t} (in {@link org.wiretop.tui.StatsTables.Table} order). */
    public Box box(org.wiretop.tui.StatsTables.Table t) {
        return switch (t) {
            case HIERARCHY -> hierarchy;
            case ENDPOINTS -> endpoints;
            case CONVERSATIONS -> conversations;
        };
    }
}
