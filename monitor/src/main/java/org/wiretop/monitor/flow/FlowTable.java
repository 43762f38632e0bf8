package org.wiretop.monitor.flow;

import static org.wiretop.monitor.flow.FlowLayout.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.wiretop.decode.PacketSummary;

/**
 * The flow tracker: one entry per conversation (protocol and the two endpoints, both directions
 * merged), fed with decoder summaries by the capture thread.
 *
 * <h2>Threads and memory</h2>
 * Single writer: {@link #ingest}, {@link #expire}, {@link #snapshot} and {@link #publishIfDue}
 * are called by the capture thread only, without locks. Other threads read the immutable
 * {@link FlowSnapshot} that {@link #publishIfDue} places in {@link #published()} (design §3).
 * All entries live in a {@link FlowStore} sized for {@link FlowTableConfig#maxFlows()} when the
 * table is built: a packet of a known flow allocates nothing, and a flood of new flows (a SYN
 * flood over random ports) replaces old entries instead of growing memory. When full, the table
 * looks at {@value EvictionSampler#SAMPLES} entries after a rotating cursor and evicts a finished one
 * if any, else the least recently seen (approximate LRU); such evictions are counted apart from idle ones.
 *
 * <h2>What is tracked</h2>
 * <ul>
 *   <li><b>Client</b>: the sender of a SYN (the receiver of a SYN-ACK); otherwise the first
 *       packet's source, unless that packet went from a well-known port (&lt; 1024) to an
 *       ephemeral one, in which case its destination (a reply seen mid-stream).</li>
 *   <li><b>Local side</b>: from the link layer's packet type when present (SLL/SLL2:
 *       OUTGOING means the source is ours, HOST the destination), else from
 *       {@link LocalAddresses}.</li>
 *   <li><b>TCP state</b> as observed ({@link TcpState}); a SYN on a CLOSED or RESET entry starts a
 *       new conversation in the same entry (port reuse).</li>
 *   <li><b>Handshake RTT</b>: client side = SYN-ACK time − latest SYN time; initial RTT = ACK of the
 *       SYN-ACK − latest SYN time (tshark's {@code tcp.analysis.initial_rtt}, which also uses the
 *       most recent SYN).</li>
 *   <li><b>Retransmission / out-of-order</b>: Wireshark's rules in part, see {@link TcpTracking}.</li>
 *   <li><b>For export</b> ({@link FlowExporter}): IP-layer bytes each way, TCP flags ORed each way,
 *       ICMP's first type each way; an exportable table also keeps what was already reported.</li>
 *   <li><b>Rates</b> over a sliding window of {@value #RATE_BUCKETS} time buckets: packets and wire
 *       bytes per second each way, divided by the time the window covers (at least one bucket,
 *       and no earlier than the flow's first packet).</li>
 * </ul>
 * Time is the packets' own timestamps; {@link #expire} and {@link #publishIfDue} take the
 * caller's "now", which must be on the same clock (wall clock live, packet time offline).
 */
public final class FlowTable {
    /** Buckets of the sliding rate window. */
    public static final int RATE_BUCKETS = 4;

    /** {@code X_START} when no packet came since the last export. */
    static final long NO_INTERVAL = Long.MIN_VALUE;
    static final long ONE_PACKET = 1L << 40;
    static final long BYTES_MASK = ONE_PACKET - 1;
    static final TcpState[] STATES = TcpState.values();

    private static final long SEQ_MASK = 0xFFFFFFFFL;
    private static final int TCP = 6, UDP = 17, ICMP = 1, ICMPV6 = 58;

    private final FlowTableConfig config;
    private final LocalAddresses local;
    final FlowStore store;
    /** The store's words (entries laid out as {@link FlowLayout} says). */
    final long[] d;
    private final int stride;
    private final boolean exportable;
    /** Told before an entry is evicted or reused, so its unexported counts leave first (or null). */
    private Retirement retirement;
    private final RateWindow rates;
    private final TcpTracking tcp;
    private final AtomicReference<FlowSnapshot> published;

    private long packets, untracked, flowsCreated, evictedIdle, evictedForSpace;
    private long startNanos;
    private boolean started;
    private long clock;
    private long lastPublishNanos;
    private boolean everPublished;
    private final EvictionSampler eviction = new EvictionSampler();

