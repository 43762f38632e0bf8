package org.wiretop.tui;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The terminal's output stream. Lanterna writes each escape sequence and character on its own,
 * and {@code System.out} turns each into a system call: hundreds per frame, each waking the
 * terminal (tmux, ssh) to parse a few bytes, which under load is what made a redraw slow. While
 * a frame is {@linkplain #hold() held} the bytes collect here and go out in one write at
 * {@link #release()}; outside frames every write goes straight through, because Lanterna waits
 * for replies to some queries (the terminal size) without flushing first.
 */
final class FrameOutput extends OutputStream {
    private final OutputStream out;
    private byte[] buf = new byte[1 << 16];
    private int used;
    private boolean holding;
    /** Bytes of the last released frame (for the UI trace). */
    private int lastFrameBytes;

    FrameOutput(OutputStream out) {
        this.out = out;
    }

    /** Starts collecting a frame. */
    synchronized void hold() {
        holding = true;
    }

    /** Sends the collected frame in one write and goes back to writing through. */
    synchronized void release() throws IOException {
        holding = false;
        lastFrameBytes = used;
        drain();
        out.flush();
    }

    synchronized int lastFrameBytes() {
        return lastFrameBytes;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (!holding) {
            drain();
            out.write(b, off, len);
            out.flush();
            return;
        }
        if (used + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, used + len));
        }
        System.arraycopy(b, off, buf, used, len);
        used += len;
    }

    /** Lanterna flushes at the end of a refresh; a held frame waits for {@link #release()}. */
    @Override
    public synchronized void flush() throws IOException {
        if (!holding) {
            drain();
            out.flush();
        }
    }

    private void drain() throws IOException {
        if (used > 0) {
            int n = used;
            used = 0;
            out.write(buf, 0, n);
        }
    }
}
