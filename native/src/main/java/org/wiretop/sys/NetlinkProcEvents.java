package org.wiretop.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The processes started most recently on this host, as the kernel announces them over the
 * netlink process connector ({@code NETLINK_CONNECTOR}, {@code CN_IDX_PROC}): every exec, and
 * every fork that makes a process (not a thread), on a daemon thread of its own
 * ({@code wiretop-proc-events}). A socket lookup reads these first: a client that started a
 * moment ago is found without listing /proc. A socket filter in the kernel drops every other
 * event (thread forks, exits), so a busy host wakes the thread only per new process. Needs root
 * (CAP_NET_ADMIN) in the initial namespaces; {@link #open} fails otherwise and lookups list /proc.
 *
 * <pre>
 * nlmsghdr (16) + cn_msg (20: idx, val, seq, ack, len, flags) + proc_event (what, cpu, timestamp,
 *   then fork: parent_pid, parent_tgid, child_pid, child_tgid; exec: process_pid, process_tgid)
 * </pre>
 */
public final class NetlinkProcEvents implements AutoCloseable {
    private static final int AF_NETLINK = 16, SOCK_DGRAM = 2, SOCK_CLOEXEC = 0x80000, NETLINK_CONNECTOR = 11;
    private static final int CN_IDX_PROC = 1, CN_VAL_PROC = 1, PROC_CN_MCAST_LISTEN = 1, NLMSG_DONE = 3;
    private static final int SOL_SOCKET = 1, SO_RCVTIMEO = 20, SO_ATTACH_FILTER = 26;
    private static final int EVENT = 36, FORK_CHILD_TGID = EVENT + 28, EXEC_TGID = EVENT + 20;
    private static final int PROC_EVENT_FORK = 1, PROC_EVENT_EXEC = 2;
    private static final int RING = 64;
    private static final int BUFFER = 512;

    private final int fd;
    private final Memory buf = new Memory(BUFFER);
    private final AtomicIntegerArray pids = new AtomicIntegerArray(RING);
    private final AtomicLongArray seen = new AtomicLongArray(RING);
    private final AtomicLong count = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    private NetlinkProcEvents(int fd) {
        this.fd = fd;
        this.thread = new Thread(this::run, "wiretop-proc-events");
        thread.setDaemon(true);
    }

    /** Subscribes to process events and starts the reading thread. */
    public static NetlinkProcEvents open() throws NetlinkException {
        int fd;
        try {
            fd = NetlinkLibC.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_CONNECTOR);
        } catch (LastErrorException e) {
            throw new NetlinkException("cannot open a NETLINK_CONNECTOR socket", e.getErrorCode());
        } catch (LinkageError e) {
            throw new NetlinkException("cannot bind libc through JNA: " + e.getMessage(), 0);
        }
        try {
            Memory addr = new Memory(12);
            addr.clear();
            addr.setShort(0, (short) AF_NETLINK);
            addr.setInt(8, CN_IDX_PROC); // nl_groups
            NetlinkLibC.bind(fd, addr, 12);
            attachFilter(fd);
            Memory tv = new Memory(16);
            tv.clear();
            tv.setLong(8, 200_000); // 200 ms, so close() is noticed
            NetlinkLibC.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
            Memory listen = new Memory(40);
            listen.clear();
            listen.setInt(0, 40);
            listen.setShort(4, (short) NLMSG_DONE);
            listen.setInt(16, CN_IDX_PROC);
            listen.setInt(20, CN_VAL_PROC);
            listen.setShort(32, (short) 4);
            listen.setInt(36, PROC_CN_MCAST_LISTEN);
            NetlinkLibC.send(fd, listen, 40, 0);
        } catch (LastErrorException e) {
            NetlinkLibC.close(fd);
            throw new NetlinkException("cannot listen to process events", e.getErrorCode());
        }
        NetlinkProcEvents events = new NetlinkProcEvents(fd);
        events.thread.start();
        return events;
    }

    /**
     * Classic BPF, run by the kernel on each event: keep an exec, or a fork whose child is a
     * process (child_pid == child_tgid); drop the rest. Loads are big-endian, so the event type
     * (a host-order u32) is compared byte-swapped.
     */
    private static void attachFilter(int fd) {
        int ldAbs = 0x20, jeqK = 0x15, jeqX = 0x1d, tax = 0x07, retK = 0x06;
        int[][] prog = {
                {ldAbs, 0, 0, EVENT},
                {jeqK, 5, 0, Integer.reverseBytes(PROC_EVENT_EXEC)},
                {jeqK, 0, 5, Integer.reverseBytes(PROC_EVENT_FORK)},
                {ldAbs, 0, 0, FORK_CHILD_TGID - 4},
                {tax, 0, 0, 0},
                {ldAbs, 0, 0, FORK_CHILD_TGID},
                {jeqX, 0, 1, 0},
                {retK, 0, 0, 0xFFFF},
                {retK, 0, 0, 0},
        };
        Memory code = new Memory(8L * prog.length);
        for (int i = 0; i < prog.length; i++) {
            code.setShort(8L * i, (short) prog[i][0]);
            code.setByte(8L * i + 2, (byte) prog[i][1]);
            code.setByte(8L * i + 3, (byte) prog[i][2]);
            code.setInt(8L * i + 4, prog[i][3]);
        }
        Memory fprog = new Memory(16);
        fprog.clear();
        fprog.setShort(0, (short) prog.length);
        fprog.setPointer(8, code);
        NetlinkLibC.setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, 16);
    }

    private void run() {
        while (running) {
            long n;
            try {
                n = NetlinkLibC.recv(fd, buf, BUFFER, 0);
            } catch (LastErrorException e) {
                continue; // the receive timeout (look at running), an interrupted call, or lost events (ENOBUFS)
            }
            if (n < EVENT + 32) {
                continue;
            }
            int what = buf.getInt(EVENT);
            int pid = what == PROC_EVENT_EXEC ? buf.getInt(EXEC_TGID) : what == PROC_EVENT_FORK ? buf.getInt(FORK_CHILD_TGID) : 0;
            if (pid > 0) {
                long c = count.get();
                pids.set((int) (c % RING), pid);
                seen.set((int) (c % RING), System.nanoTime());
                count.set(c + 1); // one writer: this thread
            }
        }
    }

    /**
     * Copies the pids of up to {@code out.length} processes started (forked or exec'd) since
     * {@code sinceNanos} ({@link System#nanoTime()}) into {@code out}, newest first, each once;
     * returns how many. Any thread (a pid overwritten meanwhile only costs the reader a look).
     */
    public int newest(int[] out, long sinceNanos) {
        long c = count.get();
        int n = 0;
        for (long i = c - 1; i >= 0 && i >= c - RING && n < out.length; i--) {
            int slot = (int) (i % RING);
            if (seen.get(slot) - sinceNanos < 0) {
                break;
            }
            int pid = pids.get(slot);
            boolean again = false;
            for (int k = 0; k < n && !again; k++) {
                again = out[k] == pid;
            }
            if (!again) {
                out[n++] = pid;
            }
        }
        return n;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            NetlinkLibC.close(fd);
        } catch (LastErrorException e) {
            // closed already
        }
    }
}
