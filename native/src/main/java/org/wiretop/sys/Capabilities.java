package org.wiretop.sys;

import java.nio.file.Path;

/**
 * The process's Linux capability sets (capget, version 3 = 64 bits), and what they mean for
 * capture: libpcap needs CAP_NET_RAW to open a packet socket and CAP_NET_ADMIN for some
 * interface settings (monitor mode, buffers beyond the system maximum). Root normally has both;
 * a non-root process can have them from file capabilities (setcap) or the ambient set.
 * Deciding on capabilities rather than on uid 0 also catches root without them (containers).
 */
public final class Capabilities {
    public static final int CAP_SETGID = 6, CAP_SETUID = 7, CAP_NET_ADMIN = 12, CAP_NET_RAW = 13;

    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    private final long effective, permitted, inheritable;

    private Capabilities(long effective, long permitted, long inheritable) {
        this.effective = effective;
        this.permitted = permitted;
        this.inheritable = inheritable;
    }

    /** The calling process's sets, read now. */
    public static Capabilities current() {
        int[] header = {LINUX_CAPABILITY_VERSION_3, 0};
        int[] data = new int[6];
        if (CredentialsLibC.C.capget(header, data) != 0) {
            throw new IllegalStateException("capget failed: " + CredentialsLibC.lastError());
        }
        return new Capabilities(join(data[0], data[3]), join(data[1], data[4]), join(data[2], data[5]));
    }

    private static long join(int low, int high) {
        return Integer.toUnsignedLong(low) | (long) high << 32;
    }

    /** True when the effective user id is 0. */
    public static boolean isRoot() {
        return CredentialsLibC.C.geteuid() == 0;
    }

    /**
     * Null when this process may capture; otherwise one line that names what is missing and the
     * two ways to get it (for the command line's error and the UI's banner).
     */
    public static String captureRightsProblem() {
        try {
            return current().rightsProblem();
        } catch (IllegalStateException capgetFailed) {
            // a kernel without capget (not Linux): fall back on the uid, as older tools do
            return isRoot() ? null : new Capabilities(0, 0, 0).rightsProblem();
        }
    }

    /** {@link #captureRightsProblem()} for these sets. */
    public String rightsProblem() {
        if (hasNetRaw()) {
            return null;
        }
        return "capturing needs CAP_NET_RAW, which this process lacks (uid " + CredentialsLibC.C.geteuid()
                + "): run as root (sudo ./wiretop ...) or grant the capabilities:"
                + " sudo setcap cap_net_raw,cap_net_admin=eip " + javaBinary() + " (see docs/privileges.md)";
    }

    /** The real path of the running java binary (what setcap must be given; symlinks do not carry capabilities). */
    static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            return java.toRealPath().toString();
        } catch (java.io.IOException e) {
            return java.toString();
        }
    }

    public boolean hasEffective(int capability) {
        return (effective >>> capability & 1) != 0;
    }

    public boolean hasPermitted(int capability) {
        return (permitted >>> capability & 1) != 0;
    }

    public boolean hasNetRaw() {
        return hasEffective(CAP_NET_RAW);
    }

    public boolean hasNetAdmin() {
        return hasEffective(CAP_NET_ADMIN);
    }

    /** The effective set as a bit mask (bit n = capability n). */
    public long effectiveSet() {
        return effective;
    }

    public long permittedSet() {
        return permitted;
    }

    public long inheritableSet() {
        return inheritable;
    }

    @Override
    public String toString() {
        return String.format("effective=%016x permitted=%016x inheritable=%016x", effective, permitted, inheritable);
    }
}
