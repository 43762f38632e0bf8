package org.wiretop.sys;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libc calls a netlink socket needs, bound with JNA's direct mapping (a JNI call per
 * invocation, no reflection), which matters when a dump takes a hundred recv calls.
 * Sizes are {@code long} because size_t and ssize_t are 64-bit on the LP64 Linux we run on.
 */
final class NetlinkLibC {
    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private NetlinkLibC() {
    }

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native long send(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    static native long recv(int fd, Pointer buf, long len, int flags) throws LastErrorException;

    static native int setsockopt(int fd, int level, int name, Pointer value, int len) throws LastErrorException;

    static native int bind(int fd, Pointer addr, int len) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;
}
