package org.wiretop.monitor.flow;

import java.util.concurrent.ConcurrentHashMap;
import org.wiretop.decode.PacketSummary;

/**
 * Names the processes behind every flow from its first packet (design §9). The writer thread
 * (the capture thread in the CLI, the flow feeder in the UI) calls {@link #observe} for each
 * decoded packet and gets the flow's {@link FlowOwner} back, allocation-free for a known flow.
 * For a new flow it decides at once which ends are this host's (link-layer direction, else our
 * addresses): a local end that is a listening or bound socket gets the listener's owner from
 * the latest {@link ListenerIndex} there and then (no syscall, no wait); every other local end
 * is handed to the {@link AttributionWorker}'s thread, which asks the kernel for that very
 * socket and fills the answer in a few hundred microseconds later. The writer never waits: it
 * sees answers as they arrive ({@link FlowOwner#settled()} says when nothing more will come).
 *
 * <p>Flows are kept in a fixed-size {@link FlowStore} (oldest-seen evicted when full, as a
 * sample of {@value #EVICTION_SAMPLES}) and, when other threads ask ({@link #ownerOf}: the UI,
 * the flow report and exports; {@code shared}), in a concurrent map by {@link FlowKey} as well.
 * When owners are not shared, a TCP flow that ended (FIN or RST) and then saw no packet for
 * {@value #LINGER_MILLIS} ms is forgotten, so at thousands of short connections a second the table
 * holds the last second's rather than the last 65,536 and stays in the CPU's caches (shared, other
 * threads ask for a flow's owners after its end: the UI's closed connections, flow records). A TCP SYN after a FIN or RST on
 * the same 4-tuple is a new connection, perhaps of another process: it gets a new owner and new
 * lookups. A new flow costs at most one object, its {@link FlowOwner} (flows settled on their
 * first packet share one while owners are not shared); a known one nothing.
 */
public final class FlowAttribution implements AutoCloseable {
    public static final int DEFAULT_CAPACITY = 1 << 16;
    static final int EVICTION_SAMPLES = 8;
    /** How long an ended TCP flow stays after its last packet (late retransmissions still find it). */
    static final int LINGER_MILLIS = 1000;
    private static final long LINGER_NANOS = LINGER_MILLIS * 1_000_000L;
    /** Ended flows forgotten at most per new flow (bounded work; a flow is listed once, so it keeps up). */
    private static final int FORGET_PER_FLOW = 2;
    /** Per entry after the key: flags, the last packet's time, the slot of its {@link EndedFlows} listing. */
    private static final int INFO = FlowStore.KEY_WORDS, LAST_NS = INFO + 1, LISTING = LAST_NS + 1, STRIDE = LISTING + 1;
    /** INFO bits: FIN or RST seen; listed in {@link #ended}; the writer's lookup listed in {@link LookAhead}. */
    private static final long ENDED = 1, LISTED = 2, ASKED = 4;
    private static final int TCP = 6, UDP = 17;

    private final LocalAddresses local;
    private final FlowStore store;
    private final long[] d;
    private final FlowOwner[] cells;
    /** Owners by key for other threads, or null when nobody asks (the CLI's JSON and pcapng). */
    private final ConcurrentHashMap<FlowKey, FlowOwner> byKey;
    private final LookAhead lookAhead;
    /** Ended TCP flows in the order they ended: each is forgotten once quiet for the linger. */
    private final EndedFlows ended;
    private final AttributionWorker worker;
    private final CurrentSynWatch syns = new CurrentSynWatch();
    private boolean fromA;
    /** Whether the last {@link #create} queued a lookup of a SYN's sender (listed in {@link LookAhead}). */
    private boolean asking;
    /** The last owner {@link #settled} made, for the next flow with the same tags. */
    private FlowOwner lastSettled;
    private int evictCursor;
    private long flows;

    /**
     * @param worker the lookup thread (started by the caller), or null to name listeners only
     *               from a fixed index (tests)
     * @param shared whether other threads look owners up by key ({@link #ownerOf})
     */
    FlowAttribution(LocalAddresses local, int capacity, AttributionWorker worker, boolean shared) {
        this.local = local;
        this.store = new FlowStore(capacity, STRIDE);
        this.d = store.data;
        this.cells = new FlowOwner[capacity];
        this.ended = new EndedFlows(capacity);
        this.worker = worker;
        this.byKey = shared ? new ConcurrentHashMap<>() : null;
        this.lookAhead = new LookAhead(local, worker);
    }

