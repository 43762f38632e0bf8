package org.wiretop.capture;

import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;

/**
 * Writes classic pcap with nanosecond timestamps (magic a1b23c4d, little-endian) to a file or
 * standard output ("-"); tcpdump, tshark and Wireshark read it with the exact stamps.
 *
 * <p>The capture thread never waits on the disk (design §3): {@link #write} only copies the
 * record into a 1 MiB batch; a writer thread puts full batches to the file. A batch is handed
 * over every {@code flushPackets} records, when full, and at least every {@code flushMillis}
 * while records wait, so a reader of a pipe sees packets promptly and a process killed with
 * SIGKILL leaves a file readable up to its last hand-over (batches hold whole records only).
 * When the disk falls {@value #BATCHES} batches behind, {@link #write} waits for it (the
 * kernel's capture buffer absorbs the pause) rather than use unbounded memory.
 *
 * <p>Single writer: one thread calls {@link #write}. {@link #close()} (which flushes) and
 * {@link #flush()} may come from any thread, a shutdown hook included; writes after close are
 * dropped and counted ({@link #droppedAfterClose()}). Stop the source first when you can.
 */
public final class PcapWriter implements AutoCloseable {
    public static final int DEFAULT_FLUSH_MILLIS = 100;
    public static final int DEFAULT_FLUSH_PACKETS = 1024;
    static final int BATCH_BYTES = 1 << 20;
    static final int BATCHES = 16;
    private static final int VERSION_MAJOR = 2;
    private static final int VERSION_MINOR = 4;

    private final String name;
    private final OutputStream out;
    private final boolean closeStream;
    private final int flushPackets;
    private final long flushNanos;
    private final Thread ioThread;
    // Guarded by "this": the batch being filled, the queues, the counters, the state.
    private final ArrayDeque<Batch> free = new ArrayDeque<>();
    private final ArrayDeque<Batch> full = new ArrayDeque<>();
    private Batch current;
    private long handedOver;
    private long flushed;
    /** When the oldest record of the current batch arrived (the timer flushes it flushNanos later). */
    private long pendingSince = System.nanoTime();
    private long written;
    private long droppedAfterClose;
    private boolean closing;
    private volatile CaptureException failure;
    /** Bytes of whole batches the I/O thread has written: always a record boundary. */
    private long onDisk;

    /** A buffer of whole records, little-endian. */
    private static final class Batch {
        final byte[] bytes;
        final ByteBuffer view;
        int used;
        int records;

        Batch(int size) {
            bytes = new byte[size];
            view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private PcapWriter(String name, OutputStream out, boolean closeStream, int linkType, int snaplen,
                       int flushMillis, int flushPackets) {
        this.name = name;
        this.out = out;
        this.closeStream = closeStream;
        this.flushPackets = Math.max(1, flushPackets);
        this.flushNanos = Math.max(1, flushMillis) * 1_000_000L;
        int batchBytes = Math.max(BATCH_BYTES, PcapFormat.RECORD_HEADER + Math.max(0, snaplen));
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(batchBytes));
        }
        current = free.poll();
        ByteBuffer v = current.view;
        v.putInt(0, PcapFormat.MAGIC_NANO);
        v.putShort(4, (short) VERSION_MAJOR);
        v.putShort(6, (short) VERSION_MINOR);
        v.putInt(8, 0);   // thiszone: stamps are UTC
        v.putInt(12, 0);  // sigfigs
        v.putInt(16, snaplen);
        v.putInt(20, linkType);
        current.used = PcapFormat.GLOBAL_HEADER;
        ioThread = new Thread(this::ioLoop, "pcap-writer " + name);
        ioThread.setDaemon(true);
        ioThread.start();
    }

    /** Opens {@code pathOrDash} ("-" = standard output) and writes the global header. */
    public static PcapWriter open(String pathOrDash, int linkType, int snaplen) throws CaptureException {
        return open(pathOrDash, linkType, snaplen, DEFAULT_FLUSH_MILLIS, DEFAULT_FLUSH_PACKETS);
    }

