package org.wiretop.tui;

import org.wiretop.monitor.flow.FlowDirectionStats;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowOwnerResolver;
import org.wiretop.monitor.flow.FlowOwnership;
import org.wiretop.monitor.flow.FlowRecord;
import org.wiretop.monitor.flow.FlowSnapshot;
import org.wiretop.monitor.flow.TcpState;
import org.wiretop.monitor.socket.SocketEntry;
import org.wiretop.monitor.socket.SocketTable;
import org.wiretop.tui.model.ConnRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The flow table's latest snapshot joined with the socket table: each flow gets its owning
 * process and, for a local TCP socket, the kernel's rtt and cwnd. Rows are rebuilt only when
 * either snapshot changed. UI thread only.
 */
public final class FlowConnections implements Feeds.Connections {
    private final AtomicReference<FlowSnapshot> flows;
    private final Supplier<SocketTable> sockets;
    private FlowSnapshot lastFlows;
    private SocketTable lastTable;
    private List<ConnRow> rows = List.of();

    public FlowConnections(AtomicReference<FlowSnapshot> flows, Supplier<SocketTable> sockets) {
        this.flows = flows;
        this.sockets = sockets;
    }

    @Override
    public List<ConnRow> rows() {
        FlowSnapshot f = flows.get();
        SocketTable t = sockets.get();
        if (f != lastFlows || t != lastTable) {
            lastFlows = f;
            lastTable = t;
            rows = f == null ? List.of() : toRows(f.flows(), t);
        }
        return rows;
    }

    static List<ConnRow> toRows(List<FlowRecord> flows, SocketTable table) {
        List<ConnRow> out = new ArrayList<>(flows.size());
        for (FlowRecord r : flows) {
            out.add(row(r, table));
        }
        return out;
    }

    static ConnRow row(FlowRecord r, SocketTable table) {
        // The end whose socket is found is ours (FlowOwnerResolver tries the ends known to be
        // local first, the client's on loopback); with none found, the end known to be local.
        Optional<FlowOwnership> owner = FlowOwnerResolver.resolve(r, table);
        boolean clientIsLocal = owner.map(FlowOwnership::clientSide).orElse(r.clientLocal() || !r.serverLocal());
        FlowEndpoint local = clientIsLocal ? r.client() : r.server();
        FlowEndpoint remote = clientIsLocal ? r.server() : r.client();
        FlowDirectionStats out = clientIsLocal ? r.toServer() : r.toClient();
        FlowDirectionStats in = clientIsLocal ? r.toClient() : r.toServer();
        String process = "";
        double kRtt = -1;
        long kCwnd = -1;
        if (owner.isPresent()) {
            SocketEntry e = owner.get().socket();
            if (e.owner() != null) {
                process = e.owner().pid() + "/" + e.owner().program();
            }
            if (e.tcpInfo() != null && !e.state().isListening()) {
                kRtt = e.tcpInfo().rttMs();
                kCwnd = e.tcpInfo().cwnd();
            }
        }
        long rttNanos = r.initialRttNanos() >= 0 ? r.initialRttNanos() : r.synToSynAckNanos();
        String state = r.state() == TcpState.NONE ? "-" : r.state().name();
        return new ConnRow(r.protocolName().toLowerCase(), text(local), text(remote), process, state,
                out.packets(), in.packets(), out.bytes(), in.bytes(), out.bytesPerSecond() + in.bytesPerSecond(),
                rttNanos < 0 ? -1 : rttNanos / 1e6, r.retransmissions(), kRtt, kCwnd);
    }

    static String text(FlowEndpoint e) {
        String a = e.address();
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + e.port();
    }
}
