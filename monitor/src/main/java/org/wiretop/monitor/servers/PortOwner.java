package org.wiretop.monitor.servers;

import java.util.Optional;
import java.util.Set;
import org.wiretop.monitor.socket.Proto;
import org.wiretop.monitor.socket.SocketEntry;
import org.wiretop.monitor.socket.SocketQuery;
import org.wiretop.monitor.socket.SocketTable;
import org.wiretop.monitor.socket.SocketTableSampler;

/**
 * Finds which process holds a local port, through the socket table (sock_diag, or /proc/net)
 * and its process index. Best effort: processes we may not read have no owner, so the answer
 * may be empty; it is only used to word an error.
 */
final class PortOwner {
    private PortOwner() {
    }

    /** "pid 4242 (socat)" for the process listening on (or bound to) that port, if found. */
    static Optional<String> describe(int port, ServerKind.Transport transport) {
        Proto proto = transport == ServerKind.Transport.TCP ? Proto.TCP : Proto.UDP;
        SocketQuery waiting = new SocketQuery(Set.of(proto), Set.of(4, 6), SocketQuery.Scope.LISTENING, Set.of());
        try (SocketTableSampler sampler = SocketTableSampler.open()) {
            SocketTable table = sampler.refresh(waiting, true, false);
            return table.entries().stream()
                    .filter(e -> e.localPort() == port)
                    .map(SocketEntry::process)
                    .flatMap(Optional::stream)
                    .findFirst()
                    .map(o -> "pid " + o.pid() + " (" + o.program() + ")");
        } catch (Exception | LinkageError e) {
            return Optional.empty(); // no socket table here: the message names the port alone
        }
    }
}
