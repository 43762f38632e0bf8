package org.wiretop.capture;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Sets the calling thread's nice value (Linux keeps one a thread: setpriority(2) with
 * {@code PRIO_PROCESS} and the thread's id). wiretop's UI shares two cores with the traffic it
 * watches; at full rate on lo the kernel ring (64 MiB, about a third of a second) overflowed in
 * some runs while the capture thread waited for a core, and a key waited behind other threads.
 * netsniff-ng raises its priority for the same reason. Only root may lower a nice value, so
 * anywhere else that does nothing; raising one (background work) works for anyone. It never
 * fails the caller.
 */
public final class ThreadNice {
    /** The capture thread: the one that must never fall behind the kernel. */
    public static final int CAPTURE = -10;
    /**
     * Process attribution's SYN watch and lookup threads: a client may close its socket a
     * millisecond after its SYN, so their lookup must not wait for a core; their work is
     * bounded (200 SYNs a second, 1 % of a core), so they cannot starve anyone.
     */
    public static final int ATTRIBUTION = -10;
    /** The UI thread: a few milliseconds of work a frame, done at once when a key comes. */
    public static final int UI = -5;
    /** Work nobody waits for (the UI's render warm-up): it takes what the others leave of a core. */
    public static final int BACKGROUND = 10;

    private static final int PRIO_PROCESS = 0;

    private ThreadNice() {
    }

    /** Sets the calling thread's nice value; false when the system refused (not root, not Linux). */
    public static boolean set(int nice) {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            return Libc.setpriority(PRIO_PROCESS, Libc.gettid(), nice) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static final class Libc {
        static {
            Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        }

        static native int gettid();

        static native int setpriority(int which, int who, int prio);
    }
}