    /**
     * Opens with an explicit flush policy: hand records to the disk every {@code flushPackets}
     * records and at least every {@code flushMillis} ms while records wait.
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
        if (closing) {
            droppedAfterClose++;
            return;
        }
        CaptureException f = failure;
        if (f != null) {
            throw f;
        }
        if (capturedLength < 0 || capturedLength > data.length) {
            throw new IllegalArgumentException("capturedLength " + capturedLength + " outside 0.." + data.length);
        }
        int record = PcapFormat.RECORD_HEADER + capturedLength;
        if (current.used + record > current.bytes.length) {
            handOver();
            if (record > current.bytes.length) {
                // Longer than the snaplen we were opened with: a batch of its own.
                Batch big = new Batch(record);
                put(big, epochNanos, wireLength, data, capturedLength);
                full.add(big);
                handedOver++;
                notifyAll();
                return;
            }
        }
        put(current, epochNanos, wireLength, data, capturedLength);
        if (current.records >= flushPackets) {
            handOver();
        }
    }

    private void put(Batch b, long epochNanos, int wireLength, byte[] data, int capturedLength) {
        if (b.used == 0) {
            pendingSince = System.nanoTime();
        }
        int at = b.used;
        b.view.putInt(at, (int) Math.floorDiv(epochNanos, 1_000_000_000L));
        b.view.putInt(at + 4, (int) Math.floorMod(epochNanos, 1_000_000_000L));
        b.view.putInt(at + 8, capturedLength);
        b.view.putInt(at + 12, Math.max(wireLength, capturedLength));
        System.arraycopy(data, 0, b.bytes, at + PcapFormat.RECORD_HEADER, capturedLength);
        b.used = at + PcapFormat.RECORD_HEADER + capturedLength;
        b.records++;
        written++;
    }

    /** Queues the current batch for the disk and takes a free one, waiting if all are queued. */
    private void handOver() throws CaptureException {
        if (current.used == 0) {
            return;
        }
        full.add(current);
        handedOver++;
        notifyAll();
        while (free.isEmpty() && failure == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CaptureException("writing " + target() + " was interrupted", false, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        current = free.poll();
    }

    /** Hands every waiting record to the disk and returns once they are written. */
    public synchronized void flush() throws CaptureException {
        if (!closing && failure == null) {
            handOver();
            awaitWritten();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void awaitWritten() throws CaptureException {
        while (flushed < handedOver && failure == null) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CaptureException("writing " + target() + " was interrupted", false, e);
            }
        }
    }

    /** The writer thread: puts queued batches to the stream; hands over stale records itself. */
    private void ioLoop() {
        while (true) {
            Batch b;
            synchronized (this) {
                while (full.isEmpty() && !closing) {
                    long waited = System.nanoTime() - pendingSince;
                    if (current.used > 0 && waited >= flushNanos && failure == null) {
                        try {
                            handOver(); // never waits here: with nothing queued, batches are free
                        } catch (CaptureException e) {
                            return;
                        }
                        break;
                    }
                    // Records arriving do not wake us (that would cost the capture thread):
                    // look again at half the interval, so none waits much over flushMillis.
                    long sleep = current.used > 0 ? flushNanos - waited : flushNanos / 2;
                    try {
                        wait(Math.max(1, sleep / 1_000_000L));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (full.isEmpty()) {
                    return; // closing, and everything is out
                }
                b = full.poll();
            }
            IOException error = null;
            try {
                out.write(b.bytes, 0, b.used);
                out.flush();
                onDisk += b.used;
            } catch (IOException e) {
                error = e;
                cutPartialBatch();
            }
            synchronized (this) {
                if (error != null && failure == null) {
                    failure = new CaptureException("writing " + target() + " failed: " + error.getMessage()
                            + "; the packets written before are in it", false, error);
                }
                flushed++;
                b.used = 0;
                b.records = 0;
                if (b.bytes.length <= current.bytes.length) {
                    free.add(b);
                }
                notifyAll();
                if (failure != null) {
                    return;
                }
            }
        }
    }

    /**
     * A write that failed part-way (a full disk) leaves part of a record at the end, which
     * tcpdump reports as a truncated file; cut the file back to the last whole batch.
     */
    private void cutPartialBatch() {
        if (closeStream && out instanceof FileOutputStream file) {
            try {
                file.getChannel().truncate(onDisk);
            } catch (IOException ignored) {
                // the file keeps its cut record; readers still get every whole one before it
            }
        }
    }

    private String target() {
        return name.equals("-") ? "standard output" : name;
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

    @Override
    public void close() throws CaptureException {
        synchronized (this) {
            if (closing) {
                return;
            }
            if (failure == null) {
                try {
                    handOver();
                } catch (CaptureException e) {
                    // reported below
                }
            }
            closing = true;
            notifyAll();
        }
        try {
            ioThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closeStream) {
                try {
                    out.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = new CaptureException("closing " + target() + " failed: " + e.getMessage(), false, e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
