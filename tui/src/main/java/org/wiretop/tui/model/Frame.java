package org.wiretop.tui.model;

import java.util.List;

/**
 * Everything one screen draws, taken at one instant: immutable, so the views are pure functions
 * of (frame, UI state). Lists are already cut to the visible window of their cursor.
 *
 * @param status        status bar and banner
 * @param packets       visible Packets rows (from the cursor's top)
 * @param detail        the open packet's detail, or null
 * @param connections   visible Connections rows
 * @param sockets       visible Sockets rows
 * @param servers       all built-in servers
 * @param serverLog     the newest lines of the servers' connection log
 * @param clientReply   what the quick client got back last ("" before the first line)
 * @param follow        the Follow view's stream, or null when it is closed
 * @param transactions  the Transactions view's rows and figures (empty when another view is shown)
 */
public record Frame(StatusInfo status, List<PacketRow> packets, DetailModel detail, List<ConnRow> connections,
                    List<SocketRow> sockets, List<ServerRow> servers, List<String> serverLog, String clientReply,
                    FollowModel follow, TxnModel transactions) {
    /** A frame without transactions. */
    public Frame(StatusInfo status, List<PacketRow> packets, DetailModel detail, List<ConnRow> connections,
                 List<SocketRow> sockets, List<ServerRow> servers, List<String> serverLog, String clientReply,
                 FollowModel follow) {
        this(status, packets, detail, connections, sockets, servers, serverLog, clientReply, follow, TxnModel.EMPTY);
    }

    /** A frame without a Follow view. */
    public Frame(StatusInfo status, List<PacketRow> packets, DetailModel detail, List<ConnRow> connections,
                 List<SocketRow> sockets, List<ServerRow> servers, List<String> serverLog, String clientReply) {
        this(status, packets, detail, connections, sockets, servers, serverLog, clientReply, null);
    }
}
