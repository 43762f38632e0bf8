package org.wiretop.monitor.servers;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.locks.LockSupport;

/** Blocking-socket steps with a deadline, shared by the soak's clients (no bare sleeps). */
final class HostileIo {
    private HostileIo() {
    }

    static void pauseMillis(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
    }

    /** Milliseconds until the deadline, at least 1 (0 would mean "forever" to a socket). */
    static int millisLeft(long deadlineNanos) {
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    static boolean passed(long deadlineNanos) {
        return System.nanoTime() - deadlineNanos >= 0;
    }

    static Socket connect(InetSocketAddress at, long deadlineNanos) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(at, millisLeft(deadlineNanos));
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Reads until end of stream; throws {@link SocketTimeoutException} when the deadline passes
     * first and an IOException past {@code max} bytes.
     */
    static byte[] readToEof(Socket s, long deadlineNanos, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        InputStream in = s.getInputStream();
        while (true) {
            if (passed(deadlineNanos)) {
                throw new SocketTimeoutException("deadline passed after " + out.size() + " bytes");
            }
            s.setSoTimeout(millisLeft(deadlineNanos));
            int n = in.read(buf);
            if (n < 0) {
                return out.toByteArray();
            }
            out.write(buf, 0, n);
            if (out.size() > max) {
                throw new IOException("more than " + max + " bytes in reply");
            }
        }
    }

    /**
     * One complete exchange: connect, send the request (if any) and half-close, read to the end.
     * With an empty request nothing is sent and the output stays open (hello, time).
     */
    static byte[] exchange(InetSocketAddress at, byte[] request, long deadlineNanos, int max) throws IOException {
        return exchange(at, request, request.length > 0, deadlineNanos, max);
    }

    /** As above, half-closing after the request only when asked. */
    static byte[] exchange(InetSocketAddress at, byte[] request, boolean halfClose, long deadlineNanos, int max)
            throws IOException {
        try (Socket s = connect(at, deadlineNanos)) {
            return exchange(s, request, halfClose, deadlineNanos, max);
        }
    }

    /** The exchange on a socket already connected (whose local port the caller wanted to know). */
    static byte[] exchange(Socket s, byte[] request, boolean halfClose, long deadlineNanos, int max)
            throws IOException {
        if (request.length > 0) {
            s.getOutputStream().write(request);
        }
        if (halfClose) {
            s.shutdownOutput();
        }
        return readToEof(s, deadlineNanos, max);
    }

    /** Closes with SO_LINGER 0: the peer gets a RST, not a FIN. */
    static void reset(Socket s) {
        try {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // already gone: closing is all that is left
        }
        closeQuietly(s);
    }

    static void closeQuietly(Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            // a hostile client's socket may already be reset; nothing to do
        }
    }
}