    public FlowTable(FlowTableConfig config, LocalAddresses local) {
        this(config, local, false);
    }

    /**
     * @param exportable keep per-flow export state for a {@link FlowExporter}
     *                   ({@value FlowLayout#EXPORT_WORDS} more words an entry)
     */
    public FlowTable(FlowTableConfig config, LocalAddresses local, boolean exportable) {
        this.config = config;
        this.local = local;
        this.exportable = exportable;
        this.stride = exportable ? STRIDE_EXPORTABLE : STRIDE;
        this.store = new FlowStore(config.maxFlows(), stride);
        this.d = store.data;
        this.rates = new RateWindow(d, config.rateWindowNanos() / RATE_BUCKETS);
        this.tcp = new TcpTracking(d);
        this.published = new AtomicReference<>(FlowSnapshot.empty(config.maxFlows()));
    }

    /** The entries' TCP words (the exporter reads the handshake times). */
    TcpTracking tcp() {
        return tcp;
    }

    /** A table with the default limits and this host's addresses. */
    public static FlowTable withDefaults() {
        return new FlowTable(FlowTableConfig.defaults(), LocalAddresses.fromSystem());
    }

    public FlowTableConfig config() {
        return config;
    }

    /** Flows in the table now. */
    public int size() {
        return store.size();
    }

    /** Longs preallocated for entries and index: the table's fixed footprint, whatever the traffic. */
    public long preallocatedLongs() {
        return (long) d.length + store.indexSlots();
    }

    public long evictedForSpace() {
        return evictedForSpace;
    }

    public long evictedIdle() {
        return evictedIdle;
    }

    /** Accounts one decoded packet. Allocates nothing once its flow exists. */
    public void ingest(PacketSummary s) {
        packets++;
        long t = s.epochNanos;
        if (!started) {
            started = true;
            startNanos = t;
            clock = t;
        } else if (t > clock) {
            clock = t;
        }
        int layers = s.layers;
        int family;
        long sHi, sLo, dHi, dLo;
        if ((layers & PacketSummary.IP4) != 0) {
            family = 4;
            sHi = 0;
            dHi = 0;
            sLo = s.ip4Src & SEQ_MASK;
            dLo = s.ip4Dst & SEQ_MASK;
        } else if ((layers & PacketSummary.IP6) != 0) {
            family = 6;
            sHi = s.ip6SrcHi;
            sLo = s.ip6SrcLo;
            dHi = s.ip6DstHi;
            dLo = s.ip6DstLo;
        } else {
            untracked++;
            return;
        }
        int proto = s.transportProtocol;
        if (proto < 0 || s.laterFragment) {
            untracked++;
            return;
        }
        int sp = 0, dp = 0;
        if (proto == TCP || proto == UDP) {
            sp = s.srcPort;
            dp = s.dstPort;
            if (sp < 0 || dp < 0) {
                untracked++;
                return;
            }
        }
        int order = Long.compareUnsigned(sHi, dHi);
        if (order == 0) {
            order = Long.compareUnsigned(sLo, dLo);
            if (order == 0) {
                order = Integer.compare(sp, dp);
            }
        }
        boolean fromA = order <= 0;
        long meta, aHi, aLo, bHi, bLo;
        if (fromA) {
            meta = FlowStore.meta(proto, family, sp, dp);
            aHi = sHi; aLo = sLo; bHi = dHi; bLo = dLo;
        } else {
            meta = FlowStore.meta(proto, family, dp, sp);
            aHi = dHi; aLo = dLo; bHi = sHi; bLo = sLo;
        }
        int hash = FlowStore.hash(meta, aHi, aLo, bHi, bLo);
        int flags = proto == TCP ? s.tcpFlags : -1;
        int entry = store.find(meta, aHi, aLo, bHi, bLo, hash);
        if (entry < 0) {
            if (store.size() == store.capacity()) {
                evictForSpace();
            }
            entry = store.insert(meta, aHi, aLo, bHi, bLo, hash); // its words come zeroed
            start(entry, false, fromA, family, sp, dp, flags, t);
        } else if (flags >= 0 && (flags & (PacketSummary.SYN | PacketSummary.ACK)) == PacketSummary.SYN
                && STATES[(int) (d[store.base(entry) + INFO] & STATE_MASK)].isFinished()) {
            retire(entry, FlowExportRecord.END_OF_FLOW);
            start(entry, true, fromA, family, sp, dp, flags, t); // port reuse: a new conversation
        }

        int b = store.base(entry);
        int side = b + (fromA ? SIDE_A : SIDE_B);
        int wire = s.wireLength;
        d[side + PKTS]++;
        d[side + BYTES] += wire;
        d[side + IP_BYTES] += ipBytes(s, wire);
        int payload = proto == TCP ? s.tcpPayloadLength : proto == UDP ? s.udpPayloadLength : 0;
        if (payload > 0) {
            d[side + PAYLOAD] += payload;
        }
        long info = d[b + INFO];
        int l4Shift = FlowLayout.l4Shift(fromA);
        if (flags >= 0) {
            info |= (flags & L4_MASK) << l4Shift;
        } else if ((proto == ICMP || proto == ICMPV6) && (info >>> l4Shift & L4_MASK) == 0 && s.icmpType >= 0) {
            info |= (long) (1 + (s.icmpType << 8 | (s.icmpCode & 0xff))) << l4Shift;
        }
        if (exportable && (info & OPEN) == 0) {
            info |= OPEN;
            d[b + FlowExporter.X_START] = t;
        }
        int sll = s.sllPacketType;
        if (sll == PacketSummary.SLL_OUTGOING) {
            info |= fromA ? LOCAL_A : LOCAL_B;
        } else if (sll == PacketSummary.SLL_HOST) {
            info |= fromA ? LOCAL_B : LOCAL_A;
        }
        d[b + INFO] = info;
        if (t > d[b + LAST_NS]) {
            d[b + LAST_NS] = t;
        }
        rates.count(b, fromA ? 0 : 1, wire, t);
        if (flags >= 0) {
            tcp.update(b, b + (fromA ? SEQ_A : SEQ_B), fromA, flags, s.tcpSeq, s.tcpAck,
                    Math.max(0, s.tcpPayloadLength), t);
        }
    }

