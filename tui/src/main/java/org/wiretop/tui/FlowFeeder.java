package org.wiretop.tui;

import org.wiretop.decode.PacketSummary;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Feeds the flow tracker from the packet ring on a thread of its own, so the capture thread
 * does no more per packet than copy it into the ring (as {@code tcpdump -w} does): flow
 * tracking can then never make the kernel drop packets. When it falls so far behind that the
 * ring overwrote packets it had not read, it skips them and counts them ({@link #skipped()}).
 * It is the flow table's only writer; when no packet is waiting it calls {@code onIdle}
 * (to publish the table's latest state).
 *
 * <p>It works through at most {@value #MAX_PER_SECOND} packets a second: on a small machine a
 * flow thread running flat out would take the CPU the capture thread needs, and losing packets
 * at the kernel is worse than tracking flows from a sample (what it skips is counted).
 */
public final class FlowFeeder implements AutoCloseable {
    static final int MAX_PER_SECOND = 1_000_000;
    private static final int BATCH = 4096;
    private static final long BATCH_NANOS = 1_000_000_000L * BATCH / MAX_PER_SECOND;

    private final Supplier<PacketRing> rings;
    private final DecodeChoices choices;
    private final Consumer<PacketSummary> ingest;
    private final Runnable onIdle;
    private final Thread thread;
    private volatile boolean running = true;
    /** Set by {@link #drainAndStop}: stop once every packet in the ring has been read. */
    private volatile boolean draining;
    private volatile long skipped;

    public FlowFeeder(Supplier<PacketRing> rings, Consumer<PacketSummary> ingest, Runnable onIdle) {
        this(rings, DecodeChoices.none(), ingest, onIdle);
    }

    public FlowFeeder(Supplier<PacketRing> rings, DecodeChoices choices, Consumer<PacketSummary> ingest, Runnable onIdle) {
        this.rings = rings;
        this.choices = choices;
        this.ingest = ingest;
        this.onIdle = onIdle;
        this.thread = new Thread(this::run, "wiretop-flows");
        thread.setDaemon(true);
    }

    public FlowFeeder start() {
        thread.start();
        return this;
    }

    /** Packets the ring overwrote before this thread could look at them. */
    public long skipped() {
        return skipped;
    }

    private void run() {
        DecodeChoices.Follower decoders = choices.follower();
        PacketSummary s = new PacketSummary();
        PacketRing.Scratch scratch = new PacketRing.Scratch();
        PacketRing ring = null;
        long next = 0;
        long lost = 0;
        while (running) {
            PacketRing current = rings.get();
            if (current != ring) {
                ring = current;
                next = ring == null ? 0 : ring.first();
            }
            if (ring == null || next >= ring.end()) {
                if (draining) {
                    return;
                }
                onIdle.run();
                LockSupport.parkNanos(2_000_000L);
                continue;
            }
            long first = ring.first();
            if (next < first) {
                lost += first - next;
                skipped = lost;
                next = first;
            }
            long end = Math.min(ring.end(), next + BATCH);
            long batchStart = System.nanoTime();
            long batchFirst = next;
            for (; next < end && running; next++) {
                if (!ring.readInto(next, scratch)) {
                    lost++;
                    skipped = lost;
                    continue;
                }
                s.frameNumber = next + 1;
                s.epochNanos = scratch.epochNanos;
                decoders.decoder().decode(ring.linkType(), scratch.data, scratch.length, scratch.wireLength, s);
                ingest.accept(s);
            }
            long left = BATCH_NANOS - (System.nanoTime() - batchStart);
            if (next - batchFirst == BATCH && left > 0 && ring.end() > next) {
                LockSupport.parkNanos(left); // behind and over budget: leave the CPU to the capture
            }
        }
    }

    /**
     * Reads what the ring holds now, then stops (for a capture that has ended): waits for that,
     * at most {@code millis}. Returns false if the thread was still busy then.
     */
    public boolean drainAndStop(long millis) {
        draining = true;
        LockSupport.unpark(thread);
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running = false;
        return !thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
