package org.wiretop.monitor.flow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.wiretop.capture.ThreadNice;
import org.wiretop.monitor.socket.ProcessIndex;
import org.wiretop.monitor.socket.Proto;
import org.wiretop.monitor.socket.SocketOwner;
import org.wiretop.monitor.socket.SocketOwnerLookup;
import org.wiretop.sys.NetlinkException;
import org.wiretop.sys.NetlinkProcEvents;

/**
 * The thread behind {@link FlowAttribution}: it answers the lookups the writer thread queues
 * for new flows (a batch at a time: one sock_diag exact-match query each, then one look at
 * /proc for all of them, see {@link SocketOwnerLookup}); a {@link ListenerWatch} keeps the
 * {@link ListenerIndex} fresh beside it (and at once when a lookup met a listener it lacked). The queue
 * is bounded: when it is full (a flood of new flows) a flow is settled unknown rather than
 * waited for. The writer only ever offers to the queue and unparks this thread when it sleeps.
 *
 * <p>A lookup costs 0.1–0.5 ms of CPU when its process is new (a sock_diag query of ~15 µs,
 * then its /proc/PID/fd through {@code ProcFiles}), so this thread keeps to a budget of {@value CpuBudget#BUDGET_PER_MILLE} ‰ of one
 * core, measured on its own CPU clock as a token bucket ({@link CpuBudget}): the allowance refills at that share of
 * the wall clock and holds at most {@value CpuBudget#BURST_MILLIS} ms (so a burst of short-lived clients
 * is served in full); while it is spent, flows are settled unknown at once
 * ({@link Counters#overBudget()}) and this thread sleeps until it is positive again. At a few
 * hundred new connections a second every flow is looked up; a flood (10,000 a second) is named in
 * part, at bounded cost, the lookups spread evenly over time (so the code of both paths stays
 * compiled, rather than the JIT compiling one again each time the other ran for seconds).
 */
public final class AttributionWorker implements AutoCloseable {
    static final int QUEUE = 8192;
    /**
     * After work, the thread looks at the queue every {@value #POLL_NANOS} ns (taking what came
     * meanwhile as one batch) for this long before it sleeps until unparked: at thousands of new
     * flows a second it wakes at most 200 times a second and the writer never pays for a wake-up
     * (a futex call) per flow, while a quiet host costs nothing.
     */
    private static final long POLL_FOR_NANOS = 100_000_000L, POLL_NANOS = 5_000_000L;
    private static final int MAX_BATCH = 512;
    /** How long the thread sleeps when idle (a new request wakes it at once). */
    private static final long IDLE_NANOS = 1_000_000_000L;

    /** One local end of a new flow to name. */
    record Request(FlowOwner owner, int end, FlowEndpoint self, FlowEndpoint peer) {
    }

    /**
     * What the lookups found so far.
     *
     * @param requests ends asked about
     * @param dropped  ends never looked up because the queue was full
     * @param named    ends whose process was found
     * @param uidOnly  ends whose socket was found but not its process
     * @param notFound ends whose socket was gone when asked about
     * @param batches  rounds of lookups
     * @param overBudget ends settled unknown because lookups had used their CPU budget
     */
    public record Counters(long requests, long dropped, long named, long uidOnly, long notFound, long batches,
                           long overBudget) {
    }

    private final ArrayBlockingQueue<Request> queue = new ArrayBlockingQueue<>(QUEUE);
    private final SocketOwnerLookup lookup;
    private final ListenerWatch watch;
    /** New processes as the kernel announces them (read first by lookups), or null. */
    private final NetlinkProcEvents events;
    private final java.util.concurrent.CountDownLatch warm = new java.util.concurrent.CountDownLatch(1);
    private final Thread thread;
    private final AtomicLong requests = new AtomicLong(), dropped = new AtomicLong();
    private final Map<Integer, ProcessTag> tags = new HashMap<>();

    /** Parked until unparked (after {@value #POLL_FOR_NANOS} ns without work); else it polls. */
    private volatile boolean asleep;
    /** Set while lookups have spent their allowance: the writer then queues nothing. */
    private volatile boolean overBudgetNow;
    private volatile boolean running = true;
    private volatile long named, uidOnly, notFound, batches;
    private final AtomicLong overBudget = new AtomicLong();
    private final CpuBudget budget = new CpuBudget();

