package org.wiretop.monitor.flow;

import java.util.Optional;
import org.wiretop.monitor.socket.Proto;
import org.wiretop.monitor.socket.SocketTable;

/**
 * The join of a flow seen on the wire with the kernel's sockets: which local socket, and so which
 * process, carries it. The matching itself (exact 4-tuple, then a listener or bound UDP socket on
 * the local port, wildcard and IPv4-mapped IPv6 included) is {@link SocketTable#owner}; this class
 * decides which end of the flow to ask about. An end known to be local (link-layer direction or
 * our addresses) is tried first, the client's before the server's (on loopback both are local,
 * and the client's socket is the one that initiated the traffic); an end not known to be local
 * is still tried last, since a match proves it local.
 */
public final class FlowOwnerResolver {
    private FlowOwnerResolver() {
    }

    /** The local socket of this flow in {@code table}, if any. */
    public static Optional<FlowOwnership> resolve(FlowRecord flow, SocketTable table) {
        Proto proto = Proto.ofIpProtocol(flow.protocol());
        if (proto == null || table == null) {
            return Optional.empty();
        }
        boolean[] order = flow.serverLocal() && !flow.clientLocal()
                ? new boolean[] {false, true} : new boolean[] {true, false};
        for (boolean clientSide : order) {
            Optional<FlowOwnership> found = side(flow, table, proto, clientSide);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The socket holding one given end of the flow (both ends exist on loopback). */
    public static Optional<FlowOwnership> resolveSide(FlowRecord flow, SocketTable table, boolean clientSide) {
        Proto proto = Proto.ofIpProtocol(flow.protocol());
        if (proto == null || table == null) {
            return Optional.empty();
        }
        return side(flow, table, proto, clientSide);
    }

    private static Optional<FlowOwnership> side(FlowRecord flow, SocketTable table, Proto proto, boolean clientSide) {
        FlowEndpoint local = clientSide ? flow.client() : flow.server();
        FlowEndpoint remote = clientSide ? flow.server() : flow.client();
        return table.owner(proto, local.inetAddress(), local.port(), remote.inetAddress(), remote.port())
                .map(socket -> new FlowOwnership(local, clientSide, socket));
    }
}
