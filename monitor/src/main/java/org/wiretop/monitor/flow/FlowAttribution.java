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
 * sample of {@value #EVICTION_SAMPLES}) and, for other threads ({@link #ownerOf}), in a
 * concurrent map by {@link FlowKey}. A TCP SYN after a FIN or RST on the same 4-tuple is a new
 * connection, perhaps of another process: it gets a new owner and new lookups.
 */
public final class FlowAttribution implements AutoCloseable {
    public static final int DEFAULT_CAPACITY = 1 << 16;
    static final int EVICTION_SAMPLES = 8;
    private static final int INFO = FlowStore.KEY_WORDS, LAST_NS = INFO + 1, STRIDE = LAST_NS + 1;
    private static final long ENDED = 1;
    private static final int TCP = 6, UDP = 17;

    private final LocalAddresses local;
    private final FlowStore store;
    private final long[] d;
    private final FlowOwner[] cells;
    private final ConcurrentHashMap<FlowKey, FlowOwner> byKey = new ConcurrentHashMap<>();
    /** Flows whose SYN a {@link SynWatch} saw first, their connecting end already being looked up. */
    private final ConcurrentHashMap<FlowKey, FlowOwner> early = new ConcurrentHashMap<>();
    private final AttributionWorker worker;
    private SynWatch syns;
    private String synDevice, synFilter;
    private boolean fromA;
    private int evictCursor;
    private long flows;

    /**
     * @param worker the lookup thread (started by the caller), or null to name listeners only
     *               from a fixed index (tests)
     */
    FlowAttribution(LocalAddresses local, int capacity, AttributionWorker worker) {
        this.local = local;
        this.store = new FlowStore(capacity, STRIDE);
        this.d = store.data;
        this.cells = new FlowOwner[capacity];
        this.worker = worker;
    }

    /** Attribution for this host, its lookup thread started. */
    public static FlowAttribution start(LocalAddresses local) {
        return new FlowAttribution(local, DEFAULT_CAPACITY, AttributionWorker.start());
    }

    /**
     * Starts a {@link SynWatch} on the live capture's interface and filter, so connecting ends are
     * looked up from their SYN at once; true when it runs (it needs the rights the capture has).
     * Called again with another interface or filter (the UI's {@code i} and {@code c}), it moves there.
     */
    public synchronized boolean watchSyns(String device, String filter) {
        if (worker == null) {
            return false;
        }
        if (syns != null && device.equals(synDevice) && java.util.Objects.equals(filter, synFilter)) {
            return true;
        }
        if (syns != null) {
            syns.close();
        }
        syns = SynWatch.start(this, device, filter);
        synDevice = device;
        synFilter = filter;
        return syns != null;
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
                if ((flags & (PacketSummary.FIN | PacketSummary.RST)) != 0) {
                    d[b + INFO] |= ENDED;
                }
                d[b + LAST_NS] = s.epochNanos;
                return cells[e];
            }
            remove(e);
        }
        if (store.size() == store.capacity()) {
            evict();
        }
        e = store.insert(meta, aHi, aLo, bHi, bLo, hash);
        int b = store.base(e);
        d[b + INFO] = (flags & (PacketSummary.FIN | PacketSummary.RST)) != 0 ? ENDED : 0;
        d[b + LAST_NS] = s.epochNanos;
        FlowOwner owner = create(proto, family, sHi, sLo, sp, dHi, dLo, dp, a, flags, s.sllPacketType, s.epochNanos);
        cells[e] = owner;
        byKey.put(owner.key(), owner);
        flows++;
        return owner;
    }

    /** Which end sent the packet {@link #observe} saw last: end a of its {@link FlowKey}, or b. */
    public boolean lastFromA() {
        return fromA;
    }

    private FlowOwner create(int proto, int family, long sHi, long sLo, int sp, long dHi, long dLo, int dp,
                             boolean srcIsA, int flags, int sll, long epochNanos) {
        FlowEndpoint src = new FlowEndpoint(family, sHi, sLo, sp);
        FlowEndpoint dst = new FlowEndpoint(family, dHi, dLo, dp);
        FlowKey key = srcIsA ? new FlowKey(proto, src, dst) : new FlowKey(proto, dst, src);
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
        FlowOwner owner = syn && !ack ? claimEarly(key, epochNanos) : null;
        if (owner != null) {
            // The SYN watch asked about the connecting end already: add what we know of the other.
            owner.adopt(dstEnd, dstTag, (pending & dstEnd) != 0);
            pending &= dstEnd;
        } else {
            owner = new FlowOwner(key, srcIsA ? srcTag : dstTag, srcIsA ? dstTag : srcTag, pending, epochNanos);
        }
        if ((pending & srcEnd) != 0) {
            submit(owner, srcEnd, src, dst);
        }
        if ((pending & dstEnd) != 0) {
            submit(owner, dstEnd, dst, src);
        }
        return owner;
    }

    /** The owner the SYN watch made for this connection (its SYN, give or take a second), or null. */
    private FlowOwner claimEarly(FlowKey key, long epochNanos) {
        if (early.isEmpty()) {
            return null;
        }
        FlowOwner o = early.remove(key);
        return o != null && Math.abs(o.firstPacketEpochNanos() - epochNanos) < EARLY_MATCH_NANOS ? o : null;
    }

    /** How far apart the two captures' timestamps of one SYN may be (they are the kernel's, so equal in practice). */
    private static final long EARLY_MATCH_NANOS = 1_000_000_000L;
    /** Early owners kept at most; older ones than {@link #EARLY_MATCH_NANOS} are purged first when full. */
    static final int EARLY_MAX = 4096;

    /**
     * SYN watch thread: a TCP SYN (without ACK) seen by the immediate capture of SYNs, before the
     * writer sees it. When its sender is this host's, the lookup of that end starts now (the
     * process may close the socket a millisecond later) and the writer finds the owner when the
     * flow's first packet reaches it. Never blocks; does nothing when the flow is known already.
     */
    void lookAhead(PacketSummary s) {
        if (worker == null || s.transportProtocol != TCP || s.laterFragment || s.srcPort < 0 || s.dstPort < 0
                || (s.tcpFlags & (PacketSummary.SYN | PacketSummary.ACK)) != PacketSummary.SYN) {
            return;
        }
        FlowEndpoint src, dst;
        if ((s.layers & PacketSummary.IP4) != 0) {
            if (!(s.sllPacketType == PacketSummary.SLL_OUTGOING || local.contains(4, 0, s.ip4Src & 0xFFFFFFFFL))) {
                return;
            }
            src = new FlowEndpoint(4, 0, s.ip4Src & 0xFFFFFFFFL, s.srcPort);
            dst = new FlowEndpoint(4, 0, s.ip4Dst & 0xFFFFFFFFL, s.dstPort);
        } else if ((s.layers & PacketSummary.IP6) != 0) {
            if (!(s.sllPacketType == PacketSummary.SLL_OUTGOING || local.contains(6, s.ip6SrcHi, s.ip6SrcLo))) {
                return;
            }
            src = new FlowEndpoint(6, s.ip6SrcHi, s.ip6SrcLo, s.srcPort);
            dst = new FlowEndpoint(6, s.ip6DstHi, s.ip6DstLo, s.dstPort);
        } else {
            return;
        }
        int c = Long.compareUnsigned(src.hi(), dst.hi());
        c = c != 0 ? c : Long.compareUnsigned(src.lo(), dst.lo());
        boolean srcIsA = (c != 0 ? c : Integer.compare(src.port(), dst.port())) <= 0; // as observe orders them
        FlowKey key = srcIsA ? new FlowKey(TCP, src, dst) : new FlowKey(TCP, dst, src);
        int end = srcIsA ? FlowOwner.END_A : FlowOwner.END_B;
        FlowOwner seen = byKey.get(key);
        if (seen != null && Math.abs(seen.firstPacketEpochNanos() - s.epochNanos) < 3 * EARLY_MATCH_NANOS) {
            // The writer was first (its lookup waits in the queue: ask now as well), or this is a retransmitted SYN.
            if (!seen.settled(end)) {
                worker.submitNow(new AttributionWorker.Request(seen, end, src, dst));
            }
            return;
        }
        if (early.size() >= EARLY_MAX) {
            early.values().removeIf(o -> s.epochNanos - o.firstPacketEpochNanos() > EARLY_MATCH_NANOS);
            if (early.size() >= EARLY_MAX) {
                return;
            }
        }
        FlowOwner owner = new FlowOwner(key, null, null, end, s.epochNanos);
        early.put(key, owner);
        if (!worker.submitNow(new AttributionWorker.Request(owner, end, src, dst))) {
            early.remove(key, owner);
        }
    }

    /** The owner the SYN watch made for this flow, not yet adopted by the writer, or null (tests). */
    FlowOwner lookedAhead(FlowKey key) {
        return early.get(key);
    }

    /** Whether the SYN watch may look ahead now (false while lookups are over their CPU budget). */
    boolean lookingAhead() {
        return worker != null && worker.acceptsRequests();
    }

    private void submit(FlowOwner owner, int end, FlowEndpoint self, FlowEndpoint peer) {
        if (worker == null || !worker.submit(new AttributionWorker.Request(owner, end, self, peer))) {
            owner.resolve(end, null, 0); // no lookup will come: settled as unknown
        }
    }

    /** The owners of this flow (either order of the endpoints), or null when not seen. Any thread. */
    public FlowOwner ownerOf(FlowKey key) {
        return byKey.get(key);
    }

    /** The owners of this flow record's conversation, or null. Any thread. */
    public FlowOwner ownerOf(FlowRecord r) {
        return byKey.get(FlowKey.of(r));
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
        byKey.remove(gone.key(), gone);
        int last = store.size() - 1;
        store.remove(e);
        cells[e] = cells[last];
        cells[last] = null;
    }

    @Override
    public void close() {
        if (syns != null) {
            syns.close();
        }
        if (worker != null) {
            worker.close();
        }
    }
}
