package org.wiretop.monitor.socket;

import java.util.ArrayList;
import java.util.List;
import org.wiretop.sys.InetDiagMessage;
import org.wiretop.sys.NetlinkException;
import org.wiretop.sys.NetlinkSockDiag;

/**
 * Names the process behind a socket given its 4-tuple, the moment a flow's first packet is
 * seen: a sock_diag exact-match query (the kernel's own hash lookup, no dump) gives the socket's
 * state, inode and uid, and the {@link ProcessIndex} maps the inode to its process looking only
 * where a new socket can be ({@link ProcessIndex#locate}). A socket found without an inode (not
 * yet accepted, or in TIME_WAIT) is asked for again as the listener of its port, which owns it
 * until {@code accept}. A batch of queries shares one look at /proc. One thread uses it.
 */
public final class SocketOwnerLookup implements AutoCloseable {
    /**
     * One socket to name.
     *
     * @param local  the socket's own address, 4 or 16 network-order bytes
     * @param remote the peer's address, same length
     */
    public record Query(Proto proto, byte[] local, int localPort, byte[] remote, int remotePort) {
    }

    /**
     * What was found.
     *
     * @param state null when the kernel has no such socket (closed before we asked)
     * @param inode the socket's inode, 0 when it has none (TIME_WAIT, orphaned)
     * @param uid   the socket's owner as the kernel keeps it, -1 when unknown or meaningless (no inode)
     * @param owner the process holding it, or null when not found (exited, or not ours to read)
     */
    public record Answer(SocketState state, long inode, int uid, SocketOwner owner) {
        static final Answer GONE = new Answer(null, 0, -1, null);
    }

    private final NetlinkSockDiag diag;
    private final ProcessIndex processes;
    private SocketState foundState;
    private long foundInode;
    private int foundUid;

    public SocketOwnerLookup(NetlinkSockDiag diag, ProcessIndex processes) {
        this.diag = diag;
        this.processes = processes;
    }

    /** Opens a sock_diag socket of its own; throws when netlink is refused. */
    public static SocketOwnerLookup open(ProcessIndex processes) throws NetlinkException {
        return new SocketOwnerLookup(NetlinkSockDiag.open(), processes);
    }

    /** The index this lookup fills (shared with a listener sampler on the same thread). */
    public ProcessIndex processes() {
        return processes;
    }

    /** One answer a query, in order. */
    public List<Answer> lookup(List<Query> queries) throws NetlinkException {
        int n = queries.size();
        List<Answer> answers = new ArrayList<>(n);
        long[] inodes = new long[n];
        Query[] asked = new Query[n];
        for (int i = 0; i < n; i++) {
            Query q = queries.get(i);
            asked[i] = q;
            Answer a = find(q);
            if (a.state != null && a.inode == 0 && a.state != SocketState.LISTEN) {
                Query lq = new Query(q.proto, q.local, q.localPort, new byte[q.local.length], 0);
                Answer listener = find(lq);
                if (listener.state != null && listener.state.isListening()) {
                    a = listener;
                    asked[i] = lq;
                }
            }
            answers.add(a);
            inodes[i] = a.inode;
        }
        SocketOwner[] owners = new SocketOwner[n];
        processes.locate(inodes, n, owners, true);
        // Not among new and recent processes: before reading every known one again (tens of ms
        // on a busy host, out of the lookups' CPU budget), ask whether the socket is still held.
        boolean more = false;
        for (int i = 0; i < n; i++) {
            if (owners[i] == null && inodes[i] != 0) {
                Answer again = find(asked[i]);
                if (again.inode != inodes[i]) {
                    inodes[i] = 0; // closed meanwhile (gone, or orphaned without its file): no process to find
                } else {
                    more = true;
                }
            }
        }
        if (more) {
            processes.locate(inodes, n, owners);
        }
        for (int i = 0; i < n; i++) {
            Answer a = answers.get(i);
            if (owners[i] != null) {
                answers.set(i, new Answer(a.state, a.inode, a.uid, owners[i]));
            }
        }
        return answers;
    }

    private Answer find(Query q) throws NetlinkException {
        int family = q.local.length == 4 ? NetlinkSockDiag.AF_INET : NetlinkSockDiag.AF_INET6;
        foundState = null;
        boolean found = diag.findOne(family, q.proto.ipProtocol(), q.local, q.localPort, q.remote, q.remotePort,
                this::take);
        if (!found || foundState == null) {
            return Answer.GONE;
        }
        return new Answer(foundState, foundInode, foundInode == 0 ? -1 : foundUid, null);
    }

    private void take(InetDiagMessage m) {
        foundState = SocketState.fromKernel(m.protocol() == NetlinkSockDiag.IPPROTO_UDP ? Proto.UDP : Proto.TCP,
                m.state());
        foundInode = m.inode();
        foundUid = m.uid();
    }

    @Override
    public void close() {
        diag.close();
    }
}
