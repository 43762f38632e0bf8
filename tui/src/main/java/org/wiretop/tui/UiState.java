package org.wiretop.tui;

/**
 * Everything the user has chosen on screen, immutable: the key reducer maps a state and a key
 * to a new state, and the views draw from it. Nothing here refers to live data; list bounds
 * arrive through {@link Cursor#withBounds} when a new snapshot is taken.
 *
 * @param view          the view shown
 * @param help          the help overlay is open
 * @param paused        the Packets list is frozen (capture goes on)
 * @param packets       cursor of the Packets list (absolute positions in the shown list)
 * @param detailPos     list position (as in {@link #packets}) of the packet whose detail is open, or -1
 * @param detailLayer   selected layer in the detail's tree
 * @param connections   cursor of the Connections table
 * @param sockets       cursor of the Sockets table
 * @param servers       cursor of the Servers list
 * @param prompt        the open input line, or null
 * @param displayFilter the display filter in force ("" = none)
 * @param captureFilter the BPF filter of the running capture
 * @param iface         the interface captured on (or the file browsed)
 * @param connSort      the Connections column sorted on
 * @param connDescending sort order of the Connections table
 * @param connGroup     grouping of the Connections table
 * @param sockProto     protocol shown in Sockets
 * @param sockState     state shown in Sockets ("" = all)
 * @param message       a one-line note to the user ("saved 10 packets to x.pcap"), or ""
 * @param follow        the Follow view over the Packets view, or null when closed
 * @param txn           the Transactions view's cursor and order
 * @param width         terminal columns
 * @param height        terminal rows
 * @param graphs        what the graphs show (Statistics view, Connections detail)
 * @param statsTables   the Statistics view's tables: their cursors and the one picked
 */
