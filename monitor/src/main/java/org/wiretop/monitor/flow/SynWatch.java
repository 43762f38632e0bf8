package org.wiretop.monitor.flow;

import java.util.concurrent.locks.LockSupport;
import org.wiretop.capture.CaptureException;
import org.wiretop.capture.LiveOptions;
import org.wiretop.capture.PacketHandler;
import org.wiretop.capture.PacketSource;
import org.wiretop.capture.Sources;
import org.wiretop.capture.ThreadNice;
import org.wiretop.decode.Decoder;
import org.wiretop.decode.PacketSummary;

/**
 * A second capture on the same interface that sees only TCP SYNs (no ACK), in immediate mode,
 * on a thread of its own ({@code wiretop-syns}): the lookup of a connecting socket starts the
 * moment its SYN leaves, not when the main capture hands over its block of packets (up to its
 * read timeout later), so a client that closes its socket a millisecond after connecting is
 * still found. The main capture keeps its full blocks and its speed; this one wakes once per
 * SYN (or batch of them) and asks {@link FlowAttribution#lookAhead} to start a lookup. Its cost
 * is bounded: while lookups are over their CPU budget, or after {@value #MAX_PER_SECOND} SYNs in
 * a second, it stops reading (the kernel drops SYNs from its small buffer meanwhile) and skips
 * the stale ones when it reads again.
 */
public final class SynWatch implements AutoCloseable {
    /** TCP SYN without ACK, IPv4 (any header length) or IPv6 (TCP right after the fixed header). */
    static final String SYN_FILTER = "(tcp[tcpflags] & (tcp-syn|tcp-ack) == tcp-syn)"
            + " or (ip6 and ip6[6] == 6 and ip6[53] & 0x12 == 0x02)";
    private static final int SNAPLEN = 128;
    /**
     * Room for a few hundred SYNs: enough for a burst read as it comes, while during a pause (over
     * budget or rate) the kernel drops the rest instead of queuing thousands to skip afterwards.
     */
    private static final int BUFFER_BYTES = 128 << 10;
    private static final int TIMEOUT_MILLIS = 100;
    /** A SYN older than this when read is skipped: its client is long past needing it. */
    private static final long STALE_NANOS = 200_000_000L;
    private static final long BUDGET_WAIT_NANOS = 50_000_000L;
    /**
     * SYNs looked at per second at most: each costs this thread and the lookup thread a wake-up.
     * Beyond it (a flood of connections, mostly from long-lived processes, which the capture
     * thread's lookups name as well) the watch reads nothing until the second is over.
     */
    static final int MAX_PER_SECOND = 200;
    private static final long SECOND = 1_000_000_000L;
    private long secondStart = System.nanoTime() - SECOND;
    private int taken;

    private final FlowAttribution attribution;
    private final PacketSource source;
    private final Thread thread;
    private final Decoder decoder = new Decoder();
    private final PacketSummary summary = new PacketSummary();
    private volatile boolean running = true;

    private SynWatch(FlowAttribution attribution, PacketSource source) {
        this.attribution = attribution;
        this.source = source;
        this.thread = new Thread(this::run, "wiretop-syns");
        thread.setDaemon(true);
    }

    /**
     * Starts watching the SYNs on {@code device} that the main capture's {@code filter} ("" for
     * all) also takes; null when that capture cannot be opened (the lookups then start from the
     * main capture's packets, as before).
     */
    public static SynWatch start(FlowAttribution attribution, String device, String filter) {
        String f = filter == null || filter.isBlank() ? SYN_FILTER : "(" + filter + ") and (" + SYN_FILTER + ")";
        LiveOptions o = new LiveOptions(device, f, SNAPLEN, false, true, BUFFER_BYTES, TIMEOUT_MILLIS);
        PacketSource source;
        try {
            source = Sources.openLive(o);
        } catch (CaptureException | RuntimeException e) {
            return null;
        }
        SynWatch w = new SynWatch(attribution, source);
        w.thread.start();
        return w;
    }

    private void run() {
        ThreadNice.set(ThreadNice.ATTRIBUTION);
        int linkType = source.linkType();
        PacketHandler handler = (epochNanos, wireLength, data, capturedLength) -> {
            if (!attribution.lookingAhead()) {
                waitForBudget();
                return;
            }
            if (System.currentTimeMillis() * 1_000_000L - epochNanos > STALE_NANOS) {
                return;
            }
            if (!withinRate()) {
                return;
            }
            summary.epochNanos = epochNanos;
            decoder.decode(linkType, data, capturedLength, wireLength, summary);
            attribution.lookAhead(summary);
        };
        try {
            source.run(handler, 0);
        } catch (CaptureException | RuntimeException e) {
            // the interface went away, or the capture was closed: the main capture carries on
        }
    }

    /** Counts this SYN against the second's {@value #MAX_PER_SECOND}; when they are used, sleeps out the second. */
    private boolean withinRate() {
        long now = System.nanoTime();
        if (now - secondStart >= SECOND) {
            secondStart = now;
            taken = 0;
        }
        if (taken < MAX_PER_SECOND) {
            taken++;
            return true;
        }
        long end = secondStart + SECOND;
        while (running && end - System.nanoTime() > 0) {
            LockSupport.parkNanos(this, end - System.nanoTime());
        }
        return false;
    }

    /** Over budget: read nothing until lookups are taken again (or we are closed). */
    private void waitForBudget() {
        while (running && !attribution.lookingAhead()) {
            LockSupport.parkNanos(this, BUDGET_WAIT_NANOS);
        }
    }

    @Override
    public void close() {
        running = false;
        source.stop();
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
