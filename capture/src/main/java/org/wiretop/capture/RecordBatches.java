package org.wiretop.capture;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;

/**
 * The disk side of the capture file writers ({@link PcapWriter}, {@link PcapngWriter}): records
 * are copied into 1 MiB batches and a writer thread of its own puts full batches to the file, so
 * the capture thread never waits on the disk (design §3). A batch is handed over every
 * {@code flushPackets} records, when full, and at least every {@code flushMillis} while records
 * wait, so a reader of a pipe sees packets promptly and a process killed with SIGKILL leaves a
 * file readable up to its last hand-over (batches hold whole records only). When the disk falls
 * {@value #BATCHES} batches behind, {@link #append} waits for it (the kernel's capture buffer
 * absorbs the pause) rather than use unbounded memory. A write that fails part-way (a full disk)
 * cuts the file back to the last whole batch.
 *
 * <p>One thread appends; {@link #close()} and {@link #flush()} may come from any thread, a
 * shutdown hook included; appends after close are dropped and counted.
 */
final class RecordBatches {
    static final int BATCH_BYTES = 1 << 20;
    static final int BATCHES = 16;

    /** Writes one record of the length it was asked for at {@code at} (little-endian view). */
    interface Filler {
        void fill(ByteBuffer view, byte[] bytes, int at);
    }

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

    /**
     * @param largestRecord the longest record expected (batches are at least this long)
     * @param fileHeader    written first (the pcap global header, pcapng's section and interface)
     */
    RecordBatches(String name, OutputStream out, boolean closeStream, int largestRecord, int flushMillis,
                  int flushPackets, Filler fileHeader, int headerLength) {
        this.name = name;
        this.out = out;
        this.closeStream = closeStream;
        this.flushPackets = Math.max(1, flushPackets);
        this.flushNanos = Math.max(1, flushMillis) * 1_000_000L;
        int batchBytes = Math.max(BATCH_BYTES, Math.max(headerLength, largestRecord));
        for (int i = 0; i < BATCHES; i++) {
            free.add(new Batch(batchBytes));
        }
        current = free.poll();
        fileHeader.fill(current.view, current.bytes, 0);
        current.used = headerLength;
        ioThread = new Thread(this::ioLoop, "capture-writer " + name);
        ioThread.setDaemon(true);
        ioThread.start();
    }

    /** Appends one record of {@code length} bytes, written by {@code filler}. Dropped after close. */
    synchronized void append(int length, Filler filler) throws CaptureException {
        if (closing) {
            droppedAfterClose++;
            return;
        }
        CaptureException f = failure;
        if (f != null) {
            throw f;
        }
        if (current.used + length > current.bytes.length) {
            handOver();
            if (length > current.bytes.length) {
                Batch big = new Batch(length); // longer than any record we were opened for
                put(big, length, filler);
                full.add(big);
                handedOver++;
                notifyAll();
                return;
            }
        }
        put(current, length, filler);
        if (current.records >= flushPackets) {
            handOver();
        }
    }

    private void put(Batch b, int length, Filler filler) {
        if (b.used == 0) {
            pendingSince = System.nanoTime();
        }
        filler.fill(b.view, b.bytes, b.used);
        b.used += length;
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
    synchronized void flush() throws CaptureException {
        if (!closing && failure == null) {
            handOver();
            while (flushed < handedOver && failure == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CaptureException("writing " + target() + " was interrupted", false, e);
                }
            }
        }
        if (failure != null) {
            throw failure;
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
     * readers report as a truncated file; cut the file back to the last whole batch.
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
    synchronized long written() {
        return written;
    }

    /** Records offered after {@link #close()}. */
    synchronized long droppedAfterClose() {
        return droppedAfterClose;
    }

    String name() {
        return name;
    }

    void close() throws CaptureException {
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
