package org.wiretop.sys;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * Undoes an inherited "ignore" of a signal. A shell script's background job ({@code cmd &}
 * without job control) starts with SIGINT ignored, and the JVM then neither runs its shutdown
 * hooks on SIGINT nor lets {@code sun.misc.Signal} handle it: {@code kill -INT} would do
 * nothing, where tcpdump, which sets its own handler whatever it inherited, stops.
 */
public final class SignalDisposition {
    private static final long SIG_DFL = 0, SIG_IGN = 1;
    /** struct sigaction is 152 bytes on x86-64 and arm64 glibc; the handler comes first on Linux. */
    private static final int SIGACTION_BYTES = 256;

    private SignalDisposition() {
    }

    /** Sets {@code signal} back to its default action if it is ignored now; true when it was. */
    public static boolean unignore(int signal) {
        try (Memory old = new Memory(SIGACTION_BYTES)) {
            old.clear();
            if (LibC.sigaction(signal, null, old) != 0 || old.getLong(0) != SIG_IGN) {
                return false;
            }
            return LibC.signal(signal, SIG_DFL) == SIG_IGN;
        } catch (LinkageError e) {
            return false;
        }
    }

    private static final class LibC {
        static {
            Native.register(NativeLibrary.getInstance("c"));
        }

        static native int sigaction(int signal, Pointer act, Pointer old);

        static native long signal(int signal, long handler);
    }
}