    /** Attribution for this host, its lookup thread started, owners shared with other threads. */
    public static FlowAttribution start(LocalAddresses local) {
        return start(local, true);
    }

    /**
     * Attribution for this host, its lookup thread started.
     *
     * @param shared whether other threads will ask {@link #ownerOf} (false saves a concurrent
     *               map's put and remove per flow when only the writer's own output names processes)
     */
    public static FlowAttribution start(LocalAddresses local, boolean shared) {
        return new FlowAttribution(local, DEFAULT_CAPACITY, AttributionWorker.start(), shared);
    }

    /**
     * Starts a {@link SynWatch} on the live capture's interface and filter, so connecting ends are
     * looked up from their SYN at once; true when it runs (it needs the rights the capture has).
     * Called again with another interface or filter (the UI's {@code i} and {@code c}), it moves there.
     */
    public synchronized boolean watchSyns(String device, String filter) {
        return worker != null && syns.watch(this, device, filter);
    }

    /**
     * Waits, at most {@code millis}, for the first snapshot of the listeners (reading /proc for
     * their owners the first time takes a moment), so the first packets already find them.
     * The capture is open meanwhile: the kernel holds its packets.
     */
    public boolean awaitListeners(long millis) {
        return worker == null || worker.awaitListeners(millis);
    }

    /**
     * Writer thread: the owners of this packet's flow (TCP or UDP over IP), or null for any other
     * packet. {@link #lastFromA()} then tells which end sent it.
     */
    public FlowOwner observe(PacketSummary s) {
        int proto = s.transportProtocol;
        if ((proto != TCP && proto != UDP) || s.laterFragment || s.srcPort < 0 || s.dstPort < 0) {
            return null;
        }
        int family;
        long sHi, sLo, dHi, dLo;
        if ((s.layers & PacketSummary.IP4) != 0) {
            family = 4;
            sHi = 0;
            dHi = 0;
            sLo = s.ip4Src & 0xFFFFFFFFL;
            dLo = s.ip4Dst & 0xFFFFFFFFL;
        } else if ((s.layers & PacketSummary.IP6) != 0) {
            family = 6;
            sHi = s.ip6SrcHi;
            sLo = s.ip6SrcLo;
            dHi = s.ip6DstHi;
            dLo = s.ip6DstLo;
        } else {
            return null;
        }
        int sp = s.srcPort, dp = s.dstPort;
        int c = Long.compareUnsigned(sHi, dHi);
        if (c == 0) {
            c = Long.compareUnsigned(sLo, dLo);
            if (c == 0) {
                c = Integer.compare(sp, dp);
            }
        }
        boolean a = c <= 0;
        fromA = a;
        long meta = a ? FlowStore.meta(proto, family, sp, dp) : FlowStore.meta(proto, family, dp, sp);
        long aHi = a ? sHi : dHi, aLo = a ? sLo : dLo, bHi = a ? dHi : sHi, bLo = a ? dLo : sLo;
        int hash = FlowStore.hash(meta, aHi, aLo, bHi, bLo);
        int flags = proto == TCP ? s.tcpFlags : 0;
        int e = store.find(meta, aHi, aLo, bHi, bLo, hash);
        if (e >= 0) {
            int b = store.base(e);
            boolean newConnection = (flags & (PacketSummary.SYN | PacketSummary.ACK)) == PacketSummary.SYN
                    && (d[b + INFO] & ENDED) != 0;
            if (!newConnection) {
                if ((flags & (PacketSummary.FIN | PacketSummary.RST)) != 0 && (d[b + INFO] & LISTED) == 0) {
                    d[b + INFO] |= ENDED | list(e, s.epochNanos);
                }
                d[b + LAST_NS] = s.epochNanos;
                return cells[e];
            }
            remove(e);
        }
        forgetEnded(s.epochNanos);
        if (store.size() == store.capacity()) {
            evict();
        }
        e = store.insert(meta, aHi, aLo, bHi, bLo, hash);
        int b = store.base(e);
        d[b + LAST_NS] = s.epochNanos;
        FlowOwner owner = create(proto, family, meta, aHi, aLo, bHi, bLo, a, flags, s.sllPacketType, s.epochNanos);
        cells[e] = owner;
        d[b + INFO] = asking ? ASKED : 0;
        if ((flags & (PacketSummary.FIN | PacketSummary.RST)) != 0) {
            d[b + INFO] |= ENDED | list(e, s.epochNanos);
        }
        if (byKey != null) {
            byKey.put(owner.key(), owner);
        }
        flows++;
        return owner;
    }

