package org.wiretop.sys;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The libc calls behind {@link Privileges} and {@link Capabilities}: user lookup, the
 * set*id family and capget. These are glibc's wrappers on purpose, never raw syscalls: glibc
 * applies setuid/setgid/setgroups to every thread of the process (its "setxid" broadcast), which
 * a JVM with a dozen threads needs; the raw syscall would change only the calling thread.
 * Failures are reported by return value; the errno is read with {@link Native#getLastError()}.
 */
interface CredentialsLibC extends Library {
    CredentialsLibC C = Native.load("c", CredentialsLibC.class);

    int getuid();

    int geteuid();

    int getgid();

    int getegid();

    int getgroups(int size, int[] list);

    int setgroups(long size, int[] list);

    int setgid(int gid);

    int setuid(int uid);

    int getgrouplist(String user, int group, int[] groups, IntByReference ngroups);

    int getpwnam_r(String name, Passwd pwd, Pointer buf, long buflen, PointerByReference result);

    /** header = {version, pid}; data = two {effective, permitted, inheritable} triples (v3). */
    int capget(int[] header, int[] data);

    String strerror(int errno);

    /** struct passwd from pwd.h. */
    @Structure.FieldOrder({"pw_name", "pw_passwd", "pw_uid", "pw_gid", "pw_gecos", "pw_dir", "pw_shell"})
    class Passwd extends Structure {
        public Pointer pw_name;
        public Pointer pw_passwd;
        public int pw_uid;
        public int pw_gid;
        public Pointer pw_gecos;
        public Pointer pw_dir;
        public Pointer pw_shell;
    }

    /** "Operation not permitted (errno 1)" for the last failed call on this thread. */
    static String lastError() {
        int errno = Native.getLastError();
        return C.strerror(errno) + " (errno " + errno + ")";
    }
}
