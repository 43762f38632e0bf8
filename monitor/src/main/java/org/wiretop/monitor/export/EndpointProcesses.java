package org.wiretop.monitor.export;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.wiretop.monitor.flow.FlowEndpoint;
import org.wiretop.monitor.flow.FlowOwnerResolver;
import org.wiretop.monitor.flow.FlowOwnership;
import org.wiretop.monitor.flow.FlowRecord;
import org.wiretop.monitor.flow.FlowSnapshot;
import org.wiretop.monitor.socket.SocketOwner;
import org.wiretop.monitor.socket.SocketTable;

/**
 * Remembers the process at each local end of the flows seen, for export: a sampler thread joins
 * each flow snapshot with the socket table, both ends (on loopback both are ours), and the
 * capture thread reads the answers without waiting (a concurrent map's reads take no lock). The
 * answer outlives the socket, so a record exported after the connection closed still names its
 * processes. Bounded: the oldest ends are forgotten first.
 */
public final class EndpointProcesses implements FlowProcesses {
    private record End(int protocol, FlowEndpoint local, FlowEndpoint remote) {
    }

    private final int limit;
    private final ConcurrentHashMap<End, SocketOwner> owners = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<End> order = new ConcurrentLinkedQueue<>();

    /** @param limit most ends remembered */
    public EndpointProcesses(int limit) {
        this.limit = Math.max(2, limit);
    }

    /** Sampler thread: looks up both ends of every flow of the snapshot in the socket table. */
    public void update(FlowSnapshot flows, SocketTable sockets) {
        for (FlowRecord f : flows.flows()) {
            // Only an end known to be ours: a remote end would match a local listener on its port.
            if (f.clientLocal()) {
                remember(f, sockets, true);
            }
            if (f.serverLocal()) {
                remember(f, sockets, false);
            }
        }
        while (owners.size() > limit) {
            End oldest = order.poll();
            if (oldest == null) {
                break;
            }
            owners.remove(oldest);
        }
    }

    private void remember(FlowRecord f, SocketTable sockets, boolean clientSide) {
        Optional<SocketOwner> owner = FlowOwnerResolver.resolveSide(f, sockets, clientSide).flatMap(FlowOwnership::process);
        if (owner.isPresent()) {
            FlowEndpoint local = clientSide ? f.client() : f.server();
            FlowEndpoint remote = clientSide ? f.server() : f.client();
            End end = new End(f.protocol(), local, remote);
            if (owners.put(end, owner.get()) == null) {
                order.add(end);
            }
        }
    }

    @Override
    public SocketOwner owner(int protocol, FlowEndpoint local, FlowEndpoint remote) {
        return owners.get(new End(protocol, local, remote));
    }
}
