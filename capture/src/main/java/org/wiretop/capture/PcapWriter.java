package org.wiretop.capture;

import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes classic pcap with nanosecond timestamps (magic a1b23c4d, little-endian) to a file or
 * standard output ("-"); tcpdump, tshark and Wireshark read it with the exact stamps.
 *
 * <p>Records are gathered in a buffer and written whole, at least every
 * {@code flushPackets} packets and, by a daemon timer, every {@code flushMillis} while data
 * waits: so a reader of a pipe sees packets promptly, and a process killed with SIGKILL leaves
 * a file readable up to its last flush. {@link #close()} flushes what is left; it is safe from
 * a shutdown hook while the capture thread still writes (every method is synchronized, and
 * writes after close are dropped, see {@link #droppedAfterClose()}). Stop the source first
 * when you can, so the last packets make it in.
 */
public final class PcapWriter implements AutoCloseable {
    public static final int DEFAULT_FLUSH_MILLIS = 100;
    public static final int DEFAULT_FLUSH_PACKETS = 1024;
    private static final int BUFFER_BYTES = 1 << 20;
    private static final int VERSION_MAJOR = 2;
    private static final int VERSION_MINOR = 4;

    private final String name;
    private final OutputStream out;
    private final boolean closeStream;
    private final int flushPackets;
    private final byte[] buf = new byte[BUFFER_BYTES];
    private final ByteBuffer view = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
    private final ScheduledExecutorService timer;
    private int used;
    private int pending;
    private long written;
    private long droppedAfterClose;
    private boolean closed;
    private CaptureException failure;

    private PcapWriter(String name, OutputStream out, boolean closeStream, int linkType, int snaplen,
                       int flushMillis, int flushPackets) {
        this.name = name;
        this.out = out;
        this.closeStream = closeStream;
        this.flushPackets = Math.max(1, flushPackets);
        view.putInt(0, PcapFormat.MAGIC_NANO);
        view.putShort(4, (short) VERSION_MAJOR);
        view.putShort(6, (short) VERSION_MINOR);
        view.putInt(8, 0);   // thiszone: stamps are UTC
        view.putInt(12, 0);  // sigfigs
        view.putInt(16, snaplen);
        view.putInt(20, linkType);
        used = PcapFormat.GLOBAL_HEADER;
        if (flushMillis > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "pcap-writer-flush " + name);
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::timedFlush, flushMillis, flushMillis, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Opens {@code pathOrDash} ("-" = standard output) and writes the global header. */
    public static PcapWriter open(String pathOrDash, int linkType, int snaplen) throws CaptureException {
        return open(pathOrDash, linkType, snaplen, DEFAULT_FLUSH_MILLIS, DEFAULT_FLUSH_PACKETS);
    }

    /**
     * Opens with an explicit flush policy: every {@code flushPackets} records, and every
     * {@code flushMillis} ms while records wait (0 = only by count, on {@link #flush} and close).
     */
    public static PcapWriter open(String pathOrDash, int linkType, int snaplen, int flushMillis, int flushPackets)
            throws CaptureException {
        if (pathOrDash == null || pathOrDash.isEmpty()) {
            throw new CaptureException("no output file given: name one with -w, or - for standard output", true);
        }
        PcapWriter w;
        if (pathOrDash.equals("-")) {
            w = new PcapWriter("-", new FileOutputStream(FileDescriptor.out), false, linkType, snaplen, flushMillis, flushPackets);
        } else {
            try {
                w = new PcapWriter(pathOrDash, new FileOutputStream(pathOrDash), true, linkType, snaplen, flushMillis, flushPackets);
            } catch (FileNotFoundException e) {
                // The JDK puts the reason in the message: "x.pcap (Permission denied)".
                String m = String.valueOf(e.getMessage());
                int paren = m.lastIndexOf('(');
                String reason = paren >= 0 && m.endsWith(")") ? m.substring(paren + 1, m.length() - 1) : m;
                throw new CaptureException("cannot write " + pathOrDash + ": " + reason, true, e);
            }
        }
        w.flush(); // the header at once: a reader of the pipe learns the link type before any packet
        return w;
    }

    /** Appends one record; the bytes are copied before this returns. Dropped after close. */
    public synchronized void write(long epochNanos, int wireLength, byte[] data, int capturedLength) throws CaptureException {
        if (closed) {
            droppedAfterClose++;
            return;
        }
        if (failure != null) {
            throw failure;
        }
        if (capturedLength < 0 || capturedLength > data.length) {
            throw new IllegalArgumentException("capturedLength " + capturedLength + " outside 0.." + data.length);
        }
        int record = PcapFormat.RECORD_HEADER + capturedLength;
        if (used + record > buf.length) {
            drain();
        }
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int at = used;
        view.putInt(at, (int) seconds);
        view.putInt(at + 4, (int) Math.floorMod(epochNanos, 1_000_000_000L));
        view.putInt(at + 8, capturedLength);
        view.putInt(at + 12, Math.max(wireLength, capturedLength));
        if (record <= buf.length) {
            System.arraycopy(data, 0, buf, at + PcapFormat.RECORD_HEADER, capturedLength);
            used += record;
        } else {
            // Larger than the buffer: its header and its bytes go out back to back, still whole.
            used += PcapFormat.RECORD_HEADER;
            drain();
            writeOut(data, 0, capturedLength);
        }
        written++;
        if (++pending >= flushPackets) {
            drain();
        }
    }

    /** Pushes buffered records to the file so a reader (or a SIGKILL) sees them. */
    public synchronized void flush() throws CaptureException {
        if (failure != null) {
            throw failure;
        }
        if (!closed) {
            drain();
        }
    }

    /** Records accepted so far. */
    public synchronized long written() {
        return written;
    }

    /** Records offered after {@link #close()} (a shutdown hook closed while the capture ran on). */
    public synchronized long droppedAfterClose() {
        return droppedAfterClose;
    }

    /** Where the records go: the path, or "-". */
    public String name() {
        return name;
    }

    private synchronized void timedFlush() {
        if (closed || failure != null || used == 0) {
            return;
        }
        try {
            drain();
        } catch (CaptureException e) {
            // kept in failure: the capture thread's next write reports it
        }
    }

    /** Writes the buffer (whole records only) and flushes the stream. */
    private void drain() throws CaptureException {
        if (used > 0) {
            writeOut(buf, 0, used);
            used = 0;
        }
        pending = 0;
        try {
            out.flush();
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private void writeOut(byte[] b, int off, int len) throws CaptureException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private CaptureException fail(IOException e) {
        String target = name.equals("-") ? "standard output" : name;
        failure = new CaptureException("writing " + target + " failed: " + e.getMessage()
                + "; the packets written before are in it", false, e);
        return failure;
    }

    @Override
    public synchronized void close() throws CaptureException {
        if (closed) {
            return;
        }
        if (timer != null) {
            timer.shutdownNow();
        }
        try {
            if (failure == null) {
                drain();
            }
        } finally {
            closed = true;
            if (closeStream) {
                try {
                    out.close();
                } catch (IOException e) {
                    if (failure == null) {
                        fail(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
