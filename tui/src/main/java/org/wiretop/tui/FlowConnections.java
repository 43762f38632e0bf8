package org.wiretop.tui;

import org.wiretop.monitor.flow.FlowAttribution;
import org.wiretop.monitor.flow.FlowDirectionStats;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowOwner;
import org.wiretop.monitor.flow.FlowOwnerResolver;
import org.wiretop.monitor.flow.FlowOwnership;
import org.wiretop.monitor.flow.FlowRecord;
import org.wiretop.monitor.flow.FlowSnapshot;
import org.wiretop.monitor.flow.ProcessTag;
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
 * The flow table's latest snapshot as rows, one per local socket of each flow: a flow between
 * two sockets of this host (loopback) gives a row for each end, as {@code ss} lists both, so
 * every process sees its own connections and the by-process totals add up per process. Each
 * row's process is the one {@link FlowAttribution} named for that end from the flow's first
 * packet, else the socket table's owner; a local TCP socket adds the kernel's rtt and cwnd.
 * Rows are rebuilt only when either snapshot changed. UI thread only.
 */
public final class FlowConnections implements Feeds.Connections {
    private final AtomicReference<FlowSnapshot> flows;
    private final Supplier<SocketTable> sockets;
    private final FlowAttribution owners;
    private FlowSnapshot lastFlows;
    private SocketTable lastTable;
    private List<ConnRow> rows = List.of();

    /** @param owners the processes named per flow end, or null (a file: no processes) */
    public FlowConnections(AtomicReference<FlowSnapshot> flows, Supplier<SocketTable> sockets, FlowAttribution owners) {
        this.flows = flows;
        this.sockets = sockets;
        this.owners = owners;
    }

    @Override
    public List<ConnRow> rows() {
        FlowSnapshot f = flows.get();
        SocketTable t = sockets.get();
        if (f != lastFlows || t != lastTable) {
            lastFlows = f;
            lastTable = t;
            rows = f == null ? List.of() : toRows(f.flows(), t, owners);
        }
        return rows;
    }

    static List<ConnRow> toRows(List<FlowRecord> flows, SocketTable table, FlowAttribution owners) {
        List<ConnRow> out = new ArrayList<>(flows.size());
        for (FlowRecord r : flows) {
            FlowOwner named = owners == null ? null : owners.ownerOf(r);
            boolean both = r.clientLocal() && r.serverLocal();
            if (both) {
                out.add(row(r, table, named, true));
                out.add(row(r, table, named, false));
            } else {
                // The end known to be local; with neither, the one whose socket is found (or the client).
                boolean clientSide = r.clientLocal() || (!r.serverLocal()
                        && FlowOwnerResolver.resolve(r, table).map(FlowOwnership::clientSide).orElse(true));
                out.add(row(r, table, named, clientSide));
            }
        }
        return out;
    }

    /** The flow as its {@code clientSide} (else server-side) socket sees it. */
    static ConnRow row(FlowRecord r, SocketTable table, FlowOwner named, boolean clientSide) {
        FlowEndpoint local = clientSide ? r.client() : r.server();
        FlowEndpoint remote = clientSide ? r.server() : r.client();
        FlowDirectionStats out = clientSide ? r.toServer() : r.toClient();
        FlowDirectionStats in = clientSide ? r.toClient() : r.toServer();
        ProcessTag tag = named == null ? null : named.of(local);
        String process = tag == null ? "" : tag.label();
        double kRtt = -1;
        long kCwnd = -1;
        Optional<FlowOwnership> socket = FlowOwnerResolver.resolveSide(r, table, clientSide);
        if (socket.isPresent()) {
            SocketEntry e = socket.get().socket();
            if (process.isEmpty() && e.owner() != null) {
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
                rttNanos < 0 ? -1 : rttNanos / 1e6, r.retransmissions(), kRtt, kCwnd, out.bytesPerSecond());
    }

    static String text(FlowEndpoint e) {
        String a = e.address();
        return (a.indexOf(':') >= 0 ? "[" + a + "]" : a) + ":" + e.port();
    }
}