    /** (Re)initialises an entry's fields for a conversation whose first packet is at hand. */
    private void start(int entry, boolean reused, boolean fromA, int family, int sp, int dp, int flags, long t) {
        int b = store.base(entry);
        if (reused) {
            Arrays.fill(d, b + INFO, b + stride, 0L);
        }
        if (exportable) {
            d[b + FlowExporter.X_START] = NO_INTERVAL;
        }
        flowsCreated++;
        boolean clientIsSrc;
        if (flags >= 0 && (flags & PacketSummary.SYN) != 0) {
            clientIsSrc = (flags & PacketSummary.ACK) == 0;
        } else {
            clientIsSrc = !(sp < 1024 && dp >= 1024);
        }
        long info = clientIsSrc == fromA ? CLIENT_IS_A : 0;
        if (local.contains(family, d[b + FlowStore.A_HI], d[b + FlowStore.A_LO])) {
            info |= LOCAL_A;
        }
        if (local.contains(family, d[b + FlowStore.B_HI], d[b + FlowStore.B_LO])) {
            info |= LOCAL_B;
        }
        d[b + INFO] = info;
        d[b + FIRST_NS] = t;
        d[b + LAST_NS] = t;
        d[b + SEQ_A + NEXT_SEQ] = -1;
        d[b + SEQ_B + NEXT_SEQ] = -1;
        d[b + BUCKET_EPOCH] = rates.epochOf(t);
    }

    /**
     * IP-layer bytes of the packet (IPFIX's octetDeltaCount): the IPv4 total length or 40 + the
     * IPv6 payload length; when the header says 0 (segmentation offload, jumbograms), the frame
     * from the network header on.
     */
    static int ipBytes(PacketSummary s, int wire) {
        if ((s.layers & PacketSummary.IP4) != 0) {
            if (s.ipTotalLength > 0) {
                return s.ipTotalLength;
            }
        } else if (s.ip6PayloadLength > 0) {
            return 40 + s.ip6PayloadLength;
        }
        return s.networkOffset >= 0 ? Math.max(0, wire - s.networkOffset) : wire;
    }

    /** The exporter's hook: called on the writer thread before entries are evicted or reused. */
    interface Retirement {
        void retire(int entry, int reason);
    }

