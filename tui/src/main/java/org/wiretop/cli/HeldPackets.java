package org.wiretop.cli;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.wiretop.monitor.flow.FlowOwner;

/**
 * Packets whose output waits a moment for their flow's process to be known: a new flow's first
 * packets arrive while the lookup for its local client is still running (a few hundred
 * microseconds to a few milliseconds), and printing them then would leave the handshake
 * unnamed. A packet whose flow has a lookup running is copied in here, and so is every packet
 * after it while any is held, so output keeps capture order. The head goes out as soon as its
 * flow is settled, or when it has waited {@code holdNanos}, whichever comes first: output is
 * late by at most that bound and never waits on the lookup itself. Waits are measured on the
 * packets' own clock (their capture timestamps) while packets arrive, and on the wall clock by
 * the releaser on a quiet link: the capture thread reads no clock per packet (a clock read costs
 * 100+ ns on some virtual machines).
 *
 * <p>The capture thread {@link #offer}s every packet; a releaser thread of its own sends out the
 * held ones whose time has come even when no packet arrives (a live source read gives no sign of
 * a quiet link: libpcap's TPACKET_V3 sleeps until the next packet). Both go through one lock, so
 * the sink sees one packet at a time, in order. Storage is allocated once: a byte arena used as
 * a ring and per-packet arrays; when either is full the oldest packet goes out at once with what
 * is known of it.
 */
final class HeldPackets implements AutoCloseable {
    /** Where packets go, in capture order, one at a time (under this hold's lock). */
    interface Sink {
        /** A held packet; {@code data[0, capturedLength)} is valid during the call. */
        void emitHeld(long epochNanos, int wireLength, byte[] data, int capturedLength, long frame, FlowOwner owner,
                      boolean fromA);

        /** The packet the capture thread is handing over right now, not held. */
        void emitCurrent(byte[] data, int capturedLength, FlowOwner owner, boolean fromA);
    }

    /**
     * How often the releaser looks while the link is quiet, and how long the capture thread must
     * have been quiet before the releaser sends out a head that is not yet overdue: while packets
     * arrive the capture thread releases the head itself, so the two rarely contend for the lock.
     */
    private static final long TICK_NANOS = 2_000_000L;
    /** The releaser sleeps (until the next packet is held) once nothing was held for this long. */
    private static final long LINGER_NANOS = 100_000_000L;

    private final long holdNanos;
    /**
     * Off the Java heap: megabytes that live as long as the run, which a young collection would
     * otherwise copy (tens of milliseconds with the capture stopped) before promoting them.
     */
    private final ByteBuffer arena;
    private final int arenaBytes;
    private final long[] epochNanos;
    private final int[] wireLength;
    private final int[] capturedLength;
    private final long[] frame;
    private final long[] start;
    private final long[] deadline;
    private final FlowOwner[] owners;
    private final boolean[] fromA;
    private final int slots;
    private final Sink sink;
    private final Thread releaser;
    private byte[] scratch = new byte[2048];
    private long head;
    private long tail;
    private long writePos;
    private volatile boolean holding;
    private volatile boolean running = true;
    /** Packets offered so far; the releaser sees whether it moved since its last look. */
    @SuppressWarnings("unused") private long offers;
    private static final VarHandle OFFERS;

