package org.wiretop.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.sql.Timestamp;
import java.util.concurrent.locks.ReentrantLock;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * A libpcap handle (live interface, or a file libpcap reads such as pcapng) driven by pcap4j's
 * {@code loop} with a raw listener: one native loop hands over every packet of a batch, where
 * pcap4j's per-packet {@code getNextRawPacket} loses most packets at high rates. pcap4j keeps
 * the current packet's timestamp and original length per thread while the listener runs; we
 * turn them into epoch nanoseconds there. {@link #stop()} uses {@code pcap_breakloop}, which
 * in libpcap 1.10 also wakes a capture blocked with no traffic at all.
 */
final class Pcap4jSource implements PacketSource {
    private static final VarHandle DELIVERED;
    /** A live read waits this long for packets before telling the handler it is idle. */
    private static final int IDLE_POLL_MILLIS = LiveOptions.DEFAULT_TIMEOUT_MILLIS;

    static {
        try {
            DELIVERED = MethodHandles.lookup().findVarHandle(Pcap4jSource.class, "delivered", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PcapHandle handle;
    private final String description;
    private final boolean live;
    private final int linkType;
    private final int snaplen;
    private final Object closeLock = new Object();
    /** Held while run() reads, so close() never frees the handle under a read in progress. */
    private final ReentrantLock runLock = new ReentrantLock();
    /** Written by the capture thread only (opaque: readable by stats() without a fence per packet). */
    @SuppressWarnings("unused")
    private long delivered;
    private volatile boolean stopped;
    private volatile boolean closed;
    private volatile CaptureStats lastStats = CaptureStats.NONE;

    Pcap4jSource(PcapHandle handle, String description, boolean live) throws CaptureException {
        this.handle = handle;
        this.description = description;
        this.live = live;
        try {
            this.linkType = handle.getDlt().value();
            this.snaplen = handle.getSnapshot();
        } catch (NotOpenException e) {
            throw new CaptureException(description + ": the capture handle closed while opening", false, e);
        }
    }

    /** The open pcap4j handle, for callers that must reach libpcap directly (privilege drop etc.). */
    PcapHandle handle() {
        return handle;
    }

    @Override
    public int linkType() {
        return linkType;
    }

    @Override
    public int snaplen() {
        return snaplen;
    }

    @Override
    public long run(PacketHandler handler, long maxPackets) throws CaptureException {
        return run(handler, maxPackets, ReadPath.NEXT_EX);
    }

    /** How a handle is read: our pcap_next_ex loop (plain loads, or JNA's reads where Unsafe is missing) or pcap4j's. */
    enum ReadPath { NEXT_EX, NEXT_EX_JNA_READS, PCAP4J }

    /** As {@link #run(PacketHandler, long)}, on the given path (tests, the loss probe). */
    long run(PacketHandler handler, long maxPackets, ReadPath path) throws CaptureException {
        runLock.lock();
        try {
            if (closed) {
                throw new CaptureException(description + ": the capture was closed", false);
            }
            NextExLoop nextEx = path == ReadPath.PCAP4J ? null : NextExLoop.of(handle, path == ReadPath.NEXT_EX);
            return nextEx != null ? runNextEx(nextEx, handler, maxPackets) : runPcap4jLoop(handler, maxPackets);
        } finally {
            runLock.unlock();
            refreshStats();
        }
    }

    private long runNextEx(NextExLoop loop, PacketHandler handler, long maxPackets) throws CaptureException {
        long total = 0;
        boolean ownWait = live && handler.wantsIdle() && loop.waitOwnTimeouts();
        try {
            while (!stopped && (maxPackets <= 0 || total < maxPackets)) {
                int rc = loop.next(handler);
                if (rc == NextExLoop.OK) {
                    total++;
                    DELIVERED.setOpaque(this, (long) DELIVERED.getOpaque(this) + 1);
                } else if (rc == NextExLoop.BREAK_OR_EOF) {
                    break; // stop() on a live handle, the end of a file
                } else if (rc == NextExLoop.ERROR) {
                    throw new CaptureException(description + ": capture failed: " + PcapErrors.clean(loop.error()), false);
                } else if (ownWait && !loop.awaitReadable(IDLE_POLL_MILLIS)) {
                    handler.onIdle(); // nothing for a while; then look at the stop flag and wait again
                }
            }
        } catch (RuntimeException e) {
            // Thrown by the handler: its packet was delivered, count it as the readers do.
            DELIVERED.setOpaque(this, (long) DELIVERED.getOpaque(this) + 1);
            HandlerFailure.rethrow(e);
        }
        return total;
    }

    private long runPcap4jLoop(PacketHandler handler, long maxPackets) throws CaptureException {
        Delivery delivery = new Delivery(handler);
        long total = 0;
        try {
            while (!stopped && (maxPackets <= 0 || total < maxPackets)) {
                int count = maxPackets <= 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, maxPackets - total);
                long before = delivery.count;
                try {
                    handle.loop(count, delivery);
                } catch (InterruptedException broken) {
                    // pcap_breakloop: stop() or a handler failure; both are handled below.
                } finally {
                    total += delivery.count - before;
                }
                if (delivery.failure != null) {
                    HandlerFailure.rethrow(delivery.failure);
                }
                if (!live && maxPackets <= 0) {
                    break; // a file: loop(-1) returns only at its end
                }
                if (!live && delivery.count - before < count) {
                    break; // the file ended before the count
                }
            }
        } catch (PcapNativeException e) {
            throw new CaptureException(description + ": capture failed: " + PcapErrors.clean(e.getMessage()), false, e);
        } catch (NotOpenException e) {
            if (!stopped) {
                throw new CaptureException(description + ": the capture handle was closed", false, e);
            }
        }
        return total;
    }

    /** Adapts pcap4j's raw listener to our handler; a failure stops the loop and is rethrown. */
    private final class Delivery implements RawPacketListener {
        private final PacketHandler handler;
        long count;
        Throwable failure;

        Delivery(PacketHandler handler) {
            this.handler = handler;
        }

        @Override
        public void gotPacket(byte[] packet) {
            if (failure != null) {
                return;
            }
            try {
                Timestamp ts = handle.getTimestamp();
                long nanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
                int wire = handle.getOriginalLength();
                count++;
                DELIVERED.setOpaque(Pcap4jSource.this, (long) DELIVERED.getOpaque(Pcap4jSource.this) + 1);
                handler.onPacket(nanos, wire, packet, packet.length);
            } catch (Throwable t) {
                // JNA would print an exception escaping a native callback; keep it for run().
                // Not through breakLoop(): close() may hold closeLock while waiting for this loop.
                failure = t;
                try {
                    handle.breakLoop();
                } catch (NotOpenException e) {
                    // closing already
                }
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        breakLoop();
    }

    private void breakLoop() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            try {
                handle.breakLoop();
            } catch (NotOpenException e) {
                // already closed: nothing is running
            }
        }
    }

    @Override
    public CaptureStats stats() {
        if (!closed) {
            refreshStats();
        }
        return lastStats;
    }

    private void refreshStats() {
        long count = (long) DELIVERED.getOpaque(this);
        if (!live) {
            lastStats = new CaptureStats(count, count, 0, 0);
            return;
        }
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            try {
                PcapStat s = handle.getStats();
                lastStats = new CaptureStats(count, s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf());
            } catch (PcapNativeException | NotOpenException e) {
                lastStats = new CaptureStats(count, lastStats.receivedByFilter(), lastStats.droppedByKernel(), lastStats.droppedByIface());
            }
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        stop();
        refreshStats();
        // Waits for a run() still returning after breakLoop (bounded: breakLoop wakes it).
        runLock.lock();
        try {
            synchronized (closeLock) {
                if (closed) {
                    return;
                }
                closed = true;
                handle.close();
            }
        } finally {
            runLock.unlock();
        }
    }
}
