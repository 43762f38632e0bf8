package org.wiretop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Packet lines to an output stream through one large byte buffer: a line is copied in as bytes
 * (no String, no encoder, no per-line system call) and the buffer goes out whole when full, on
 * {@link #flush()}, and — for live sources — from a timer every {@code flushMillis} while data
 * waits, so a quiet capture still shows its last lines within ~100 ms. Methods are synchronized
 * because the timer flushes from its own thread; uncontended, that costs a few nanoseconds.
 */
final class LineOutput implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private char[] chars = new char[512];
    private int used;
    private IOException failure;
    private final ScheduledExecutorService timer;

    /** @param flushMillis flush period while data waits; 0 = only when full and on flush/close */
    LineOutput(OutputStream out, int flushMillis) {
        this.out = out;
        if (flushMillis > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "wiretop-output-flush");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::timedFlush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Appends the builder's characters (a whole line, newline included). */
    synchronized void write(StringBuilder line) {
        int n = line.length();
        if (n > chars.length) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        line.getChars(0, n, chars, 0);
        if (used + n > buf.length) {
            drain();
            if (n > buf.length) {
                writeSlow(n);
                return;
            }
        }
        char[] c = chars;
        byte[] b = buf;
        int u = used;
        for (int i = 0; i < n; i++) {
            char ch = c[i];
            if (ch >= 0x80) { // not ASCII (never from our formatters): encode properly
                used = u;
                writeSlow(n);
                return;
            }
            b[u + i] = (byte) ch;
        }
        used = u + n;
    }

    private void writeSlow(int n) {
        byte[] encoded = new String(chars, 0, n).getBytes(StandardCharsets.UTF_8);
        drain();
        try {
            out.write(encoded);
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Sends what is buffered to the stream and flushes it. */
    synchronized void flush() {
        drain();
        try {
            out.flush();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
        }
    }

    /** True once a write failed (a closed pipe: the reader went away); later output is dropped. */
    synchronized boolean failed() {
        return failure != null;
    }

    private void timedFlush() {
        synchronized (this) {
            if (used > 0) {
                flush();
            }
        }
    }

    private void drain() {
        if (used == 0) {
            return;
        }
        if (failure == null) {
            try {
                out.write(buf, 0, used);
            } catch (IOException e) {
                failure = e;
            }
        }
        used = 0;
    }

    /** Stops the timer and flushes; the stream itself stays open (it is usually stdout). */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        flush();
    }
}