    static {
        try {
            OFFERS = MethodHandles.lookup().findVarHandle(HeldPackets.class, "offers", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile boolean releaserAsleep;
    private long lastHeld;
    /** What the sink threw on the releaser's thread (a failed write), for the capture thread to rethrow. */
    private volatile RuntimeException failure;

    HeldPackets(int maxPackets, int maxBytes, long holdNanos, Sink sink) {
        this.holdNanos = holdNanos;
        this.sink = sink;
        this.slots = maxPackets;
        this.arena = ByteBuffer.allocateDirect(maxBytes);
        this.arenaBytes = maxBytes;
        this.epochNanos = new long[maxPackets];
        this.wireLength = new int[maxPackets];
        this.capturedLength = new int[maxPackets];
        this.frame = new long[maxPackets];
        this.start = new long[maxPackets];
        this.deadline = new long[maxPackets];
        this.owners = new FlowOwner[maxPackets];
        this.fromA = new boolean[maxPackets];
        this.releaser = new Thread(this::releaseLoop, "wiretop-held-output");
        releaser.setDaemon(true);
        releaser.start();
    }

    /**
     * Capture thread: sends out what is due, then holds this packet when its flow's lookup is
     * running (or anything is held before it), else hands it to the sink at once. With nothing
     * held and the flow settled (the usual case) no lock is taken: the releaser only ever emits
     * what is held, and it clears {@code holding} after its last emit.
     */
    void offer(long nanos, int wire, byte[] data, int caplen, long frameNumber, FlowOwner owner, boolean a) {
        OFFERS.setOpaque(this, (long) OFFERS.getOpaque(this) + 1);
        if (!holding && (owner == null || owner.settled())) {
            if (failure != null) {
                throw failure;
            }
            sink.emitCurrent(data, caplen, owner, a);
            return;
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (holding) {
                release(nanos);
            }
            if (head == tail && (owner == null || owner.settled())) {
                sink.emitCurrent(data, caplen, owner, a);
                return;
            }
            add(nanos, wire, data, caplen, frameNumber, owner, a, nanos);
        }
    }

    /** Copies a packet in (making room by sending out the oldest when full). */
    private void add(long nanos, int wire, byte[] data, int caplen, long frameNumber, FlowOwner owner, boolean a,
                     long now) {
        int n = Math.min(caplen, arenaBytes);
        while (head != tail && (tail - head == slots || writePos + n - start[slot(head)] > arenaBytes)) {
            emitHead();
        }
        if (head == tail) {
            writePos = 0;
        }
        int s = slot(tail);
        epochNanos[s] = nanos;
        wireLength[s] = wire;
        capturedLength[s] = n;
        frame[s] = frameNumber;
        start[s] = writePos;
        deadline[s] = now + holdNanos;
        owners[s] = owner;
        fromA[s] = a;
        int at = (int) (writePos % arenaBytes);
        int first = Math.min(n, arenaBytes - at);
        arena.put(at, data, 0, first);
        arena.put(0, data, first, n - first);
        writePos += n;
        tail++;
        holding = true;
        if (releaserAsleep) {
            LockSupport.unpark(releaser);
        }
    }

    /**
     * Sends out, in order, every packet at the head whose flow is settled or whose wait is over
     * ({@code now} in epoch nanoseconds: the latest packet's time, or the wall clock).
     */
    private void release(long now) {
        while (head != tail) {
            int s = slot(head);
            FlowOwner o = owners[s];
            if (o != null && !o.settled() && now - deadline[s] < 0) {
                return;
            }
            emitHead();
        }
        holding = false;
    }

    /**
     * Looks every {@value #TICK_NANOS} ns while the link is quiet (a packet held there goes out
     * soon after its flow is settled). While packets arrive the capture thread releases them
     * itself, so the releaser only makes sure of the deadlines: it sleeps until the head's (at
     * most {@code holdNanos}) and sends out what is overdue, a few dozen wake-ups a second
     * rather than hundreds at thousands of new connections a second.
     */
    private void releaseLoop() {
        long seen = -1;
        long sleep = TICK_NANOS;
        while (running) {
            long now = System.nanoTime();
            if (holding) {
                lastHeld = now;
            }
            if (!holding && now - lastHeld >= LINGER_NANOS) {
                releaserAsleep = true;
                if (!holding && running) {
                    LockSupport.park(this);
                }
                releaserAsleep = false;
                sleep = TICK_NANOS;
                continue;
            }
            LockSupport.parkNanos(this, sleep);
            long offered = (long) OFFERS.getOpaque(this);
            boolean quiet = offered == seen; // no packet for a whole tick: the capture thread will not release
            seen = offered;
            sleep = TICK_NANOS;
            if (!holding) {
                continue;
            }
            long wall = System.currentTimeMillis() * 1_000_000L;
            synchronized (this) {
                if (quiet || head != tail && wall - deadline[slot(head)] >= 0) {
                    try {
                        release(wall);
                    } catch (RuntimeException e) {
                        failure = e;
                        return;
                    }
                }
                if (!quiet && head != tail) {
                    sleep = Math.max(TICK_NANOS, Math.min(holdNanos, deadline[slot(head)] - wall));
                }
            }
        }
    }

    /** Stops the releaser and sends out everything still held (the end of the run). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(releaser);
        try {
            releaser.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            while (head != tail) {
                emitHead();
            }
            holding = false;
        }
    }

    private void emitHead() {
        int s = slot(head);
        int n = capturedLength[s];
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
        }
        int at = (int) (start[s] % arenaBytes);
        int first = Math.min(n, arenaBytes - at);
        arena.get(at, scratch, 0, first);
        arena.get(0, scratch, first, n - first);
        FlowOwner o = owners[s];
        owners[s] = null;
        head++;
        sink.emitHeld(epochNanos[s], wireLength[s], scratch, n, frame[s], o, fromA[s]);
    }

    private int slot(long seq) {
        return (int) (seq % slots);
    }
}
