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
 * @param width         terminal columns
 * @param height        terminal rows
 */
public record UiState(View view, boolean help, boolean paused, Cursor packets, long detailPos, int detailLayer,
                      Cursor connections, Cursor sockets, Cursor servers, Prompt prompt,
                      String displayFilter, String captureFilter, String iface,
                      ConnColumn connSort, boolean connDescending, ConnGroup connGroup,
                      SockProto sockProto, String sockState, String message, int width, int height) {

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
                ConnColumn.BYTES_IN, true, ConnGroup.NONE, SockProto.ALL, "", "", width, height)
                .withSize(width, height);
    }

    /** Rows available to a list: the screen minus tab bar, header, prompt/message and status lines. */
    public int listRows() {
        return Math.max(1, height - 4);
    }

    public UiState withSize(int w, int h) {
        UiState s = new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets, servers,
                prompt, displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto,
                sockState, message, w, h);
        int rows = s.listRows();
        return s.withPackets(packets.withPage(rows)).withConnections(connections.withPage(rows))
                .withSockets(sockets.withPage(rows)).withServers(servers.withPage(Math.max(1, Math.min(rows, 8))));
    }

    public UiState withView(View v) {
        return new UiState(v, false, paused, packets, -1, 0, connections, sockets, servers, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withHelp(boolean h) {
        return new UiState(view, h, paused, packets, detailPos, detailLayer, connections, sockets, servers, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withPaused(boolean p) {
        return new UiState(view, help, p, packets, detailPos, detailLayer, connections, sockets, servers, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withPackets(Cursor c) {
        return new UiState(view, help, paused, c, detailPos, detailLayer, connections, sockets, servers, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withDetail(long seq, int layer) {
        return new UiState(view, help, paused, packets, seq, Math.max(0, layer), connections, sockets, servers, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withConnections(Cursor c) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, c, sockets, servers, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withSockets(Cursor c) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, c, servers, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withServers(Cursor c) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets, c, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withPrompt(Prompt p) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets, servers, p,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withDisplayFilter(String f) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets, servers, prompt,
                f, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withCapture(String newIface, String bpf) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets, servers, prompt,
                displayFilter, bpf, newIface, connSort, connDescending, connGroup, sockProto, sockState,
                message, width, height);
    }

    public UiState withConnSort(ConnColumn col, boolean descending, ConnGroup group) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets, servers, prompt,
                displayFilter, captureFilter, iface, col, descending, group, sockProto, sockState,
                message, width, height);
    }

    public UiState withSockFilter(SockProto proto, String state) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets.home(), servers,
                prompt, displayFilter, captureFilter, iface, connSort, connDescending, connGroup, proto, state,
                message, width, height);
    }

    public UiState withMessage(String m) {
        return new UiState(view, help, paused, packets, detailPos, detailLayer, connections, sockets, servers, prompt,
                displayFilter, captureFilter, iface, connSort, connDescending, connGroup, sockProto, sockState,
                m, width, height);
    }

    public boolean detailOpen() {
        return detailPos >= 0;
    }
}