    void setRetirement(Retirement r) {
        if (!exportable) {
            throw new IllegalStateException("this flow table keeps no export state");
        }
        this.retirement = r;
    }

    private void retire(int entry, int reason) {
        if (retirement != null) {
            retirement.retire(entry, reason);
        }
    }

    /** Makes room for one flow, giving up the entry {@link EvictionSampler} picks. */
    private void evictForSpace() {
        int victim = eviction.victim(store, d);
        retire(victim, FlowExportRecord.LACK_OF_RESOURCES);
        store.remove(victim);
        evictedForSpace++;
    }

    /**
     * Evicts flows idle for longer than the idle timeout, and CLOSED / RESET flows quiet for longer
     * than the (shorter) finished timeout. Returns how many went.
     */
    public int expire(long nowNanos) {
        if (nowNanos > clock) {
            clock = nowNanos;
        }
        int removed = 0;
        long idle = config.idleTimeoutNanos(), finished = config.finishedTimeoutNanos();
        for (int e = store.size() - 1; e >= 0; e--) { // downwards: removal moves the last entry here
            int b = store.base(e);
            long quiet = nowNanos - d[b + LAST_NS];
            boolean done = STATES[(int) (d[b + INFO] & STATE_MASK)].isFinished();
            if (quiet > idle || (quiet > finished && done)) {
                retire(e, done ? FlowExportRecord.END_OF_FLOW : FlowExportRecord.IDLE_TIMEOUT);
                store.remove(e);
                removed++;
            }
        }
        evictedIdle += removed;
        return removed;
    }

    /** An immutable copy of every flow, rates as of the table's clock (the latest packet). */
    public FlowSnapshot snapshot() {
        return snapshot(clock);
    }

    /** An immutable copy of every flow, rates as of {@code nowNanos}. Capture thread only. */
    public FlowSnapshot snapshot(long nowNanos) {
        int n = store.size();
        List<FlowRecord> flows = new ArrayList<>(n);
        for (int e = 0; e < n; e++) {
            flows.add(record(e, nowNanos));
        }
        return new FlowSnapshot(nowNanos, started ? startNanos : 0, flows, packets, untracked,
                flowsCreated, evictedIdle, evictedForSpace, store.capacity());
    }

    /**
     * Every publish interval: evicts what expired and publishes a fresh snapshot into
     * {@link #published()}. Cheap when not due (one comparison), so the capture thread may call
     * it for every packet or poll. Returns whether it published.
     */
    public boolean publishIfDue(long nowNanos) {
        if (everPublished && nowNanos - lastPublishNanos < config.publishIntervalNanos()) {
            return false;
        }
        everPublished = true;
        lastPublishNanos = nowNanos;
        expire(nowNanos);
        published.set(snapshot(nowNanos));
        return true;
    }

    /** The latest published snapshot; read it from any thread. */
    public AtomicReference<FlowSnapshot> published() {
        return published;
    }

    private FlowRecord record(int e, long now) {
        int b = store.base(e);
        long meta = d[b + FlowStore.META];
        int proto = (int) (meta >>> 40) & 0xff;
        int family = (int) (meta >>> 32) & 0xff;
        FlowEndpoint a = new FlowEndpoint(family, d[b + FlowStore.A_HI], d[b + FlowStore.A_LO], (int) (meta >>> 16) & 0xffff);
        FlowEndpoint bb = new FlowEndpoint(family, d[b + FlowStore.B_HI], d[b + FlowStore.B_LO], (int) meta & 0xffff);
        long info = d[b + INFO];
        boolean clientIsA = (info & CLIENT_IS_A) != 0;
        FlowDirectionStats fromA = rates.direction(b, true, now);
        FlowDirectionStats fromB = rates.direction(b, false, now);
        boolean localA = (info & LOCAL_A) != 0, localB = (info & LOCAL_B) != 0;
        TcpState state = proto == TCP ? STATES[(int) (info & STATE_MASK)] : TcpState.NONE;
        return new FlowRecord(proto, clientIsA ? a : bb, clientIsA ? bb : a,
                clientIsA ? localA : localB, clientIsA ? localB : localA,
                clientIsA ? fromA : fromB, clientIsA ? fromB : fromA,
                d[b + FIRST_NS], d[b + LAST_NS], state, tcp.clientRtt(b, info), tcp.initialRtt(b, info));
    }
}
