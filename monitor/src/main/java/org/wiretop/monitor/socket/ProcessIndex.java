package org.wiretop.monitor.socket;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wiretop.sys.NetlinkProcEvents;
import org.wiretop.sys.ProcFiles;

/**
 * Socket inode → owning process, from the {@code socket:[INODE]} links in
 * {@code /proc/[pid]/fd}, as {@code ss -p} and {@code netstat -p} find them, read with
 * {@link ProcFiles}' direct system calls.
 *
 * <p>Reading every link of every process is the expensive part of a refresh, so the index is
 * kept between refreshes and processes are read again only when the table lists a socket with
 * no known owner: first new pids and pids whose fd count changed (the size of
 * {@code /proc/PID/fd} is its number of open files on Linux 6.2+), then, if the socket is still
 * unowned, every process (at most once every 2 s). A socket unowned even then (a kernel socket, a process in
 * another pid namespace or of another user we may not read) is remembered, so it does not
 * trigger the full scan again; processes that come and go without sockets cost nothing.
 * Processes we may not read get no owner rather than an error. Known limit: a socket handed to
 * another process and closed by its first owner keeps the first owner until that one exits. Not for concurrent use: one sampler thread refreshes it.
 */
public final class ProcessIndex {
    /**
     * How often at most every process is read again: on a busy machine sockets of processes
     * that are gone by the time we look appear on every refresh, and reading all links each
     * time would cost as much as ss -p does.
     */
    private static final long FULL_SCAN_INTERVAL_NANOS = 2_000_000_000L;

    private final ProcFiles files;
    private final UserNames users;
    private final Map<Integer, ProcessFds> processes = new HashMap<>();
    private final Map<Long, SocketOwner> owners = new HashMap<>();
    private Set<Long> unowned = new HashSet<>();
    private int lastScanned;
    private long lastFullScan = System.nanoTime() - FULL_SCAN_INTERVAL_NANOS;
    /** Pids that owned the sockets {@link #locate} found last, most recent first. */
    private final int[] recent = new int[RECENT];
    private static final int RECENT = 8;

    /** The kernel's announcements of new processes, or null: {@link #locate} then lists /proc to find them. */
    private final NetlinkProcEvents events;
    private final int[] started = new int[STARTED];
    /** At most this many processes started lately are read first by {@link #locate}. */
    private static final int STARTED = 8;
    /** How recently a process must have started to be read first: a client connects soon after it starts. */
    private static final long STARTED_NANOS = 2_000_000_000L;

    /** Indexes this machine's /proc. */
    public ProcessIndex() {
        this(Path.of("/proc"), Path.of("/etc/passwd"), null);
    }

    /** Indexes this machine's /proc; {@link #locate} reads the processes {@code events} announced first. */
    public ProcessIndex(NetlinkProcEvents events) {
        this(Path.of("/proc"), Path.of("/etc/passwd"), events);
    }

    private ProcessIndex(Path proc, Path passwd, NetlinkProcEvents events) {
        this.files = new ProcFiles(proc.toString());
        this.users = new UserNames(passwd);
        this.events = events;
    }

    /** What one process held the last time it was read, and since when we know it ({@link System#nanoTime()}). */
    private record ProcessFds(long fdCount, long[] inodes, long seenSince) {
    }

    /**
     * A process first seen this recently is read again whenever a socket is missing, whatever its
     * fd count says: a program starting up opens and closes files, so the count it had when we
     * first read it may equal the count once its socket took a file's place.
     */
    private static final long YOUNG_NANOS = 5_000_000_000L;
    /** Open files below which a process that owned a recent socket is cheap enough to read again. */
    private static final long SMALL_PROCESS_FDS = 256;

    /**
     * Finds the owners of sockets just seen (the attribution path), looking only where a new
     * socket can be, cheapest first, and stopping as soon as every one is found: the processes
     * the kernel announced as started in the last 2 s (with {@link NetlinkProcEvents}: newest
     * first, without listing /proc), then the processes that owned the latest sockets found (read again when their fd count changed, or always when
     * they hold few files), then
     * processes started since the last look, then known processes whose fd count changed or
     * that are young, and at most every 2 s every process. Within a step, processes with fewer
     * open files are read first: a short-lived client holds a handful, and must be read before
     * it closes its socket, while a busy server's hundreds can wait. {@code out[i]} is left null
     * when socket {@code i} has no owner we can see; inode 0 (no socket file) is not looked for.
     */
    public synchronized void locate(long[] inodes, int n, SocketOwner[] out) {
        locate(inodes, n, out, false);
    }