    /** Lists an ended TCP flow to be forgotten once quiet: LISTED, or 0 when the list is full (eviction will do). */
    private long list(int e, long nowNanos) {
        if (byKey != null) {
            return 0; // other threads ask for owners after the end (a closed connection's row, its record)
        }
        int b = store.base(e);
        int slot = (int) (d[b + FlowStore.META] >>> 40) == TCP ? ended.list(e, nowNanos) : -1;
        if (slot < 0) {
            return 0;
        }
        d[b + LISTING] = slot;
        return LISTED;
    }

    /** Forgets the ended flows whose linger is over (a few per new flow); one quiet since its end goes, others wait again. */
    private void forgetEnded(long nowNanos) {
        for (int k = 0; k < FORGET_PER_FLOW && ended.due(nowNanos, LINGER_NANOS); k++) {
            int e = ended.take();
            if (e < 0) {
                continue; // gone already (evicted, or the 4-tuple began another connection)
            }
            int b = store.base(e);
            d[b + INFO] &= ~LISTED;
            long last = d[b + LAST_NS];
            if (nowNanos - last >= LINGER_NANOS) {
                remove(e);
            } else {
                d[b + INFO] |= list(e, last);
            }
        }
    }

    /** Which end sent the packet {@link #observe} saw last: end a of its {@link FlowKey}, or b. */
    public boolean lastFromA() {
        return fromA;
    }

    private FlowOwner create(int proto, int family, long meta, long aHi, long aLo, long bHi, long bLo,
                             boolean srcIsA, int flags, int sll, long epochNanos) {
        int portA = (int) (meta >>> 16) & 0xFFFF, portB = (int) meta & 0xFFFF;
        long sHi = srcIsA ? aHi : bHi, sLo = srcIsA ? aLo : bLo, dHi = srcIsA ? bHi : aHi, dLo = srcIsA ? bLo : aLo;
        int sp = srcIsA ? portA : portB, dp = srcIsA ? portB : portA;
        boolean srcLocal = sll == PacketSummary.SLL_OUTGOING || local.contains(family, sHi, sLo);
        boolean dstLocal = sll == PacketSummary.SLL_HOST || local.contains(family, dHi, dLo);
        boolean syn = (flags & PacketSummary.SYN) != 0, ack = (flags & PacketSummary.ACK) != 0;
        // A listener is the end that receives the SYN (or sends the SYN-ACK); mid-stream, either.
        ListenerIndex listeners = worker == null ? ListenerIndex.EMPTY : worker.listeners();
        ProcessTag srcTag = srcLocal && (!syn || ack) ? listeners.find(proto, family, sHi, sLo, sp) : null;
        ProcessTag dstTag = dstLocal && !(syn && ack) ? listeners.find(proto, family, dHi, dLo, dp) : null;
        int srcEnd = srcIsA ? FlowOwner.END_A : FlowOwner.END_B;
        int dstEnd = srcIsA ? FlowOwner.END_B : FlowOwner.END_A;
        int pending = (srcLocal && srcTag == null ? srcEnd : 0) | (dstLocal && dstTag == null ? dstEnd : 0);
        FlowOwner early = null;
        if (syn && !ack && lookAhead.hasEarly()) {
            early = lookAhead.claim(new FlowKey(proto, new FlowEndpoint(family, aHi, aLo, portA),
                    new FlowEndpoint(family, bHi, bLo, portB)), epochNanos);
        }
        if (early != null) {
            pending &= dstEnd; // the SYN watch asked about the connecting end already
        }
        int asked = (pending & srcEnd) != 0 && accepts() ? srcEnd : 0;
        asked |= (pending & dstEnd) != 0 && accepts() ? dstEnd : 0;
        ProcessTag tagA = srcIsA ? srcTag : dstTag, tagB = srcIsA ? dstTag : srcTag;
        FlowOwner owner;
        if (early != null) {
            owner = early;
            owner.adopt(dstEnd, dstTag, (asked & dstEnd) != 0); // add what we know of the other end
        } else if (asked == 0 && byKey == null) {
            owner = settled(tagA, tagB); // nothing more will be known, and nobody asks for its key
        } else {
            owner = new FlowOwner(proto, family, aHi, aLo, portA, bHi, bLo, portB, tagA, tagB, asked, epochNanos);
        }
        asking = false;
        if ((asked & srcEnd) != 0 && queue(owner, srcEnd) && syn && !ack && byKey == null) {
            lookAhead.asked(owner); // the SYN watch, later, hurries this lookup rather than making its own
            asking = true;
        }
        if ((asked & dstEnd) != 0) {
            queue(owner, dstEnd);
        }
        return owner;
    }

