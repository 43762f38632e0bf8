package org.wiretop.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads what {@code ss -p} reads in /proc — the socket inodes among a process's open files, its
 * name, its uid — with a few direct libc calls into one reused buffer: {@code getdents64} lists
 * {@code /proc/PID/fd} in one call, {@code readlinkat} reads each link, {@code statx} gives the
 * uid and the number of open files. The JDK's file API spends dozens of objects on each of those
 * and, until the JIT has compiled it (attribution reads a few processes a second), half a
 * millisecond a process: as long as a short-lived client holds its socket.
 *
 * <p>Failures are answers, not exceptions: a process that is gone, or not ours to read, has no
 * sockets, no name and no uid. One thread uses an instance.
 */
public final class ProcFiles implements AutoCloseable {
    private static final int O_RDONLY = 0, O_DIRECTORY = 0x10000, O_CLOEXEC = 0x80000;
    private static final int AT_FDCWD = -100;
    private static final int STATX_UID = 0x8, STATX_SIZE = 0x200;
    private static final int STATX_UID_OFFSET = 20, STATX_SIZE_OFFSET = 40;
    /** linux_dirent64: d_ino 8, d_off 8, d_reclen 2, d_type 1, then the name. */
    private static final int DIRENT_RECLEN = 16, DIRENT_NAME = 19;
    private static final int DIRENTS = 32 << 10, LINK = DIRENTS, LINK_MAX = 256, STATX = LINK + LINK_MAX;
    private static final byte[] SOCKET = "socket:[".getBytes(StandardCharsets.US_ASCII);

    private final byte[] root;
    private final Memory buf = new Memory(STATX + 256);
    private final byte[] path;
    private final byte[] link = new byte[LINK_MAX];

    /** Reads {@code /proc}. */
    public ProcFiles() {
        this("/proc");
    }

    /** Reads the proc file system mounted at {@code root}. */
    public ProcFiles(String root) {
        this.root = (root.endsWith("/") ? root : root + "/").getBytes(StandardCharsets.UTF_8);
        this.path = new byte[this.root.length + 32]; // a pid (10 digits), "/comm" and the NUL
    }

    /** The pids of the processes now (the numeric entries of the proc root), in the kernel's order; empty when unreadable. */
    public int[] pids() {
        System.arraycopy(root, 0, path, 0, root.length);
        path[root.length] = 0;
        long[] pids = walk(path, (dirFd, at) -> {
            long pid = 0;
            for (int i = at + DIRENT_NAME; pid >= 0; i++) {
                byte c = buf.getByte(i);
                if (c == 0) {
                    break;
                }
                pid = c >= '0' && c <= '9' && pid < 100_000_000 ? pid * 10 + (c - '0') : -1;
            }
            return pid;
        });
        return pids == null ? new int[0] : Arrays.stream(pids).mapToInt(p -> (int) p).toArray();
    }

    /**
     * The inodes of the sockets among the process's open files, in the order the kernel lists
     * them; null when the process is gone or we may not read its files.
     */
    public long[] socketInodes(int pid) {
        return walk(path(pid, "fd"), (dirFd, at) ->
                buf.getByte(at + DIRENT_NAME) == '.' ? -1 : socketInode(dirFd, buf.share(at + DIRENT_NAME)));
    }

    /** What a directory walk makes of one entry (its record at {@code at} in the buffer): a value > 0 to keep. */
    @FunctionalInterface
    private interface EntryValue {
        long of(int dirFd, int at);
    }