    /**
     * As {@link #locate(long[], int, SocketOwner[])}; {@code quick} stops before reading the
     * known processes again (the costly steps), so a caller can first check the sockets still exist.
     */
    public synchronized void locate(long[] inodes, int n, SocketOwner[] out, boolean quick) {
        lastScanned = 0;
        if (fill(inodes, n, out)) {
            return;
        }
        if (events != null) {
            // Processes that started a moment ago, newest first: a short-lived client, found
            // without listing /proc, before it closes its socket.
            // Each is read again only when its number of open files changed (its socket added one).
            int k = events.newest(started, System.nanoTime() - STARTED_NANOS);
            for (int i = 0; i < k; i++) {
                ProcessFds known = processes.get(started[i]);
                if (known == null || known.fdCount == 0 || known.fdCount != fdCount(started[i])) {
                    scan(started[i]);
                    if (fill(inodes, n, out)) {
                        return;
                    }
                }
            }
        }
        for (int pid : recent) {
            ProcessFds known = pid == 0 ? null : processes.get(pid);
            long count = known == null ? -1 : fdCount(pid);
            // A small process is read again even at the same count: one that closes a socket
            // and opens the next (a client making one request after another) keeps its count.
            if (known != null && (count != known.fdCount || count <= SMALL_PROCESS_FDS)) {
                scan(pid);
                if (fill(inodes, n, out)) {
                    return;
                }
            }
        }
        Set<Integer> live = livePids();
        processes.keySet().removeIf(pid -> {
            if (!live.contains(pid)) {
                forget(pid);
                return true;
            }
            return false;
        });
        List<long[]> fresh = new ArrayList<>();
        for (int pid : live) {
            if (!processes.containsKey(pid)) {
                fresh.add(new long[] {fdCount(pid), pid});
            }
        }
        if (scanFewestFirst(fresh, inodes, n, out) || quick) {
            return;
        }
        List<long[]> changed = new ArrayList<>();
        long young = System.nanoTime() - YOUNG_NANOS;
        for (Map.Entry<Integer, ProcessFds> e : processes.entrySet()) {
            ProcessFds known = e.getValue();
            long count = fdCount(e.getKey());
            if (count != known.fdCount || known.seenSince - young > 0) {
                changed.add(new long[] {count, e.getKey()});
            }
        }
        if (scanFewestFirst(changed, inodes, n, out)) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastFullScan >= FULL_SCAN_INTERVAL_NANOS) {
            lastFullScan = now;
            for (int pid : live) {
                scan(pid);
            }
            fill(inodes, n, out);
        }
    }

    /** Reads the given {fdCount, pid} processes, fewest open files first, until every socket is found; true then. */
    private boolean scanFewestFirst(List<long[]> candidates, long[] inodes, int n, SocketOwner[] out) {
        candidates.sort((x, y) -> Long.compare(x[0], y[0]));
        for (long[] c : candidates) {
            scan((int) c[1]);
            if (fill(inodes, n, out)) {
                return true;
            }
        }
        return false;
    }

    /** Fills in the owners already known and remembers who they were; true when none is missing. */
    private boolean fill(long[] inodes, int n, SocketOwner[] out) {
        boolean all = true;
        for (int i = 0; i < n; i++) {
            if (out[i] == null && inodes[i] != 0) {
                out[i] = ownerOfLocked(inodes[i]);
                if (out[i] == null) {
                    all = false;
                } else {
                    remember(out[i].pid());
                }
            }
        }
        return all;
    }

    private void remember(int pid) {
        int at = 0;
        while (at < RECENT - 1 && recent[at] != pid) {
            at++;
        }
        System.arraycopy(recent, 0, recent, 1, at);
        recent[0] = pid;
    }

    /**
     * Brings the index up to date for the given socket inodes (0 is ignored: TIME_WAIT and
     * request sockets belong to no file). Processes are read only when a socket has no known
     * owner: first the new ones and those whose fd count changed, then, if that was not enough,
     * all of them (at most every 2 s).
     */
    public synchronized void refresh(long[] socketInodes) {
        lastScanned = 0;
        Set<Integer> live = livePids();
        processes.keySet().removeIf(pid -> {
            if (!live.contains(pid)) {
                forget(pid);
                return true;
            }
            return false;
        });
        Set<Long> missing = missing(socketInodes);
        boolean settled = unowned.containsAll(missing); // nothing unowned we have not looked for
        if (!settled) {
            Set<Integer> scanned = new HashSet<>();
            for (int pid : live) {
                ProcessFds known = processes.get(pid);
                if (known == null || (known.fdCount != 0 && known.fdCount != fdCount(pid))) {
                    scan(pid);
                    scanned.add(pid);
                }
            }
            missing = missing(socketInodes);
            settled = scanned.size() == live.size() || unowned.containsAll(missing);
            long now = System.nanoTime();
            if (!settled && now - lastFullScan >= FULL_SCAN_INTERVAL_NANOS) {
                lastFullScan = now;
                for (int pid : live) {
                    if (!scanned.contains(pid)) {
                        scan(pid);
                    }
                }
                missing = missing(socketInodes);
                settled = true;
            }
        }
        if (settled) {
            unowned = missing;
        } else {
            // Only sockets every process was read for count as ownerless; the others are
            // looked for again once the full scan is due.
            unowned.retainAll(missing);
        }
    }

    /** Reads every process now (a warm start for {@link #locate}: later only new ones are read). */
    public synchronized void scanAll() {
        for (int pid : livePids()) {
            scan(pid);
        }
    }

    /** The process holding this socket, or null when unknown. */
    public synchronized SocketOwner ownerOf(long inode) {
        return ownerOfLocked(inode);
    }

    private SocketOwner ownerOfLocked(long inode) {
        return inode == 0 ? null : owners.get(inode);
    }

    /** How many processes the last refresh read (a measure of its cost, for benchmarks and tests). */
    public synchronized int lastScannedProcesses() {
        return lastScanned;
    }

    private Set<Long> missing(long[] inodes) {
        Set<Long> missing = new HashSet<>();
        for (long inode : inodes) {
            if (inode != 0 && !owners.containsKey(inode)) {
                missing.add(inode);
            }
        }
        return missing;
    }

    private Set<Integer> livePids() {
        int[] pids = files.pids();
        Set<Integer> live = new HashSet<>(pids.length * 2);
        for (int pid : pids) {
            live.add(pid);
        }
        return live;
    }

    /** The number of open files (Linux 6.2+), or 0 when the kernel does not say. */
    private long fdCount(int pid) {
        return files.fdCount(pid);
    }

    private void scan(int pid) {
        lastScanned++;
        ProcessFds before = processes.get(pid);
        long since = before != null ? before.seenSince : System.nanoTime();
        forget(pid);
        long count = fdCount(pid);
        long[] inodes = files.socketInodes(pid);
        if (inodes == null) {
            // gone, or not ours to read: no owner for its sockets, and no error
            processes.put(pid, new ProcessFds(count, new long[0], since));
            return;
        }
        processes.put(pid, new ProcessFds(count, inodes, since));
        if (inodes.length == 0) {
            return;
        }
        SocketOwner owner = describe(pid);
        if (owner == null) {
            return;
        }
        for (long inode : inodes) {
            // A socket shared after fork keeps the owner found first, as long as it lives.
            owners.putIfAbsent(inode, owner);
        }
    }

    private void forget(int pid) {
        ProcessFds old = processes.get(pid);
        if (old == null) {
            return;
        }
        for (long inode : old.inodes) {
            SocketOwner o = owners.get(inode);
            if (o != null && o.pid() == pid) {
                owners.remove(inode);
            }
        }
    }

    private SocketOwner describe(int pid) {
        String comm = files.comm(pid);
        int uid = files.uid(pid);
        return comm == null || uid < 0 ? null : new SocketOwner(pid, comm, users.nameOf(uid)); // null: exited while we looked
    }
}
