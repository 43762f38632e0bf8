package org.wiretop.sys;

import java.io.IOException;

/** A netlink call failed; {@link #errno()} says why (EPERM/EACCES when the kernel refuses us). */
public final class NetlinkException extends IOException {
    /** errno values callers act on. */
    public static final int EPERM = 1, EACCES = 13, EAFNOSUPPORT = 97, EPROTONOSUPPORT = 93, ENOENT = 2;

    private final int errno;

    public NetlinkException(String message, int errno) {
        super(message + (errno != 0 ? " (errno " + errno + ")" : ""));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** True when the kernel or a sandbox said no, as opposed to a bug or a broken reply. */
    public boolean refused() {
        return errno == EPERM || errno == EACCES || errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT;
    }
}