    /**
     * The owner of a flow settled from its first packet (listeners, or lookups declined), shared
     * by consecutive flows with the same tags: in a flood that is one object for thousands of flows.
     */
    private FlowOwner settled(ProcessTag tagA, ProcessTag tagB) {
        FlowOwner o = lastSettled;
        if (o == null || o.sender(true) != tagA || o.sender(false) != tagB) {
            o = FlowOwner.ofFlows(tagA, tagB);
            lastSettled = o;
        }
        return o;
    }

    /** Whether the lookup thread takes a lookup now (counted as asked for). */
    private boolean accepts() {
        return worker != null && worker.accepts();
    }

    /** Queues the lookup of one end; false (and that end settled as unknown) when the queue is full. */
    private boolean queue(FlowOwner owner, int end) {
        if (!worker.queue(owner, end)) {
            owner.resolve(end, null, 0);
            return false;
        }
        return true;
    }

    /** SYN watch thread: see {@link LookAhead#lookAhead}. */
    void lookAhead(PacketSummary s) {
        lookAhead.lookAhead(s, byKey == null ? null : byKey::get);
    }

    /** The owner the SYN watch made for this flow, not yet adopted by the writer, or null (tests). */
    FlowOwner lookedAhead(FlowKey key) {
        return lookAhead.early(key);
    }

    /** Whether the SYN watch may look ahead now (false while lookups are over their CPU budget). */
    boolean lookingAhead() {
        return worker != null && worker.acceptsRequests();
    }

    /** The owners of this flow (either order of the endpoints), or null when not seen. Any thread. */
    public FlowOwner ownerOf(FlowKey key) {
        if (byKey == null) {
            throw new IllegalStateException("owners are not shared: start with shared = true");
        }
        return byKey.get(key);
    }

    /** The owners of this flow record's conversation, or null. Any thread. */
    public FlowOwner ownerOf(FlowRecord r) {
        return ownerOf(FlowKey.of(r));
    }

    /** Whether the listener index names a TCP listener taking 127.0.0.1:port (tests wait on it). */
    boolean knowsListener(int port) {
        return worker != null && worker.listeners().find(TCP, 4, 0, 0x7F000001L, port) != null;
    }

    /** Flows seen (new conversations, including port reuse). Writer thread. */
    public long flows() {
        return flows;
    }

    /** Flows held now. Writer thread. */
    public int size() {
        return store.size();
    }

    /** The lookup thread's counters, or null without one. */
    public AttributionWorker.Counters counters() {
        return worker == null ? null : worker.counters();
    }

    /** Of {@value #EVICTION_SAMPLES} flows after a rotating cursor, forgets the one seen longest ago. */
    private void evict() {
        int n = store.size();
        int e = evictCursor < n ? evictCursor : 0;
        int victim = e;
        long oldest = Long.MAX_VALUE;
        for (int k = 0; k < EVICTION_SAMPLES && k < n; k++, e = e + 1 == n ? 0 : e + 1) {
            long last = d[store.base(e) + LAST_NS];
            if (last < oldest) {
                oldest = last;
                victim = e;
            }
        }
        evictCursor = e;
        remove(victim);
    }

    private void remove(int e) {
        FlowOwner gone = cells[e];
        long info = d[store.base(e) + INFO];
        if (byKey != null) {
            byKey.remove(gone.key(), gone);
        }
        if ((info & ASKED) != 0) {
            lookAhead.forget(gone);
        }
        if ((info & LISTED) != 0) {
            ended.cancel((int) d[store.base(e) + LISTING]);
        }
        int last = store.size() - 1;
        store.remove(e);
        cells[e] = cells[last];
        cells[last] = null;
        if (e != last && (d[store.base(e) + INFO] & LISTED) != 0) {
            ended.moved((int) d[store.base(e) + LISTING], e); // the last entry moved into the hole
        }
    }

    @Override
    public void close() {
        syns.close();
        if (worker != null) {
            worker.close();
        }
    }
}
