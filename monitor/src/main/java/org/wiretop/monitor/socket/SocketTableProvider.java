package org.wiretop.monitor.socket;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A source of the kernel's socket list. Entries come without owners: the
 * {@link SocketTableSampler} adds them from the {@link ProcessIndex}.
 */
public interface SocketTableProvider extends AutoCloseable {
    /** {@code sock_diag} or {@code /proc/net}. */
    String source();

    /** Reads every current socket of the given protocols and families, with tcp_info where the source has it. */
    default List<SocketEntry> read(Set<Proto> protos, Set<Integer> families) throws IOException {
        return read(new SocketQuery(protos, families, SocketQuery.Scope.ALL, Set.of()), true);
    }

    /**
     * Reads the current sockets that match a query.
     *
     * @param tcpInfo whether tcp_info is wanted (asking costs sock_diag about a quarter of its time)
     */
    List<SocketEntry> read(SocketQuery query, boolean tcpInfo) throws IOException;

    /** True when LISTEN sockets report their backlog as send queue (sock_diag does, /proc does not). */
    boolean reportsListenBacklog();

    @Override
    void close();
}
