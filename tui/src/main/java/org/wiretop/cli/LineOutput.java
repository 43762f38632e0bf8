package org.wiretop.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.wiretop.capture.format.LineBuilder;

/**
 * Packet lines to an output stream through one large byte buffer: a line's bytes are copied in
 * (no String, no encoder, no per-line system call) and the buffer goes out whole when full, on
 * {@link #flush()}, and — for live sources — from a timer every {@code flushMillis} while data
 * waits, so a quiet capture still shows its last lines within ~100 ms. Methods are synchronized
 * because the timer flushes from its own thread; uncontended, that costs a few nanoseconds.
 */
final class LineOutput implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 16;

    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER_BYTES];
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

    /** Appends a whole line (newline included). */
    synchronized void write(LineBuilder line) {
        int n = line.length();
        if (used + n > buf.length) {
            drain();
            if (n > buf.length) {
                writeDirect(line.array(), n);
                return;
            }
        }
        System.arraycopy(line.array(), 0, buf, used, n);
        used += n;
    }

    private void writeDirect(byte[] bytes, int n) {
        if (failure == null) {
            try {
                out.write(bytes, 0, n);
            } catch (IOException e) {
                failure = e;
            }
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
