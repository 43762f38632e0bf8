package org.wiretop.monitor.socket;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.wiretop.sys.NetlinkException;

/**
 * Takes {@link SocketTable} snapshots: the kernel's sockets from the best source available,
 * joined with their owning processes. Picks sock_diag, and falls back to /proc/net for good the
 * first time netlink is refused (a sandbox may allow the socket but refuse the dump);
 * {@link #sourceNote()} says which is in use and why, for callers to print once when asked.
 * One sampler per thread.
 */
public final class SocketTableSampler implements AutoCloseable {
    private static final Set<Integer> BOTH_FAMILIES = Set.of(4, 6);

    private SocketTableProvider provider;
    private final ProcessIndex processes;
    private String fallbackReason;

    /** A sampler over a given provider (tests use this to pin a source). */
    public SocketTableSampler(SocketTableProvider provider, ProcessIndex processes) {
        this.provider = provider;
        this.processes = processes;
    }

    /** A sampler over sock_diag, or /proc/net where netlink cannot be opened. */
    public static SocketTableSampler open() {
        try {
            return new SocketTableSampler(SockDiagProvider.open(), new ProcessIndex());
        } catch (NetlinkException e) {
            SocketTableSampler s = new SocketTableSampler(new ProcNetProvider(), new ProcessIndex());
            s.fallbackReason = e.getMessage();
            return s;
        }
    }

    /** {@code sock_diag} or {@code /proc/net}. */
    public synchronized String source() {
        return provider.source();
    }

    /** One line naming the source in use and, after a fallback, why. */
    public synchronized String sourceNote() {
        return "sockets from " + provider.source() + (fallbackReason != null ? " (" + fallbackReason + ")" : "");
    }

    /** Every TCP and UDP socket of both families, with owners. */
    public SocketTable refresh() throws IOException {
        return refresh(EnumSet.allOf(Proto.class), BOTH_FAMILIES, true);
    }

    /**
     * A snapshot of the given protocols and families.
     *
     * @param withProcesses whether to find owners (the /proc/PID/fd scan is the costly part)
     */
    public SocketTable refresh(Set<Proto> protos, Set<Integer> families, boolean withProcesses) throws IOException {
        return refresh(protos, families, withProcesses, true);
    }

    /**
     * A snapshot of the given protocols and families.
     *
     * @param withProcesses whether to find owners (the /proc/PID/fd scan is the costly part)
     * @param withTcpInfo   whether to ask the kernel for tcp_info
     */
    public SocketTable refresh(Set<Proto> protos, Set<Integer> families, boolean withProcesses,
                               boolean withTcpInfo) throws IOException {
        return refresh(new SocketQuery(protos, families, SocketQuery.Scope.ALL, Set.of()), withProcesses, withTcpInfo);
    }

    /**
     * A snapshot of the sockets a query asks for; the kernel does the state filtering, which
     * makes listening-only snapshots cheap.
     *
     * @param withProcesses whether to find owners (the /proc/PID/fd scan is the costly part)
     * @param withTcpInfo   whether to ask the kernel for tcp_info
     */
    public synchronized SocketTable refresh(SocketQuery query, boolean withProcesses, boolean withTcpInfo)
            throws IOException {
        List<SocketEntry> raw = read(query, withTcpInfo);
        if (!withProcesses) {
            return new SocketTable(raw, provider.source(), System.currentTimeMillis());
        }
        long[] inodes = new long[raw.size()];
        for (int i = 0; i < inodes.length; i++) {
            inodes[i] = raw.get(i).inode();
        }
        processes.refresh(inodes);
        List<SocketEntry> owned = new ArrayList<>(raw.size());
        for (SocketEntry e : raw) {
            SocketOwner owner = processes.ownerOf(e.inode());
            owned.add(owner == null ? e : e.withOwner(owner));
        }
        return new SocketTable(owned, provider.source(), System.currentTimeMillis());
    }

    /** Whether LISTEN sockets carry their backlog as send queue with the current source. */
    public synchronized boolean reportsListenBacklog() {
        return provider.reportsListenBacklog();
    }

    /** The process index, for callers that join other things with processes. */
    public ProcessIndex processes() {
        return processes;
    }

    private List<SocketEntry> read(SocketQuery query, boolean tcpInfo) throws IOException {
        try {
            return provider.read(query, tcpInfo);
        } catch (NetlinkException e) {
            if (!e.refused()) {
                throw e;
            }
            provider.close();
            provider = new ProcNetProvider();
            fallbackReason = "sock_diag refused: " + e.getMessage();
            return provider.read(query, tcpInfo);
        }
    }

    @Override
    public synchronized void close() {
        provider.close();
    }
}