    /**
     * Lists the directory at the NUL-terminated {@code dir} with getdents64 and keeps the values
     * above 0 that {@code value} gives its entries, in the kernel's order; null when it cannot be opened.
     */
    private long[] walk(byte[] dir, EntryValue value) {
        int fd = LibC.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            return null;
        }
        long[] kept = new long[16];
        int n = 0;
        try {
            long got;
            while ((got = LibC.getdents64(fd, buf, DIRENTS)) > 0) {
                for (int at = 0; at < got; at += recordLength(at)) {
                    long v = value.of(fd, at);
                    if (v > 0) {
                        if (n == kept.length) {
                            kept = Arrays.copyOf(kept, n * 2);
                        }
                        kept[n++] = v;
                    }
                }
            }
        } finally {
            LibC.close(fd);
        }
        return Arrays.copyOf(kept, n);
    }

    /** The length of the directory record at {@code at}; never 0, so a walk always moves on. */
    private int recordLength(int at) {
        return Math.max(DIRENT_NAME + 1, buf.getShort(at + DIRENT_RECLEN) & 0xFFFF);
    }

    /** The inode of the socket this fd link names, or -1 (another kind of file, or closed meanwhile). */
    private long socketInode(int dirFd, Pointer name) {
        long len = LibC.readlinkat(dirFd, name, buf.share(LINK), LINK_MAX);
        if (len <= SOCKET.length + 1 || len >= LINK_MAX) {
            return -1;
        }
        int n = (int) len;
        buf.read(LINK, link, 0, n);
        if (!Arrays.equals(link, 0, SOCKET.length, SOCKET, 0, SOCKET.length) || link[n - 1] != ']') {
            return -1;
        }
        long inode = 0;
        for (int i = SOCKET.length; i < n - 1; i++) {
            int digit = link[i] - '0';
            if (digit < 0 || digit > 9 || inode > (Long.MAX_VALUE - digit) / 10) {
                return -1;
            }
            inode = inode * 10 + digit;
        }
        return inode;
    }

    /** The process's name ({@code /proc/PID/comm}, at most 15 bytes), or null when it is gone. */
    public String comm(int pid) {
        int fd = LibC.open(path(pid, "comm"), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            return null;
        }
        try {
            long len = LibC.read(fd, buf.share(LINK), LINK_MAX);
            if (len <= 0) {
                return null;
            }
            int n = (int) len;
            buf.read(LINK, link, 0, n);
            while (n > 0 && (link[n - 1] == '\n' || link[n - 1] == 0)) {
                n--;
            }
            return new String(link, 0, n, StandardCharsets.UTF_8);
        } finally {
            LibC.close(fd);
        }
    }

    /** The uid owning {@code /proc/PID} (the process's effective uid), or -1 when it is gone. */
    public int uid(int pid) {
        return LibC.statx(AT_FDCWD, path(pid, null), 0, STATX_UID, buf.share(STATX)) == 0
                && (buf.getInt(STATX) & STATX_UID) != 0 ? buf.getInt(STATX + STATX_UID_OFFSET) : -1;
    }

    /** The number of the process's open files (the size of /proc/PID/fd, Linux 6.2+), or 0 when unknown. */
    public long fdCount(int pid) {
        return LibC.statx(AT_FDCWD, path(pid, "fd"), 0, STATX_SIZE, buf.share(STATX)) == 0
                && (buf.getInt(STATX) & STATX_SIZE) != 0 ? buf.getLong(STATX + STATX_SIZE_OFFSET) : 0;
    }

    /** {@code ROOT/PID/file}, NUL-terminated, in the reused path buffer. */
    private byte[] path(int pid, String file) {
        int at = root.length;
        System.arraycopy(root, 0, path, 0, at);
        String digits = Integer.toString(pid);
        for (int i = 0; i < digits.length(); i++) {
            path[at++] = (byte) digits.charAt(i);
        }
        if (file != null) {
            path[at++] = '/';
            for (int i = 0; i < file.length(); i++) {
                path[at++] = (byte) file.charAt(i);
            }
        }
        path[at] = 0;
        return path;
    }

    @Override
    public void close() {
        buf.close();
    }

    /** The libc calls, direct-mapped; none throws: -1 is the answer they give on failure. */
    private static final class LibC {
        static {
            Native.register(NativeLibrary.getInstance("c"));
        }

        static native int open(byte[] path, int flags);

        static native long getdents64(int fd, Pointer buf, long size);

        static native long readlinkat(int dirFd, Pointer path, Pointer buf, long size);

        static native long read(int fd, Pointer buf, long size);

        static native int statx(int dirFd, byte[] path, int flags, int mask, Pointer buf);

        static native int close(int fd);
    }
}
