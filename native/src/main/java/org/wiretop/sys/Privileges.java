package org.wiretop.sys;

import com.sun.jna.Memory;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Drops root for good, as tcpdump's {@code -Z}: the caller opens what needs root (the capture
 * handle) and then calls {@link #dropTo(String)}, which switches the whole process to the
 * user's uid, primary gid and supplementary groups, in the only safe order
 * (setgroups, setgid, setuid: once the uid is gone, the groups can no longer be changed).
 *
 * <p>Threads: the calls go through glibc's wrappers, which apply the change to every thread of
 * the process (glibc signals each thread to run the syscall itself, the "setxid" broadcast);
 * Linux credentials are per-thread, so raw syscalls from one JVM thread would leave the others
 * (GC, JIT, the capture thread) running as root. {@link #dropTo} checks every thread in
 * {@code /proc/self/task} afterwards to be sure.
 *
 * <p>Nothing is trusted: after the calls the real and effective ids and the groups are read back,
 * the capability sets must be empty, and {@code setuid(0)} must fail. Any mismatch throws, and
 * the caller must stop rather than go on with root it believes it gave up.
 */
public final class Privileges {
    private static final CredentialsLibC C = CredentialsLibC.C;

    private Privileges() {
    }

    /**
     * Looks a user up by name (getpwnam_r, then getgrouplist for the supplementary groups).
     *
     * @throws PrivilegeException (usage) when there is no such user
     */
    public static UserAccount lookup(String user) throws PrivilegeException {
        if (user == null || user.isBlank() || user.indexOf('\0') >= 0) {
            throw new PrivilegeException("no user name given to drop privileges to (e.g. -Z nobody)", true);
        }
        CredentialsLibC.Passwd pwd = new CredentialsLibC.Passwd();
        PointerByReference result = new PointerByReference();
        long size = 16 * 1024;
        int rc;
        Memory buf;
        do {
            buf = new Memory(size);
            rc = C.getpwnam_r(user, pwd, buf, size, result);
            size *= 2;
        } while (rc == 34 /* ERANGE */ && size <= 1 << 20);
        if (rc != 0) {
            throw new PrivilegeException("cannot look up user \"" + user + "\": " + C.strerror(rc), false);
        }
        if (result.getValue() == null) {
            throw new PrivilegeException("no such user \"" + user + "\" to drop privileges to:"
                    + " name an existing account (e.g. nobody)", true);
        }
        pwd.read();
        return new UserAccount(user, pwd.pw_uid, pwd.pw_gid, groupsOf(user, pwd.pw_gid));
    }

    private static int[] groupsOf(String user, int gid) throws PrivilegeException {
        int[] groups = new int[64];
        IntByReference n = new IntByReference(groups.length);
        for (int attempt = 0; C.getgrouplist(user, gid, groups, n) < 0; attempt++) {
            if (attempt > 4 || n.getValue() <= groups.length) {
                throw new PrivilegeException("cannot read the groups of user \"" + user + "\"", false);
            }
            groups = new int[n.getValue()];
            n.setValue(groups.length);
        }
        return Arrays.copyOf(groups, n.getValue());
    }

    /**
     * Switches the whole process to {@code user} and verifies it; call it once, right after
     * opening what needs root. Running as that user already is a no-op.
     *
     * @return the account now in effect
     * @throws PrivilegeException when the user is unknown, a call fails (not root?), or the
     *                            result cannot be verified; the caller must not go on
     */
    public static UserAccount dropTo(String user) throws PrivilegeException {
        UserAccount target = lookup(user);
        if (C.getuid() == target.uid() && C.geteuid() == target.uid()
                && C.getgid() == target.gid() && C.getegid() == target.gid() && target.uid() != 0) {
            refuseWayBack(target.name()); // a saved uid of 0 would still allow going back
            return target;
        }
        int[] groups = target.groups();
        if (C.setgroups(groups.length, groups) != 0) {
            throw failed(target, "setgroups");
        }
        if (C.setgid(target.gid()) != 0) {
            throw failed(target, "setgid");
        }
        if (C.setuid(target.uid()) != 0) {
            throw failed(target, "setuid");
        }
        verify(target);
        return target;
    }

    private static PrivilegeException failed(UserAccount target, String call) {
        String why = CredentialsLibC.lastError();
        String hint = C.geteuid() != 0 ? "; switching users needs root (start wiretop with sudo)" : "";
        return new PrivilegeException("cannot drop privileges to " + target.name() + ": " + call + " failed: "
                + why + hint, false);
    }

    /** Reads the credentials back and refuses anything but exactly the target user. */
    static void verify(UserAccount target) throws PrivilegeException {
        String name = target.name();
        if (C.getuid() != target.uid() || C.geteuid() != target.uid()) {
            throw unverified(name, "uid is " + C.getuid() + "/" + C.geteuid() + ", not " + target.uid());
        }
        if (C.getgid() != target.gid() || C.getegid() != target.gid()) {
            throw unverified(name, "gid is " + C.getgid() + "/" + C.getegid() + ", not " + target.gid());
        }
        int[] want = target.groups();
        int[] have = groups();
        Arrays.sort(want);
        Arrays.sort(have);
        if (!Arrays.equals(want, have)) {
            throw unverified(name, "groups are " + Arrays.toString(have) + ", not " + Arrays.toString(want));
        }
        if (target.uid() != 0) {
            refuseWayBack(name);
            Capabilities caps = Capabilities.current();
            if (caps.effectiveSet() != 0 || caps.permittedSet() != 0) {
                throw unverified(name, "capabilities remain (" + caps + ")");
            }
        }
        String straggler = threadNotRunningAs(target.uid());
        if (straggler != null) {
            throw unverified(name, "thread " + straggler + " still has another uid");
        }
    }

    /** Throws when root can be regained (the probe itself then succeeded: the caller must exit). */
    private static void refuseWayBack(String name) throws PrivilegeException {
        if (C.setuid(0) == 0) {
            throw unverified(name, "setuid(0) still succeeds, so root could be regained");
        }
    }

    private static PrivilegeException unverified(String user, String what) {
        return new PrivilegeException("privilege drop to " + user + " did not take: " + what
                + "; refusing to go on (report this with your libc and kernel versions)", false);
    }

    /** The id of a thread whose real or effective uid differs from {@code uid}, or null. */
    private static String threadNotRunningAs(int uid) {
        String want = Integer.toUnsignedString(uid);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String status;
                try {
                    status = Files.readString(task.resolve("status"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                for (String line : status.split("\n")) {
                    if (line.startsWith("Uid:")) {
                        String[] ids = line.substring(4).trim().split("\\s+");
                        if (!ids[0].equals(want) || !ids[1].equals(want)) {
                            return task.getFileName().toString();
                        }
                    }
                }
            }
        } catch (IOException noProc) {
            return null; // no /proc to check against; the per-call checks above still held
        }
        return null;
    }

    /** Real user id of the process. */
    public static int uid() {
        return C.getuid();
    }

    /** Effective user id. */
    public static int euid() {
        return C.geteuid();
    }

    /** Real group id. */
    public static int gid() {
        return C.getgid();
    }

    /** Supplementary groups of the process. */
    public static int[] groups() {
        int n = C.getgroups(0, null);
        int[] groups = new int[Math.max(n, 0)];
        if (n > 0) {
            n = C.getgroups(n, groups);
        }
        return Arrays.copyOf(groups, Math.max(n, 0));
    }
}
