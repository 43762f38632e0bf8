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

    /**
     * Reads the current sockets.
     *
     * @param protos   protocols wanted
     * @param families address families wanted (4, 6)
     */
    List<SocketEntry> read(Set<Proto> protos, Set<Integer> families) throws IOException;

    /** True when LISTEN sockets report their backlog as send queue (sock_diag does, /proc does not). */
    boolean reportsListenBacklog();

    @Override
    void close();
}