public record UiState(View view, boolean help, boolean paused, Cursor packets, long detailPos, int detailLayer,
                      Cursor connections, Cursor sockets, Cursor servers, Prompt prompt,
                      String displayFilter, String captureFilter, String iface,
                      ConnColumn connSort, boolean connDescending, ConnGroup connGroup,
                      SockProto sockProto, String sockState, String message, Follow follow, TxnView txn,
                      int width, int height, GraphChoice graphs, StatsTables statsTables) {

    /** Columns the Transactions view sorts on, in the order {@code s} cycles through them. */
    public enum TxnSort { TIME, LATENCY, SERVER, REQUEST }

    /**
     * The Transactions view's choices.
     *
     * @param cursor     its cursor
     * @param sort       the column sorted on
     * @param descending the order
     */
    public record TxnView(Cursor cursor, TxnSort sort, boolean descending) {
    }

    /**
     * The Follow view: the stream of one packet, as text or hex, scrolled to a line.
     *
     * @param packetPos list position (as in {@link #packets}) of the packet whose stream is followed
     * @param hex       a hex dump rather than text
     * @param top       the first line shown
     * @param tail      keep the newest lines in sight as the stream grows (End); scrolling up stops it
     * @param seq       the ring's packet whose stream is followed when opened from a connection (then
     *                  {@code packetPos} is -1), else -1
     * @param search    the text searched for with / (highlighted; "" = none)
     * @param seek      a jump to a match the next snapshot makes (it knows the lines)
     */
    public record Follow(long packetPos, boolean hex, long top, boolean tail, long seq, String search,
                         FollowSearch.Seek seek) {
        public static Follow of(long packetPos) {
            return new Follow(packetPos, false, 0, false, -1, "", FollowSearch.Seek.NONE);
        }

        /** The stream of the ring's packet {@code seq} (from the Connections view: it may be filtered out of the list). */
        public static Follow ofPacket(long seq) {
            return new Follow(-1, false, 0, false, seq, "", FollowSearch.Seek.NONE);
        }

        public Follow scrolled(long newTop, boolean newTail) {
            return new Follow(packetPos, hex, Math.max(0, newTop), newTail, seq, search, FollowSearch.Seek.NONE);
        }

        public Follow toggledHex() {
            return new Follow(packetPos, !hex, 0, tail, seq, search, seek);
        }

        /** Searches for {@code text} (a jump to its first match from the top line). */
        public Follow searched(String text) {
            return new Follow(packetPos, hex, top, false, seq, text, text.isEmpty() ? FollowSearch.Seek.NONE : FollowSearch.Seek.FIRST);
        }

        /** Asks for the next or previous match. */
        public Follow seeking(FollowSearch.Seek s) {
            return search.isEmpty() ? this : new Follow(packetPos, hex, top, false, seq, search, s);
        }
    }

    /** Columns of the Connections table, in screen order. */
    public enum ConnColumn { PROTO, LOCAL, REMOTE, PROCESS, STATE, PKTS_OUT, PKTS_IN, BYTES_OUT, BYTES_IN, RATE, RTT, RETRANS }

    /** How the Connections table is grouped. */
    public enum ConnGroup {
        NONE, PROCESS, REMOTE_HOST;

        public ConnGroup next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    /** Protocol filter of the Sockets table. */
    public enum SockProto {
        ALL, TCP, UDP;

        public SockProto next() {
            return values()[(ordinal() + 1) % values().length];
        }
    }

    /** States the Sockets filter cycles through ("" = all). */
    public static final java.util.List<String> SOCK_STATES =
            java.util.List.of("", "LISTEN", "ESTABLISHED", "TIME_WAIT", "CLOSE_WAIT", "UNCONN");

    public static UiState initial(String iface, String captureFilter, int width, int height) {
        return new UiState(View.PACKETS, false, false, Cursor.following(), -1, 0,
                Cursor.atTop(), Cursor.atTop(), Cursor.atTop(), null, "", captureFilter, iface,
                ConnColumn.BYTES_IN, true, ConnGroup.NONE, SockProto.ALL, "", "", null,
                new TxnView(Cursor.atTop(), TxnSort.TIME, false), width, height, GraphChoice.DEFAULT,
                StatsTables.NONE)
                .withSize(width, height);
    }

    /** Rows available to a list: the screen minus tab bar, header, prompt/message and status lines. */
    public int listRows() {
        return Math.max(1, height - 4);
    }

    public UiState withSize(int w, int h) {
        Edit e = edit();
        e.width = w;
        e.height = h;
        UiState s = e.done();
        int rows = s.listRows();
        return s.withPackets(packets.withPage(rows)).withConnections(connections.withPage(rows))
                .withSockets(sockets.withPage(rows)).withServers(servers.withPage(Math.max(1, Math.min(rows, 8))))
                .withTxn(s.txn.cursor().withPage(Math.max(1, rows - 1)), s.txn.sort(), s.txn.descending());
    }

    /** Another view: help closes and the packet detail and the Follow view with it. */
    public UiState withView(View v) {
        Edit e = edit();
        e.view = v;
        e.help = false;
        e.detailPos = -1;
        e.detailLayer = 0;
        e.follow = null;
        e.graphs = graphs.withConnDetail(false);
        return e.done();
    }

    /** Opens (or, with null, closes) the Follow view. */
    public UiState withFollow(Follow f) {
        Edit e = edit();
        e.follow = f;
        return e.done();
    }

    public UiState withHelp(boolean h) {
        Edit e = edit();
        e.help = h;
        return e.done();
    }

    public UiState withPaused(boolean p) {
        Edit e = edit();
        e.paused = p;
        return e.done();
    }

    public UiState withPackets(Cursor c) {
        Edit e = edit();
        e.packets = c;
        return e.done();
    }

    public UiState withDetail(long seq, int layer) {
        Edit e = edit();
        e.detailPos = seq;
        e.detailLayer = Math.max(0, layer);
        return e.done();
    }

    public UiState withConnections(Cursor c) {
        Edit e = edit();
        e.connections = c;
        return e.done();
    }

    public UiState withSockets(Cursor c) {
        Edit e = edit();
        e.sockets = c;
        return e.done();
    }

    public UiState withServers(Cursor c) {
        Edit e = edit();
        e.servers = c;
        return e.done();
    }

    public UiState withPrompt(Prompt p) {
        Edit e = edit();
        e.prompt = p;
        return e.done();
    }

    public UiState withDisplayFilter(String f) {
        Edit e = edit();
        e.displayFilter = f;
        return e.done();
    }

    public UiState withCapture(String newIface, String bpf) {
        Edit e = edit();
        e.iface = newIface;
        e.captureFilter = bpf;
        return e.done();
    }

    public UiState withConnSort(ConnColumn col, boolean descending, ConnGroup group) {
        Edit e = edit();
        e.connSort = col;
        e.connDescending = descending;
        e.connGroup = group;
        return e.done();
    }

    /** Another Sockets filter: the table goes back to its top. */
    public UiState withSockFilter(SockProto proto, String state) {
        Edit e = edit();
        e.sockets = sockets.home();
        e.sockProto = proto;
        e.sockState = state;
        return e.done();
    }

    public UiState withGraphs(GraphChoice g) {
        Edit e = edit();
        e.graphs = g;
        return e.done();
    }

    /** The Transactions view's cursor and order. */
    public UiState withTxn(Cursor c, TxnSort sort, boolean descending) {
        Edit e = edit();
        e.txn = new TxnView(c, sort, descending);
        return e.done();
    }

    public UiState withStatsTables(StatsTables t) {
        Edit e = edit();
        e.statsTables = t;
        return e.done();
    }

    public UiState withMessage(String m) {
        Edit e = edit();
        e.message = m;
        return e.done();
    }

    public boolean detailOpen() {
        return detailPos >= 0;
    }

    public boolean followOpen() {
        return follow != null;
    }

    private Edit edit() {
        return new Edit(this);
    }

    /** A copy being changed: each {@code withX} sets what it changes, the rest stays. */
    private static final class Edit {
        View view;
        boolean help, paused, connDescending;
        Cursor packets, connections, sockets, servers;
        long detailPos;
        int detailLayer, width, height;
        Prompt prompt;
        String displayFilter, captureFilter, iface, sockState, message;
        ConnColumn connSort;
        ConnGroup connGroup;
        SockProto sockProto;
        Follow follow;
        TxnView txn;
        GraphChoice graphs;
        StatsTables statsTables;

        Edit(UiState s) {
            view = s.view;
            help = s.help;
            paused = s.paused;
            packets = s.packets;
            detailPos = s.detailPos;
            detailLayer = s.detailLayer;
            connections = s.connections;
            sockets = s.sockets;
            servers = s.servers;
            prompt = s.prompt;
            displayFilter = s.displayFilter;
            captureFilter = s.captureFilter;
            iface = s.iface;
            connSort = s.connSort;
            connDescending = s.connDescending;
            connGroup = s.connGroup;
            sockProto = s.sockProto;
            sockState = s.sockState;
            message = s.message;
            follow = s.follow;
            txn = s.txn;
            width = s.width;
            height = s.height;
            graphs = s.graphs;
            statsTables = s.statsTables;
        }

        UiState done() {
            return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets, servers,
                    prompt, displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto,
                    sockState, message, follow, txn, width, height, graphs, statsTables);
        }
    }
}
