package org.wiretop.monitor.flow;

import java.util.concurrent.ConcurrentHashMap;
import org.wiretop.decode.PacketSummary;

/**
 * The meeting point of the {@link SynWatch}'s thread and the writer's, for one connection's
 * connecting end: whichever sees its SYN first starts the lookup, and the other one knows.
 * The SYN watch, first, makes the flow's {@link FlowOwner} here ({@link #early}) and the writer
 * adopts it when the flow's first packet arrives; the writer, first with a lookup of a SYN's
 * sender, lists that flow in {@link #asked} (a few hundred a second at most: lookups keep to a
 * budget), so the SYN watch only hurries its lookup along. Neither map holds every flow: the
 * writer's own table ({@link FlowAttribution}) does that, without a concurrent map's cost per flow.
 */
final class LookAhead {
    /** How far apart the two captures' timestamps of one SYN may be (they are the kernel's, so equal in practice). */
    static final long MATCH_NANOS = 1_000_000_000L;
    /** Early owners kept at most; older ones than {@link #MATCH_NANOS} are purged first when full. */
    static final int MAX = 4096;
    private static final int TCP = 6;

    private final ConcurrentHashMap<FlowKey, FlowOwner> early = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<FlowKey, FlowOwner> asked = new ConcurrentHashMap<>();
    private final LocalAddresses local;
    private final AttributionWorker worker;

    LookAhead(LocalAddresses local, AttributionWorker worker) {
        this.local = local;
        this.worker = worker;
    }

    /** Writer thread: whether the SYN watch left any owner to adopt (most floods: none, and no key is made). */
    boolean hasEarly() {
        return !early.isEmpty();
    }

    /** Writer thread: the owner the SYN watch made for this connection (its SYN, give or take a second), or null. */
    FlowOwner claim(FlowKey key, long epochNanos) {
        FlowOwner o = early.remove(key);
        return o != null && Math.abs(o.firstPacketEpochNanos() - epochNanos) < MATCH_NANOS ? o : null;
    }

    /** Writer thread: its lookup of this SYN's sender was queued. */
    void asked(FlowOwner owner) {
        asked.put(owner.key(), owner);
    }

    /** Writer thread: a flow it {@link #asked} about is forgotten. */
    void forget(FlowOwner owner) {
        asked.remove(owner.key(), owner);
    }

    /**
     * SYN watch thread: a TCP SYN (without ACK) seen by the immediate capture of SYNs, before the
     * writer sees it. When its sender is this host's, the lookup of that end starts now (the
     * process may close the socket a millisecond later) and the writer finds the owner when the
     * flow's first packet reaches it. Never blocks; does nothing when the flow is known already.
     *
     * @param known the writer's owner of this flow when it is shared with other threads, or null
     */
    void lookAhead(PacketSummary s, java.util.function.Function<FlowKey, FlowOwner> known) {
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
        boolean srcIsA = FlowKey.first(src, dst); // as observe orders them
        FlowKey key = srcIsA ? new FlowKey(TCP, src, dst) : new FlowKey(TCP, dst, src);
        int end = srcIsA ? FlowOwner.END_A : FlowOwner.END_B;
        FlowOwner seen = known != null ? known.apply(key) : asked.get(key);
        if (seen != null && Math.abs(seen.firstPacketEpochNanos() - s.epochNanos) < 3 * MATCH_NANOS) {
            // The writer was first (its lookup waits in the queue: ask now as well), or this is a retransmitted SYN.
            if (!seen.settled(end)) {
                worker.submitNow(new AttributionWorker.Request(seen, end, src, dst));
            }
            return;
        }
        if (early.size() >= MAX) {
            early.values().removeIf(o -> s.epochNanos - o.firstPacketEpochNanos() > MATCH_NANOS);
            if (early.size() >= MAX) {
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
    FlowOwner early(FlowKey key) {
        return early.get(key);
    }
}