    private AttributionWorker(SocketOwnerLookup lookup, ListenerWatch watch, NetlinkProcEvents events) {
        this.lookup = lookup;
        this.events = events;
        this.watch = watch;
        this.thread = new Thread(this::run, "wiretop-attribution");
        thread.setDaemon(true);
    }

    /** Opens sock_diag (listeners fall back to /proc/net; lookups need sock_diag) and starts the threads. */
    static AttributionWorker start() {
        NetlinkProcEvents events;
        try {
            events = NetlinkProcEvents.open();
        } catch (NetlinkException e) {
            events = null; // not root, or not the host's namespaces: lookups list /proc for new processes
        }
        SocketOwnerLookup lookup;
        try {
            lookup = SocketOwnerLookup.open(new ProcessIndex(events));
        } catch (NetlinkException e) {
            lookup = null; // listeners only
        }
        AttributionWorker w = new AttributionWorker(lookup, ListenerWatch.start(), events);
        w.thread.start();
        return w;
    }

    /** Waits (bounded) until the first listener snapshot is in and lookups are warm; true when both are. */
    boolean awaitListeners(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        boolean listeners = watch.awaitFirst(millis);
        try {
            return listeners && warm.await(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The latest listeners; any thread. */
    ListenerIndex listeners() {
        return watch.listeners();
    }

    /**
     * Writer thread: counts a lookup wanted for a new flow; whether one may be {@link #queue}d
     * (false over budget: most of a flood's flows, for which nothing is made then).
     */
    boolean accepts() {
        if (lookup == null || !running) {
            return false;
        }
        requests.incrementAndGet();
        if (overBudgetNow) {
            overBudget.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Writer thread, after {@link #accepts}: queues the lookup of one end without waiting; false when the queue is full. */
    boolean queue(FlowOwner owner, int end) {
        return offer(new Request(owner, end, owner.endpoint(end),
                owner.endpoint(end == FlowOwner.END_A ? FlowOwner.END_B : FlowOwner.END_A)));
    }

    private boolean offer(Request r) {
        if (!queue.offer(r)) {
            dropped.incrementAndGet();
            return false;
        }
        if (asleep) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /**
     * SYN watch thread: as {@link #accepts} and {@link #queue}, and the lookup thread is woken at once even while it
     * polls (the SYN watch's thread pays for the wake-up, not the capture thread's).
     */
    boolean submitNow(Request r) {
        if (!accepts() || !offer(r)) {
            return false;
        }
        LockSupport.unpark(thread);
        return true;
    }

    /** Whether lookups are taken now (false while over the CPU budget, or without sock_diag). */
    boolean acceptsRequests() {
        return lookup != null && running && !overBudgetNow;
    }

    public Counters counters() {
        return new Counters(requests.get(), dropped.get(), named, uidOnly, notFound, batches, overBudget.get());
    }

    private void run() {
        warmUp();
        ThreadNice.set(ThreadNice.ATTRIBUTION); // after the warm-up, which nobody waits for at that priority
        budget.start(); // the warm-up is not charged to the budget
        List<Request> batch = new ArrayList<>(MAX_BATCH);
        long lastWork = System.nanoTime();
        while (running) {
            queue.drainTo(batch, MAX_BATCH);
            long now = System.nanoTime();
            if (batch.isEmpty()) {
                if (now - lastWork < POLL_FOR_NANOS) {
                    LockSupport.parkNanos(this, POLL_NANOS);
                } else {
                    asleep = true;
                    if (queue.isEmpty() && running) {
                        LockSupport.parkNanos(this, IDLE_NANOS);
                    }
                    asleep = false;
                }
            } else {
                lastWork = now;
                if (withinBudget()) {
                    resolve(batch);
                } else {
                    for (Request r : batch) {
                        r.owner().resolve(r.end(), null, 0);
                    }
                    overBudget.addAndGet(batch.size());
                }
                batch.clear();
            }
            if (!withinBudget()) {
                sleepOffDebt();
                withinBudget(); // the writer may queue again
            }
        }
        settleAll();
    }

    /** Whether lookups have CPU left ({@link CpuBudget#withinBudget}), told to the writer. */
    private boolean withinBudget() {
        boolean within = budget.withinBudget();
        overBudgetNow = !within;
        return within;
    }

    /** Over budget: sleeps until the allowance is refilled above zero (woken early only by close). */
    private void sleepOffDebt() {
        long sleep = budget.debtNanos();
        long end = System.nanoTime() + sleep;
        for (long left = sleep; running && left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    private static final int WARM_ROUNDS = 300;
    private static final boolean DEBUG = Boolean.getBoolean("wiretop.debugAttribution");

    private void resolve(List<Request> batch) {
        long t0 = System.nanoTime();
        List<SocketOwnerLookup.Query> queries = new ArrayList<>(batch.size());
        for (Request r : batch) {
            queries.add(new SocketOwnerLookup.Query(Proto.ofIpProtocol(r.owner().protocol()),
                    r.self().addressBytes(), r.self().port(), r.peer().addressBytes(), r.peer().port()));
        }
        List<SocketOwnerLookup.Answer> answers;
        try {
            answers = lookup.lookup(queries);
        } catch (NetlinkException | RuntimeException e) {
            answers = null; // this batch stays unknown; the next one tries again
        }
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long n = named, u = uidOnly, g = notFound;
        for (int i = 0; i < batch.size(); i++) {
            SocketOwnerLookup.Answer a = answers == null ? null : answers.get(i);
            Request r = batch.get(i);
            ProcessTag tag = null;
            if (a == null || a.state() == null) {
                g++;
            } else if (a.owner() != null) {
                tag = tagOf(a.owner());
                n++;
                if (a.state().isListening() && watch.listeners().find(r.owner().protocol(), r.self().family(),
                        r.self().hi(), r.self().lo(), r.self().port()) == null) {
                    watch.refreshSoon(); // a listener the index lacks
                }
            } else if (a.uid() >= 0) {
                tag = ProcessTag.uid(a.uid());
                u++;
            } else {
                g++;
            }
            if (DEBUG) {
                System.err.printf("attr %s end %d lag %.3f ms batch %d answer %s took %.3f ms%n", r.self(), r.end(),
                        (nowNanos - r.owner().firstPacketEpochNanos()) / 1e6, batch.size(), a, (System.nanoTime() - t0) / 1e6);
            }
            r.owner().resolve(r.end(), tag, nowNanos);
        }
        named = n;
        uidOnly = u;
        notFound = g;
        batches++;
    }

    /**
     * Runs the lookup path a few times on a socket that does not exist before the first flow
     * needs it: the first run loads and links classes (netlink, JNA, /proc) for tens of
     * milliseconds, long enough for a short-lived client to be gone.
     */
    private void warmUp() {
        long t0 = System.nanoTime();
        try {
            warmLookups();
            if (DEBUG) {
                System.err.printf("attr warm-up %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            }
        } finally {
            warm.countDown();
        }
    }

    /** Knows every process (so the first lookups read only new ones) and has run the lookup path. */
    private void warmLookups() {
        if (lookup == null) {
            return;
        }
        for (int i = 0; i < 3; i++) {
            lookup.processes().scanAll(); // a few times, so the JIT compiles the reading of /proc
        }
        byte[] lo = {127, 0, 0, 1};
        // Enough rounds for the JIT to compile the query path (a few ms): interpreted, one
        // query takes half a millisecond, as long as a short client holds its socket.
        for (int i = 0; i < WARM_ROUNDS; i++) {
            try {
                lookup.lookup(List.of(new SocketOwnerLookup.Query(Proto.TCP, lo, 0, lo, 0),
                        new SocketOwnerLookup.Query(Proto.UDP, lo, 0, lo, 0)));
            } catch (NetlinkException | RuntimeException e) {
                return;
            }
        }
    }

    /** One tag per process, so flows share it (and JSON lines share its bytes). */
    private ProcessTag tagOf(SocketOwner o) {
        ProcessTag t = tags.get(o.pid());
        if (t == null || !t.name().equals(o.program())) {
            if (tags.size() >= 4096) {
                tags.clear();
            }
            t = ProcessTag.of(o);
            tags.put(o.pid(), t);
        }
        return t;
    }

    /** After close: whatever is still queued is settled unknown, so nobody holds output for it. */
    private void settleAll() {
        Request r;
        while ((r = queue.poll()) != null) {
            r.owner().resolve(r.end(), null, 0);
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        settleAll();
        if (lookup != null) {
            lookup.close();
        }
        watch.close();
        if (events != null) {
            events.close();
        }
    }
}
