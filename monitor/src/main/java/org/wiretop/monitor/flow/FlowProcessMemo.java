package org.wiretop.monitor.flow;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.wiretop.monitor.socket.SocketOwner;
import org.wiretop.monitor.socket.SocketTable;

/**
 * Remembers each flow's owning process once it has been seen, so a report printed after the
 * sockets closed (at the end of {@code capture --flows}) still names the process. Fed by a
 * sampler thread with each new flow snapshot and socket table; bounded (oldest forgotten first).
 * Thread-safe.
 */
public final class FlowProcessMemo {
    private final int limit;
    private final Map<Key, SocketOwner> owners;

    /** @param limit most flows remembered (e.g. the flow table's cap) */
    public FlowProcessMemo(int limit) {
        this.limit = Math.max(1, limit);
        this.owners = new LinkedHashMap<>();
    }

    /** Joins every flow of the snapshot with the table and remembers the owners found. */
    public synchronized void update(FlowSnapshot flows, SocketTable sockets) {
        for (FlowRecord f : flows.flows()) {
            Optional<SocketOwner> owner = FlowOwnerResolver.resolve(f, sockets).flatMap(FlowOwnership::process);
            if (owner.isPresent()) {
                Key k = Key.of(f);
                owners.remove(k);
                owners.put(k, owner.get());
            }
        }
        Iterator<Map.Entry<Key, SocketOwner>> it = owners.entrySet().iterator();
        while (owners.size() > limit && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    /** The process last seen owning this flow (same protocol and endpoints), if any. */
    public synchronized Optional<SocketOwner> ownerOf(FlowRecord flow) {
        return Optional.ofNullable(owners.get(Key.of(flow)));
    }

    private record Key(int protocol, FlowEndpoint client, FlowEndpoint server) {
        static Key of(FlowRecord f) {
            return new Key(f.protocol(), f.client(), f.server());
        }
    }
}
